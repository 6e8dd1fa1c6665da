import assert from "node:assert/strict";
import { FEED_IDS } from "../../ingest/feeds/mod.ts";
import { UNITS } from "../../domain/units.ts";
import {
  AS_PRODUCTS,
  CATALOG,
  DC_TIES,
  editDistance,
  findSeries,
  FUELS,
  isKnownSeries,
  LOAD_ZONES,
  PHYSICAL_HUBS,
  priceFamilyOf,
  SERIES_KEY_PATTERN,
  suggestSeries,
} from "../../domain/catalog.ts";

const FEEDS = new Set<string>(FEED_IDS);

const keysWith = (prefix: string) =>
  CATALOG.filter((s) => s.key.startsWith(prefix)).map((s) => s.key);

Deno.test("CATALOG keys are unique, lower-case, dotted and match the key grammar", () => {
  const keys = CATALOG.map((s) => s.key);
  assert.equal(new Set(keys).size, keys.length);
  for (const key of keys) {
    assert.match(key, /^[a-z][a-z0-9]*(\.[a-z0-9_]+)*$/);
    assert.match(key, SERIES_KEY_PATTERN);
  }
});

Deno.test("CATALOG entries carry a name, unit, interval, known feeds and aliases", () => {
  for (const s of CATALOG) {
    assert.ok(s.name.length > 2 && !/[<>;]/.test(s.name), s.key);
    assert.ok(["$/MWh", "$/MW", "MW", "level"].includes(s.unit), s.key);
    assert.ok([60, 300, 900, 3600, 86400].includes(s.interval), s.key);
    assert.ok(s.feeds.length > 0 && s.feeds.every((f) => FEEDS.has(f)), s.key);
    assert.ok(s.aliases.length > 0 && s.aliases.every((a) => a === a.toLowerCase()), s.key);
  }
});

Deno.test("CATALOG holds every settlement point for each price market", () => {
  const points = ["hb_busavg", "hb_hubavg", ...PHYSICAL_HUBS, ...LOAD_ZONES, ...DC_TIES];
  for (const market of ["spp.rt", "lmp.rt", "spp.da"]) {
    for (const point of points) {
      assert.ok(isKnownSeries(`${market}.${point}`), `${market}.${point}`);
    }
  }
  assert.equal(keysWith("spp.rt.").length, 19 + 8);
  assert.equal(keysWith("lmp.rt.").length, 19);
  assert.equal(keysWith("spp.da.").length, 19);
  assert.ok(isKnownSeries("spp.rt.lz_houston_ew"));
  assert.ok(!isKnownSeries("spp.da.lz_houston_ew"));
});

Deno.test("CATALOG has the system, fuel, renewable and storage families of DESIGN", () => {
  assert.deepEqual(keysWith("mcpc.da.").toSorted(), AS_PRODUCTS.map((p) => `mcpc.da.${p}`));
  assert.deepEqual(keysWith("gen.").toSorted(), FUELS.map((f) => `gen.${f}`));
  assert.equal(FUELS.length, 8);
  assert.deepEqual(keysWith("load.").length, 11);
  for (
    const key of [
      "demand.rt",
      "capacity.available",
      "reserves.prc",
      "load.forecast.dayahead",
      "solar.hsl",
    ]
  ) {
    assert.ok(isKnownSeries(key), key);
  }
  assert.deepEqual(keysWith("wind.").length, 3 + 6);
  assert.deepEqual(keysWith("storage.").toSorted(), [
    "storage.charging",
    "storage.discharging",
    "storage.net",
  ]);
});

