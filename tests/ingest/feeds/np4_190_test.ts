import assert from "node:assert/strict";
import { ParseError } from "../../../domain/errors.ts";
import { parseNp4190 } from "../../../ingest/feeds/np4_190.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, handWritten } from "../../_fixtures.ts";

const FALL_BACK = handWritten("np4_190_fallback_2025-11-02.csv");
const SPRING_FORWARD = handWritten("np4_190_springforward_2026-03-08.csv");

Deno.test("parseNp4190() reads 25 hours on a fall-back day, both passes of the repeated hour", () => {
  const obs = parseNp4190(FALL_BACK);
  const north = seriesOf(obs, "spp.da.hb_north");
  assert.equal(north.length, 25);
  assert.equal(north[0][0], "2025-11-02T05:00:00.000Z");
  assert.deepEqual(north.slice(1, 3), [["2025-11-02T06:00:00.000Z", 33.25], [
    "2025-11-02T07:00:00.000Z",
    38.5,
  ]]);
  assert.equal(north[24][0], "2025-11-03T05:00:00.000Z");
  assertNoDuplicateInstants(obs);
});

Deno.test("parseNp4190() reads 23 hours on a spring-forward day", () => {
  const north = seriesOf(parseNp4190(SPRING_FORWARD), "spp.da.hb_north");
  assert.equal(north.length, 23);
  assert.equal(north[1][0], "2026-03-08T07:00:00.000Z");
  assert.equal(north[2][0], "2026-03-08T08:00:00.000Z");
  assert.equal(north[22][0], "2026-03-09T04:00:00.000Z");
});

Deno.test("parseNp4190() keeps hubs, zones and ties and skips resource nodes by default", () => {
  assert.deepEqual(seriesKeys(parseNp4190(FALL_BACK)), [
    "spp.da.dc_l",
    "spp.da.hb_north",
    "spp.da.lz_west",
  ]);
  assert.equal(
    seriesOf(parseNp4190(FALL_BACK, { settlementPoints: "all" }), "spp.da.adl_rn").length,
    25,
  );
});

Deno.test("parseNp4190() reads space-padded prices", () => {
  assert.deepEqual(seriesOf(parseNp4190(FALL_BACK), "spp.da.lz_west")[0], [
    "2025-11-02T05:00:00.000Z",
    30,
  ]);
});

Deno.test("parseNp4190() rejects hour 03:00 on a spring-forward day naming the row", () => {
  const doc = bytes(
    "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n03/08/2026,03:00,HB_NORTH,1,N\n",
  );
  assertThrowsWith(
    () => parseNp4190(doc),
    ParseError,
    'Cannot parse NP4-190 row 2: HourEnding "3" does not exist on 2026-03-08',
  );
});
