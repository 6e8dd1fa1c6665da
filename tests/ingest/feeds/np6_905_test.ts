import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { ParseError, SchemaChangedError } from "../../../domain/errors.ts";
import { parseNp6905 } from "../../../ingest/feeds/np6_905.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, handWritten } from "../../_fixtures.ts";

const HEADER =
  "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag";
const csv = (...rows: string[]) => bytes([HEADER, ...rows].join("\n") + "\n");
const FALL_BACK = handWritten("np6_905_fallback_2025-11-02.csv");
const SPRING_FORWARD = handWritten("np6_905_springforward_2026-03-08.csv");

Deno.test("parseNp6905() keeps both passes of the repeated hour", () => {
  const obs = parseNp6905(FALL_BACK);
  const north = seriesOf(obs, "spp.rt.hb_north");
  assert.equal(north.length, 100);
  assert.equal(north[0][0], "2025-11-02T05:00:00.000Z");
  assert.equal(north[99][0], "2025-11-03T05:45:00.000Z");
  north.forEach(([ts], i) => assert.equal(Date.parse(ts), Date.parse(north[0][0]) + i * 900_000));
  const byTs = new Map(north);
  assert.equal(byTs.get("2025-11-02T06:00:00.000Z"), 35.75 - 1.25 * 3);
  assert.equal(byTs.get("2025-11-02T07:00:00.000Z"), 42);
  assertNoDuplicateInstants(obs);
});

Deno.test("parseNp6905() reads 92 quarter-hours on a spring-forward day", () => {
  const north = seriesOf(parseNp6905(SPRING_FORWARD), "spp.rt.hb_north");
  assert.equal(north.length, 92);
  assert.equal(north[0][0], "2026-03-08T06:00:00.000Z");
  assert.equal(north[7][0], "2026-03-08T07:45:00.000Z");
  assert.equal(north[8][0], "2026-03-08T08:00:00.000Z");
  assert.equal(north[91][0], "2026-03-09T04:45:00.000Z");
});

Deno.test("parseNp6905() keys hubs, zones and ties, suffixing energy-weighted zones with _ew", () => {
  assert.deepEqual(seriesKeys(parseNp6905(FALL_BACK)), [
    "spp.rt.dc_e",
    "spp.rt.hb_busavg",
    "spp.rt.hb_north",
    "spp.rt.lz_houston",
    "spp.rt.lz_houston_ew",
  ]);
  const obs = parseNp6905(csv(
    "11/01/2025,01,1,DC_R,LZ_DCEW,20.5,N",
    "11/01/2025,01,1,HB_HUBAVG,AH,21,N",
  ));
  assert.deepEqual(seriesKeys(obs), ["spp.rt.dc_r_ew", "spp.rt.hb_hubavg"]);
});

Deno.test("parseNp6905() keeps the settlement points of its scope", async (t) => {
  const rows = ["RN", "PCCRN", "LCCRN", "PUN"].map((type, i) =>
    `11/01/2025,01,1,NODE_${i},${type},1,N`
  );
  await t.step("skipped by default", () => assert.deepEqual(parseNp6905(csv(...rows)), []));
  await t.step("kept with all", () => {
    const obs = parseNp6905(FALL_BACK, { settlementPoints: "all" });
    const node = seriesOf(obs, "spp.rt.rab_g1_8");
    assert.equal(node.length, 100);
    assert.ok(node.some(([, v]) => v === -38.25));
    assert.equal(parseNp6905(csv(...rows), { settlementPoints: "all" }).length, 4);
  });
  await t.step("kept with the deprecated resourceNodes", () => {
    assert.equal(parseNp6905(csv(...rows), { resourceNodes: true }).length, 4);
  });
  await t.step("hubs alone with hubs", () => {
    const keys = seriesKeys(parseNp6905(FALL_BACK, { settlementPoints: "hubs" }));
    assert.ok(keys.length > 0 && keys.every((k) => k.startsWith("spp.rt.hb_")), keys.join());
    assert.ok(seriesKeys(parseNp6905(FALL_BACK)).includes("spp.rt.lz_houston_ew"));
  });
});

Deno.test("parseNp6905() reads padded, negative and leading-dot prices", () => {
  const obs = parseNp6905(csv(
    "11/01/2025,01,1,HB_NORTH,HU,      -38.25,N",
    "11/01/2025,01,1,HB_WEST,HU,.01,N",
  ));
  assert.deepEqual(obs.map((o) => o.value), [-38.25, 0.01]);
});

Deno.test("parseNp6905() reads the ZIP ERCOT serves as well as its CSV", () => {
  const name = "cdr.00012301.0000000000000000.20251102.021702.SPPHLZNP6905_20251102_0215.csv";
  const zipped = zipSync({ [name]: FALL_BACK });
  assert.deepEqual(parseNp6905(zipped), parseNp6905(FALL_BACK));
});

