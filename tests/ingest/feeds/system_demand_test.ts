import assert from "node:assert/strict";
import { ParseError, SchemaChangedError } from "../../../domain/errors.ts";
import { parseSystemDemand } from "../../../ingest/feeds/system_demand.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const CURRENT = recording("dashboard-system-wide-demand/loadForecastVsActual_2024-11-25T0215.json");
const SCHEMA_2023 = recording(
  "dashboard-system-wide-demand/loadForecastVsActual_2023-02-02T0415.json",
);
const json = (value: unknown) => bytes(JSON.stringify(value));

Deno.test({
  name: "parseSystemDemand() takes timestamp as the hour end and subtracts an hour",
  ignore: CURRENT === null,
  fn() {
    const obs = parseSystemDemand(readRecording(CURRENT));
    assert.deepEqual(seriesKeys(obs), ["load.actual", "load.forecast", "load.forecast.dayahead"]);
    const actual = seriesOf(obs, "load.actual");
    assert.deepEqual(actual[0], ["2024-11-24T06:00:00.000Z", 42015.44]);
    assert.deepEqual(actual[23], ["2024-11-25T05:00:00.000Z", 43938.58]);
    assertNoDuplicateInstants(obs);
  },
});

Deno.test({
  name: "parseSystemDemand() skips keys omitted for hours not yet known",
  ignore: CURRENT === null,
  fn() {
    const obs = parseSystemDemand(readRecording(CURRENT));
    assert.equal(seriesOf(obs, "load.forecast").length, 72);
    assert.equal(seriesOf(obs, "load.forecast.dayahead").length, 48);
    assert.ok(seriesOf(obs, "load.actual").length < 48);
    assert.ok(!seriesOf(obs, "load.actual").some(([ts]) => ts >= "2024-11-26"));
  },
});

Deno.test({
  name: "parseSystemDemand() dates the 2023 schema by dayDate, hourEnding and dstFlag",
  ignore: SCHEMA_2023 === null,
  fn() {
    const obs = parseSystemDemand(readRecording(SCHEMA_2023));
    assert.deepEqual(seriesOf(obs, "load.actual")[0], ["2023-02-01T06:00:00.000Z", 57102.55]);
    assert.deepEqual(seriesOf(obs, "load.forecast").at(-1), [
      "2023-02-04T05:00:00.000Z",
      52285.8387,
    ]);
    assert.equal(obs.length, 148);
  },
});

Deno.test("parseSystemDemand() keeps the repeated hour apart in the 2023 schema by dstFlag", () => {
  const obs = parseSystemDemand(json({
    lastUpdate: "2023-11-05 04:00:00",
    currentDay: {
      dayDate: "2023-11-05 00:00:00",
      data: [
        { hourEnding: 2, dstFlag: "N", systemLoad: 1 },
        { hourEnding: 2, dstFlag: "Y", systemLoad: 2 },
        { hourEnding: 3, dstFlag: "N", systemLoad: 3 },
      ],
    },
  }));
  assert.deepEqual(seriesOf(obs, "load.actual"), [
    ["2023-11-05T06:00:00.000Z", 1],
    ["2023-11-05T07:00:00.000Z", 2],
    ["2023-11-05T08:00:00.000Z", 3],
  ]);
});

Deno.test("parseSystemDemand() rejects rows it cannot date", () => {
  const e = assertThrowsWith(
    () =>
      parseSystemDemand(
        json({ currentDay: { dayDate: "2023-02-01 00:00:00", data: [{ systemLoad: 1 }] } }),
      ),
    SchemaChangedError,
  );
  assert.deepEqual(e.missing, ["timestamp", "hourEnding", "dstFlag"]);
  assertThrowsWith(
    () =>
      parseSystemDemand(
        json({
          currentDay: { data: [{ timestamp: "2024-11-24 01:00:00-0600", systemLoad: "x" }] },
        }),
      ),
    ParseError,
    'currentDay.data[0].systemLoad "x" is not a number',
  );
  assertThrowsWith(
    () =>
      parseSystemDemand(
        json({
          currentDay: { dayDate: "2023-03-12 00:00:00", data: [{ hourEnding: 3, dstFlag: "N" }] },
        }),
      ),
    ParseError,
    'Cannot parse system-wide-demand.json currentDay.data[0]: hourEnding "3" does not exist on 2023-03-12',
  );
});
