import assert from "node:assert/strict";
import { derivedSeries, isDerived, listedDerived } from "../../domain/derived.ts";
import { CATALOG, findSeries, PHYSICAL_HUBS, SERIES_KEY_PATTERN } from "../../domain/catalog.ts";

Deno.test("derivedSeries() reads each derived key's inputs, unit and interval", () => {
  assert.deepEqual(derivedSeries("dart.hb_north")?.inputs, ["spp.da.hb_north", "spp.rt.hb_north"]);
  assert.equal(derivedSeries("dart.hb_north")?.interval, 3600);
  assert.deepEqual(derivedSeries("spread.lz_west.hb_west")?.inputs, [
    "spp.rt.lz_west",
    "spp.rt.hb_west",
  ]);
  assert.match(derivedSeries("spread.lz_west.hb_west")!.name, /basis/);
  assert.equal(derivedSeries("tb4.hb_west")?.interval, 86400);
  assert.deepEqual(derivedSeries("tb4.hb_west")?.derivation, {
    kind: "tb",
    n: 4,
    point: "hb_west",
  });
  assert.deepEqual(derivedSeries("netload")?.inputs, [
    "load.actual",
    "wind.actual",
    "solar.actual",
  ]);
  assert.deepEqual(derivedSeries("capacity.headroom")?.inputs, ["capacity.available", "demand.rt"]);
  assert.equal(derivedSeries("grid.condition")?.unit, "level");
});

Deno.test("derivedSeries() refuses unknown points, self-spreads, DC ties and other keys", () => {
  for (
    const key of [
      "dart.hb_nowhere",
      "spread.hb_west.hb_west",
      "tb3.hb_west",
      "dart.dc_e",
      "spread.hb_west",
      "spp.rt.hb_west",
      "netload.x",
    ]
  ) {
    assert.equal(isDerived(key), false, key);
  }
});

Deno.test("the catalog lists derived series and resolves unlisted spreads of two points", () => {
  const listed = listedDerived(PHYSICAL_HUBS).map((d) => d.key);
  for (const key of listed) assert.ok(CATALOG.some((s) => s.key === key), key);
  assert.ok(listed.includes("spread.hb_west.hb_north"));
  assert.ok(!listed.includes("spread.lz_aen.hb_pan"));
  assert.equal(findSeries("spread.lz_aen.hb_pan")?.unit, "$/MWh");
  assert.match("spread.lz_aen.hb_pan", SERIES_KEY_PATTERN);
  assert.match("netload", SERIES_KEY_PATTERN);
});