Deno.test("CATALOG intervals, units and feeds follow the DESIGN table", () => {
  const expect: [string, number, string, string][] = [
    ["spp.rt.hb_west", 900, "$/MWh", "np6_905"],
    ["lmp.rt.dc_e", 300, "$/MWh", "np6_788"],
    ["spp.da.lz_cps", 3600, "$/MWh", "np4_190"],
    ["mcpc.da.ecrs", 3600, "$/MW", "np4_188"],
    ["load.actual", 3600, "MW", "np6_346"],
    ["load.forecast.north", 3600, "MW", "np3_560"],
    ["load.forecast.dayahead", 3600, "MW", "system_demand"],
    ["demand.rt", 300, "MW", "supply_demand"],
    ["reserves.prc", 60, "MW", "daily_prc"],
    ["gen.nuclear", 300, "MW", "fuel_mix"],
    ["wind.stwpf.south_houston", 3600, "MW", "np4_732"],
    ["solar.stppf", 3600, "MW", "np4_737"],
    ["storage.net", 300, "MW", "storage"],
  ];
  for (const [key, interval, unit, feed] of expect) {
    const s = findSeries(key);
    assert.ok(s, key);
    assert.deepEqual([s.interval, s.unit, s.feeds[0]], [interval, unit, feed], key);
  }
  assert.deepEqual(findSeries("load.actual")?.feeds, ["np6_346", "system_demand"]);
});

Deno.test("findSeries() and isKnownSeries() miss keys outside the catalog", () => {
  assert.equal(findSeries("spp.rt.hb_nowhere"), undefined);
  assert.equal(isKnownSeries("gen.coal"), false);
  assert.equal(isKnownSeries(""), false);
});

Deno.test("SERIES_KEY_PATTERN allows resource nodes in price families only", () => {
  assert.match("spp.rt.some_node_1", SERIES_KEY_PATTERN);
  assert.doesNotMatch("gen.some_node", SERIES_KEY_PATTERN);
  assert.doesNotMatch("spp.rt.HB_WEST", SERIES_KEY_PATTERN);
  assert.doesNotMatch("spp.rt.hb_west;drop", SERIES_KEY_PATTERN);
});

Deno.test("editDistance() counts a swap of adjacent letters as one edit", () => {
  assert.equal(editDistance("hydro", "hydro"), 0);
  assert.equal(editDistance("hyrdo", "hydro"), 1);
  assert.equal(editDistance("solr", "solar"), 1);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("kitten", "sitting"), 3);
});

Deno.test("suggestSeries() ranks the closest keys first", () => {
  assert.equal(suggestSeries("spp.rt.hb_wst")[0], "spp.rt.hb_west");
  assert.equal(suggestSeries("gen.nucler")[0], "gen.nuclear");
  assert.equal(suggestSeries("wind.hsl.west")[0], "wind.hsl");
  assert.ok(suggestSeries("solr").every((k) => k.includes("solar")));
  assert.deepEqual(suggestSeries("hyrdo"), ["gen.hydro"]);
  assert.equal(suggestSeries("spp.rt.hb_west", 1).length, 1);
});

Deno.test("suggestSeries() suggests nothing for unrelated or empty text", () => {
  assert.deepEqual(suggestSeries("weather forecast for tomorrow"), []);
  assert.deepEqual(suggestSeries("   "), []);
});

Deno.test("priceFamilyOf() gives the unit and interval of any settlement point price key", () => {
  assert.deepEqual(priceFamilyOf("lmp.rt.some_resource_node"), {
    prefix: "lmp.rt",
    label: "SCED LMP",
    unit: "$/MWh",
    interval: 300,
  });
  assert.equal(priceFamilyOf("spp.rt.hb_west")?.interval, 900);
  assert.equal(priceFamilyOf("spp.da.another_node")?.interval, 3600);
  assert.equal(priceFamilyOf("mcpc.da.regup"), undefined);
  assert.equal(priceFamilyOf("spp.rtx.hb_west"), undefined);
  for (const s of CATALOG) {
    const family = priceFamilyOf(s.key);
    if (family) assert.deepEqual([s.unit, s.interval], [family.unit, family.interval], s.key);
  }
});

Deno.test("every catalog unit is one of UNITS", () => {
  for (const s of CATALOG) assert.ok(UNITS.includes(s.unit), `${s.key}: ${s.unit}`);
});
