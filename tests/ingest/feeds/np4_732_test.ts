import assert from "node:assert/strict";
import { SchemaChangedError } from "../../../domain/errors.ts";
import { parseNp4732 } from "../../../ingest/feeds/np4_732.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const RECORDING = recording(
  "mis-np4-732-cd/cdr.00013028.0000000000000000.20250313.135509.WPPHRLYAVGACTNP4732_csv.zip",
);

Deno.test({
  name: "parseNp4732() emits system and regional actuals and forecasts plus the system HSL",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp4732(readRecording(RECORDING));
    assert.deepEqual(seriesKeys(obs), [
      "wind.actual",
      "wind.actual.north",
      "wind.actual.south_houston",
      "wind.actual.west",
      "wind.hsl",
      "wind.stwpf",
      "wind.stwpf.north",
      "wind.stwpf.south_houston",
      "wind.stwpf.west",
    ]);
    assert.deepEqual(seriesOf(obs, "wind.actual")[0], ["2025-03-11T18:00:00.000Z", 15527.49]);
    assert.deepEqual(seriesOf(obs, "wind.hsl")[0], ["2025-03-11T18:00:00.000Z", 17449.72]);
    assert.deepEqual(seriesOf(obs, "wind.stwpf.west")[0], ["2025-03-11T18:00:00.000Z", 12044.5]);
    assertNoDuplicateInstants(obs);
  },
});

Deno.test({
  name: "parseNp4732() skips empty actuals instead of storing 0",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp4732(readRecording(RECORDING));
    const actual = seriesOf(obs, "wind.actual");
    assert.equal(actual.length, 48);
    assert.equal(actual[47][0], "2025-03-13T17:00:00.000Z");
    assert.equal(seriesOf(obs, "wind.stwpf").length, 216);
    assert.ok(
      !obs.some((o) =>
        o.series.startsWith("wind.actual") && o.ts >= new Date("2025-03-13T18:00:00Z")
      ),
    );
  },
});

Deno.test({
  name: "parseNp4732() reads zero-padded integer hour endings such as 09",
  ignore: RECORDING === null,
  fn() {
    const actual = new Map(seriesOf(parseNp4732(readRecording(RECORDING)), "wind.actual"));
    assert.equal(actual.get("2025-03-13T13:00:00.000Z"), 11196.89);
  },
});

Deno.test("parseNp4732() accepts the ACTUAL_* columns used before September 2024", () => {
  const header = [
    "DELIVERY_DATE,HOUR_ENDING,ACTUAL_SYSTEM_WIDE,COP_HSL_SYSTEM_WIDE,STWPF_SYSTEM_WIDE,WGRPP_SYSTEM_WIDE",
    "ACTUAL_LZ_SOUTH_HOUSTON,COP_HSL_LZ_SOUTH_HOUSTON,STWPF_LZ_SOUTH_HOUSTON,WGRPP_LZ_SOUTH_HOUSTON",
    "ACTUAL_LZ_WEST,COP_HSL_LZ_WEST,STWPF_LZ_WEST,WGRPP_LZ_WEST",
    "ACTUAL_LZ_NORTH,COP_HSL_LZ_NORTH,STWPF_LZ_NORTH,WGRPP_LZ_NORTH,DSTFlag",
  ].join(",");
  const obs = parseNp4732(
    bytes(`${header}\n12/01/2020,1,100,1,2,3,10,1,2,3,20,1,2,3,30,1,2,3,N\n`),
  );
  assert.deepEqual(seriesOf(obs, "wind.actual"), [["2020-12-01T06:00:00.000Z", 100]]);
  assert.deepEqual(seriesOf(obs, "wind.actual.north"), [["2020-12-01T06:00:00.000Z", 30]]);
  assert.deepEqual(seriesOf(obs, "wind.hsl"), []);
});

Deno.test("parseNp4732() reports missing regional columns as SchemaChangedError", () => {
  const e = assertThrowsWith(
    () => parseNp4732(bytes("DELIVERY_DATE,HOUR_ENDING,SYSTEM_WIDE_GEN,DSTFlag\n")),
    SchemaChangedError,
    "NP4-732 columns changed: missing COP_HSL_SYSTEM_WIDE",
  );
  assert.equal(e.missing.length, 15);
});