Deno.test("parseNp6905() takes time from the rows, not the posting's file name", () => {
  const obs = parseNp6905(csv("10/03/2026,23,3,HB_NORTH,HU,30,N"), {
    fileName: "cdr.00012301.0000000000000000.20261003.224702.SPPHLZNP6905_20261003_2245_csv.zip",
  });
  assert.equal(obs[0].ts.toISOString(), "2026-10-04T03:30:00.000Z");
});

Deno.test("parseNp6905() accepts a boolean DSTFlag and the API's flag spelling", () => {
  const header = HEADER.replace("DSTFlag", "RepeatedHourFlag");
  const obs = parseNp6905(bytes(
    `${header}\n11/02/2025,2,1,HB_NORTH,HU,1,false\n11/02/2025,2,1,HB_NORTH,HU,2,true\n`,
  ));
  assert.deepEqual(seriesOf(obs, "spp.rt.hb_north"), [
    ["2025-11-02T06:00:00.000Z", 1],
    ["2025-11-02T07:00:00.000Z", 2],
  ]);
});

Deno.test("parseNp6905() rejects a repeated hour not told apart by the DST flag", () => {
  assertThrowsWith(
    () => parseNp6905(csv("11/02/2025,02,1,HB_NORTH,HU,1,N", "11/02/2025,02,1,HB_NORTH,HU,2,N")),
    ParseError,
    "row 3: spp.rt.hb_north at 2025-11-02T06:00:00.000Z repeats row 2",
  );
});

Deno.test("parseNp6905() rejects a non-numeric price naming file, row and field", () => {
  const e = assertThrowsWith(
    () =>
      parseNp6905(csv("11/01/2025,01,1,HB_NORTH,HU,1,N", "11/01/2025,01,2,HB_NORTH,HU,abc,N"), {
        fileName: "x.csv",
      }),
    ParseError,
  );
  assert.equal(
    e.message,
    'Cannot parse NP6-905 (x.csv) row 3: SettlementPointPrice "abc" is not a number',
  );
});

Deno.test("parseNp6905() rejects an unknown settlement point type naming the row", () => {
  assertThrowsWith(
    () => parseNp6905(csv("11/01/2025,01,1,HB_NORTH,HUB,1,N")),
    ParseError,
    'Cannot parse NP6-905 row 2: SettlementPointType "HUB" is not a known type',
  );
});

Deno.test("parseNp6905() rejects impossible time labels naming row, field and value", async (t) => {
  const cases: [string, string][] = [
    ["11/01/2025,00,1,HB_NORTH,HU,1,N", 'DeliveryHour "00"'],
    ["11/01/2025,26,1,HB_NORTH,HU,1,N", 'DeliveryHour "26"'],
    ["11/01/2025,24:30,1,HB_NORTH,HU,1,N", 'DeliveryHour "24:30"'],
    [
      "11/01/2025,25,1,HB_NORTH,HU,1,N",
      'DeliveryHour "25" is not an hour ending 1-24 on 2025-11-01',
    ],
    ["03/08/2026,03,1,HB_NORTH,HU,1,N", 'DeliveryHour "3" does not exist on 2026-03-08'],
    ["11/01/2025,01,5,HB_NORTH,HU,1,N", 'DeliveryInterval "5" is not 1-4'],
    ["11/01/2025,01,1,HB_NORTH,HU,1,X", 'DSTFlag "X" is not Y or N'],
    ["13/01/2025,01,1,HB_NORTH,HU,1,N", 'DeliveryDate "13/01/2025"'],
  ];
  for (const [row, fragment] of cases) {
    await t.step(fragment, () => {
      assertThrowsWith(
        () => parseNp6905(csv(row), { fileName: "f.csv" }),
        ParseError,
        "Cannot parse NP6-905 (f.csv) row 2: ",
        fragment,
      );
    });
  }
});

Deno.test("parseNp6905() rejects a truncated ZIP and an HTML page", () => {
  const zipped = zipSync({ "a.csv": FALL_BACK });
  assertThrowsWith(
    () => parseNp6905(zipped.slice(0, 200)),
    ParseError,
    "ZIP archive is truncated or corrupt",
  );
  assertThrowsWith(
    () => parseNp6905(bytes("<html><head><title>ERCOT</title></head></html>")),
    ParseError,
    "got an HTML page instead of CSV",
  );
});

Deno.test("parseNp6905() reports changed columns as SchemaChangedError", () => {
  const e = assertThrowsWith(
    () => parseNp6905(bytes(HEADER.replace("SettlementPointType", "SPType") + ",Extra\n")),
    SchemaChangedError,
  );
  assert.deepEqual(e.missing, ["SettlementPointType"]);
  assert.deepEqual(e.unknown, ["SPType", "Extra"]);
});

Deno.test("parseNp6905() refuses a settlement point name outside A-Z, 0-9, _ and - as a schema change", () => {
  assertThrowsWith(
    () => parseNp6905(csv("11/01/2025,01,1,HB_NORTH,HU,1,N", "11/01/2025,01,1,ALVIN.RN,RN,1,N")),
    SchemaChangedError,
    'row 3 SettlementPointName "ALVIN.RN" is not an ERCOT settlement point name',
  );
});
