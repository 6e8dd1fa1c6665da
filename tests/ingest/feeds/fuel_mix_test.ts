import assert from "node:assert/strict";
import { ParseError, SchemaChangedError } from "../../../domain/errors.ts";
import { parseFuelMix } from "../../../ingest/feeds/fuel_mix.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const SCHEMA_2025 = recording("dashboard-fuel-mix/fuel-mix_2025-10-09T0646.json");
const SCHEMA_2024 = recording("dashboard-fuel-mix/fuel-mix_2024-11-24T0809.json");
const SCHEMA_2023 = recording("dashboard-fuel-mix/fuel-mix_2023-02-02T0439.json");
const FUELS = [
  "coal_and_lignite",
  "hydro",
  "natural_gas",
  "nuclear",
  "other",
  "power_storage",
  "solar",
  "wind",
];
const json = (value: unknown) => bytes(JSON.stringify(value));

Deno.test({
  name: "parseFuelMix() reads the 2025 schema with stamps rounded to interval starts",
  ignore: SCHEMA_2025 === null,
  fn() {
    const obs = parseFuelMix(readRecording(SCHEMA_2025));
    assert.deepEqual(seriesKeys(obs), FUELS.map((f) => `gen.${f}`));
    assert.equal(obs.length, 369 * 8);
    const coal = seriesOf(obs, "gen.coal_and_lignite");
    assert.deepEqual(coal[0], ["2025-10-08T05:00:00.000Z", 10519.1865234375]);
    assert.equal(coal[287][0], "2025-10-09T04:55:00.000Z");
    coal.forEach(([ts], i) => assert.equal(Date.parse(ts), Date.parse(coal[0][0]) + i * 300_000));
    assertNoDuplicateInstants(obs);
  },
});

Deno.test({
  name: "parseFuelMix() reads the 2024 schema with hsl and seasonalCapacity per fuel",
  ignore: SCHEMA_2024 === null,
  fn() {
    const obs = parseFuelMix(readRecording(SCHEMA_2024));
    assert.equal(obs.length, 386 * 8);
    assert.deepEqual(seriesOf(obs, "gen.wind")[0], ["2024-11-23T06:00:00.000Z", 22092.3]);
  },
});

Deno.test({
  name: "parseFuelMix() reads the 2023 schema whose stamps carry no offset as Central time",
  ignore: SCHEMA_2023 === null,
  fn() {
    const obs = parseFuelMix(readRecording(SCHEMA_2023));
    assert.equal(obs.length, 344 * 8);
    assert.deepEqual(seriesOf(obs, "gen.coal_and_lignite")[0], [
      "2023-02-01T06:00:00.000Z",
      10461.9,
    ]);
    assert.ok(seriesOf(obs, "gen.hydro").some(([ts]) => ts === "2023-02-01T06:30:00.000Z"));
    assertNoDuplicateInstants(obs);
  },
});

Deno.test("parseFuelMix() merges one interval split across two stamps seconds apart", () => {
  const obs = parseFuelMix(json({
    data: {
      "2025-10-08": {
        "2025-10-08 09:44:58-0500": { "Wind": { gen: 1 }, "Natural Gas": { gen: 2 } },
        "2025-10-08 09:44:56-0500": { "Solar": { gen: 3 } },
        "2025-10-08 09:49:56-0500": { "Solar": { gen: 4 } },
      },
    },
  }));
  assert.deepEqual(seriesOf(obs, "gen.solar"), [["2025-10-08T14:40:00.000Z", 3], [
    "2025-10-08T14:45:00.000Z",
    4,
  ]]);
  assert.deepEqual(seriesOf(obs, "gen.wind"), [["2025-10-08T14:40:00.000Z", 1]]);
  assert.deepEqual(seriesOf(obs, "gen.natural_gas"), [["2025-10-08T14:40:00.000Z", 2]]);
});

Deno.test("parseFuelMix() rejects a fuel reported twice for one interval", () => {
  assertThrowsWith(
    () =>
      parseFuelMix(json({
        data: {
          "2025-10-08": {
            "2025-10-08 09:44:58-0500": { "Solar": { gen: 1 } },
            "2025-10-08 09:44:56-0500": { "Solar": { gen: 2 } },
          },
        },
      })),
    ParseError,
    "gen.solar at 2025-10-08T14:40:00.000Z repeats",
  );
});

Deno.test("parseFuelMix() reads stamps of each UTC offset across a DST change", () => {
  const obs = parseFuelMix(json({
    data: {
      "2025-11-02": {
        "2025-11-02 01:59:56-0500": { "Nuclear": { gen: 1 } },
        "2025-11-02 01:04:56-0600": { "Nuclear": { gen: 2 } },
      },
    },
  }));
  assert.deepEqual(seriesOf(obs, "gen.nuclear"), [["2025-11-02T06:55:00.000Z", 1], [
    "2025-11-02T07:00:00.000Z",
    2,
  ]]);
});

Deno.test("parseFuelMix() allows negative power storage and ignores a top-level _comment", () => {
  const obs = parseFuelMix(json({
    _comment: "hand-written",
    lastUpdate: "2023-02-02 04:39:55",
    data: { "2026-01-05": { "2026-01-05 23:59:56-0600": { "Power Storage": { gen: -512.5 } } } },
  }));
  assert.deepEqual(seriesOf(obs, "gen.power_storage"), [["2026-01-06T05:55:00.000Z", -512.5]]);
});

Deno.test("parseFuelMix() treats an unknown fuel or a missing gen as a schema change", () => {
  const unknown = assertThrowsWith(
    () =>
      parseFuelMix(
        json({ data: { "2025-10-08": { "2025-10-08 00:04:56-0500": { "Biomass": { gen: 1 } } } } }),
      ),
    SchemaChangedError,
  );
  assert.deepEqual(unknown.unknown, ["Biomass"]);
  const missing = assertThrowsWith(
    () =>
      parseFuelMix(
        json({ data: { "2025-10-08": { "2025-10-08 00:04:56-0500": { "Wind": { mw: 1 } } } } }),
      ),
    SchemaChangedError,
  );
  assert.deepEqual(missing.missing, ["gen"]);
  assert.deepEqual(
    assertThrowsWith(() => parseFuelMix(json({ types: [] })), SchemaChangedError).missing,
    ["data"],
  );
});

Deno.test("parseFuelMix() rejects bad stamps, bad values and HTML naming where", () => {
  assertThrowsWith(
    () => parseFuelMix(json({ data: { d: { "yesterday": { "Wind": { gen: 1 } } } } })),
    ParseError,
    'Cannot parse fuel-mix.json data.d["yesterday"]: Stamp "yesterday" is not a timestamp',
  );
  assertThrowsWith(
    () =>
      parseFuelMix(
        json({ data: { d: { "2025-10-08 00:04:56-0500": { "Wind": { gen: "lots" } } } } }),
      ),
    ParseError,
    'Wind.gen "lots" is not a number',
  );
  assertThrowsWith(
    () => parseFuelMix(bytes("<!doctype html>")),
    ParseError,
    "HTML page instead of JSON",
  );
});
