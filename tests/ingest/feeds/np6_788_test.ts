import assert from "node:assert/strict";
import { ParseError, SchemaChangedError } from "../../../domain/errors.ts";
import { parseNp6788 } from "../../../ingest/feeds/np6_788.ts";
import { assertThrowsWith, seriesKeys, seriesOf } from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const RECORDING = recording(
  "mis-np6-788-cd/cdr.00012300.0000000000000000.20260625.004020.LMPSROSNODENP6788_20260625_004018.rows-subset.csv",
);
const csv = (...rows: string[]) =>
  bytes(["SCEDTimestamp,RepeatedHourFlag,SettlementPoint,LMP", ...rows].join("\n"));

Deno.test({
  name: "parseNp6788() floors the SCED run time to 5 minutes for hubs, zones and ties",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp6788(readRecording(RECORDING));
    assert.equal(obs.length, 19);
    assert.ok(obs.every((o) => o.ts.toISOString() === "2026-06-25T05:40:00.000Z"));
    assert.deepEqual(seriesOf(obs, "lmp.rt.hb_west"), [["2026-06-25T05:40:00.000Z", 28.2]]);
    assert.equal(seriesKeys(obs).filter((k) => k.startsWith("lmp.rt.dc_")).length, 4);
  },
});

Deno.test({
  name: "parseNp6788() keeps every settlement point with `all`, a dash read as an underscore",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp6788(readRecording(RECORDING), { settlementPoints: "all" });
    assert.equal(obs.length, 37);
    assert.deepEqual(seriesOf(obs, "lmp.rt.appalosa_all"), [["2026-06-25T05:40:00.000Z", -38.25]]);
    assert.deepEqual(seriesOf(obs, "lmp.rt.rab_g1_8"), [["2026-06-25T05:40:00.000Z", 27.12]]);
    assert.equal(obs.find((o) => o.series === "lmp.rt.rab_g1_8")?.point, "RAB_G1-8");
    const hubs = seriesKeys(parseNp6788(readRecording(RECORDING), { settlementPoints: "hubs" }));
    assert.ok(hubs.length === 7 && hubs.every((k) => k.startsWith("lmp.rt.hb_")), hubs.join());
  },
});

Deno.test("parseNp6788() separates the passes of the repeated hour by RepeatedHourFlag", () => {
  const obs = parseNp6788(
    csv("11/02/2025 01:02:13,N,HB_NORTH,20", "11/02/2025 01:02:13,Y,HB_NORTH,21"),
  );
  assert.deepEqual(seriesOf(obs, "lmp.rt.hb_north"), [
    ["2025-11-02T06:00:00.000Z", 20],
    ["2025-11-02T07:00:00.000Z", 21],
  ]);
});

Deno.test("parseNp6788() accepts the SCEDTimeStamp and RepeatHourFlag spellings", () => {
  const obs = parseNp6788(
    bytes(
      "SCEDTimeStamp,RepeatHourFlag,SettlementPoint,LMP\n06/25/2026 00:44:59,N,LZ_WEST,       28.90\n",
    ),
  );
  assert.deepEqual(seriesOf(obs, "lmp.rt.lz_west"), [["2026-06-25T05:40:00.000Z", 28.9]]);
});

Deno.test("parseNp6788() rejects a bad SCED timestamp or price naming the row", () => {
  assertThrowsWith(
    () => parseNp6788(csv("06/25/2026 00:40,N,HB_NORTH,1", "06/25/2026 25:40:18,N,HB_NORTH,1")),
    ParseError,
    'Cannot parse NP6-788 row 3: SCEDTimestamp "06/25/2026 25:40:18" is not a timestamp',
  );
  assertThrowsWith(
    () => parseNp6788(csv("06/25/2026 00:40:18,N,HB_NORTH,n/a")),
    ParseError,
    'row 2: LMP "n/a" is not a number',
  );
});

Deno.test("parseNp6788() reports a new column as SchemaChangedError", () => {
  const e = assertThrowsWith(
    () => parseNp6788(bytes("SCEDTimestamp,RepeatedHourFlag,SettlementPoint,LMP,Congestion\n")),
    SchemaChangedError,
  );
  assert.deepEqual(e.unknown, ["Congestion"]);
});

Deno.test("parseNp6788() refuses a document with an odd settlement point name as a schema change", async (t) => {
  for (const name of ["ALVIN RN", "alvin_rn", "ALVIN;RN", "ÄLVIN_RN", "_ALVIN"]) {
    await t.step(JSON.stringify(name), () => {
      const doc = csv("06/25/2026 00:40:18,N,HB_NORTH,20", `06/25/2026 00:40:18,N,${name},21`);
      for (const settlementPoints of ["hubs", "all"] as const) {
        assertThrowsWith(
          () => parseNp6788(doc, { settlementPoints }),
          SchemaChangedError,
          `row 3 SettlementPoint ${JSON.stringify(name)} is not an ERCOT settlement point name`,
        );
      }
    });
  }
});
