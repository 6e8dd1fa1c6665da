import assert from "node:assert/strict";
import { matchSeries } from "../../web/lib/series_search.ts";

const catalog = [
  { key: "spp.rt.hb_west", name: "West hub real-time price", unit: "$/MWh" },
  { key: "lmp.rt.hb_west", name: "West hub SCED LMP", unit: "$/MWh" },
  { key: "spp.da.hb_north", name: "North hub day-ahead price", unit: "$/MWh" },
  { key: "load.actual.west", name: "West forecast zone actual load", unit: "MW" },
  { key: "lmp.rt.some_node", name: "SOME_NODE SCED LMP", unit: "$/MWh" },
];
const keys = (q: string) => matchSeries(catalog, q).map((s) => s.key);

Deno.test("matchSeries() matches loaded series by words in any order across key, name, unit and aliases", async (t) => {
  await t.step("west price finds the West hub prices, not West load", () => {
    assert.deepEqual(keys("west price"), ["spp.rt.hb_west", "lmp.rt.hb_west"]);
    assert.deepEqual(keys("price west"), keys("west price"));
  });
  await t.step("north dam finds the North hub day-ahead price by its alias", () => {
    assert.deepEqual(keys("north dam"), ["spp.da.hb_north"]);
  });
  await t.step("units count: mw load finds loads; a node's $/MWh makes it a price", () => {
    assert.deepEqual(keys("MW west load"), ["load.actual.west"]);
    assert.deepEqual(keys("node price"), ["lmp.rt.some_node"]);
  });
  await t.step("a word nothing has matches nothing; a blank query everything", () => {
    assert.deepEqual(keys("west banana"), []);
    assert.equal(keys("  ").length, catalog.length);
  });
});
