import assert from "node:assert/strict";
import { ParseError, SchemaChangedError } from "../../../domain/errors.ts";
import { parseStorage } from "../../../ingest/feeds/storage.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const RECORDING = recording(
  "dashboard-energy-storage-resources/energy-storage-resources_2025-10-09T0641.json",
);
const json = (value: unknown) => bytes(JSON.stringify(value));
const row = (timestamp: string, dstFlag: string, net: number) => ({
  dstFlag,
  netOutput: net,
  timestamp,
});

Deno.test({
  name: "parseStorage() reads timestamp as the interval start across both days",
  ignore: RECORDING === null,
  fn() {
    const obs = parseStorage(readRecording(RECORDING));
    assert.deepEqual(seriesKeys(obs), ["storage.charging", "storage.discharging", "storage.net"]);
    assert.equal(obs.length, 369 * 3);
    const charging = seriesOf(obs, "storage.charging");
    assert.deepEqual(charging[0], ["2025-10-08T05:00:00.000Z", -439.009]);
    assert.equal(charging[287][0], "2025-10-09T04:55:00.000Z");
    assert.equal(charging[368][0], "2025-10-09T11:40:00.000Z");
    assert.ok(charging.every(([, v]) => v <= 0));
    assertNoDuplicateInstants(obs);
  },
});

Deno.test("parseStorage() moves the dstFlag N row of a doubled fall-back stamp an hour earlier", () => {
  const obs = parseStorage(json({
    previousDay: { dayDate: "2024-11-03 03:00:00-0600", data: [] },
    currentDay: {
      dayDate: "2024-11-03 03:00:00-0600",
      data: [
        row("2024-11-03 01:55:00-0500", "N", 1),
        row("2024-11-03 02:00:00-0600", "N", 2),
        row("2024-11-03 01:05:00-0600", "Y", 3),
        row("2024-11-03 02:00:00-0600", "Y", 4),
      ],
    },
  }));
  assert.deepEqual(seriesOf(obs, "storage.net"), [
    ["2024-11-03T06:55:00.000Z", 1],
    ["2024-11-03T07:00:00.000Z", 2],
    ["2024-11-03T07:05:00.000Z", 3],
    ["2024-11-03T08:00:00.000Z", 4],
  ]);
});

Deno.test("parseStorage() skips omitted values and rejects true duplicates", () => {
  const obs = parseStorage(
    json({ currentDay: { data: [{ timestamp: "2025-10-09 06:40:00-0500", netOutput: 5 }] } }),
  );
  assert.deepEqual(obs.map((o) => o.series), ["storage.net"]);
  assertThrowsWith(
    () =>
      parseStorage(json({
        currentDay: {
          data: [row("2025-10-09 06:40:00-0500", "Y", 1), row("2025-10-09 06:40:00-0500", "Y", 1)],
        },
      })),
    ParseError,
    "currentDay.data[1]: storage.net at 2025-10-09T11:40:00.000Z repeats currentDay.data[0]",
  );
});

Deno.test("parseStorage() reports missing blocks or timestamps as a schema change", () => {
  assertThrowsWith(
    () => parseStorage(json({ lastUpdated: "x" })),
    SchemaChangedError,
    "no previousDay, currentDay",
  );
  const e = assertThrowsWith(
    () => parseStorage(json({ currentDay: { data: [{ netOutput: 1 }] } })),
    SchemaChangedError,
    "currentDay.data[0] lacks timestamp",
  );
  assert.deepEqual(e.missing, ["timestamp"]);
});
