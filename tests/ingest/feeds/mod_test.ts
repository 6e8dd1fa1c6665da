import assert from "node:assert/strict";
import { FEED_IDS, FEEDS, isFeedId } from "../../../ingest/feeds/mod.ts";

Deno.test("FEEDS describes every feed id with a parser and a cadence", () => {
  assert.deepEqual(Object.keys(FEEDS).sort(), [...FEED_IDS].sort());
  for (const id of FEED_IDS) {
    const feed = FEEDS[id];
    assert.equal(feed.id, id);
    assert.equal(typeof feed.parse, "function");
    assert.ok(feed.cadenceMinutes > 0);
    if (feed.kind === "mis") {
      assert.ok(feed.reportTypeId && feed.emilId && feed.title.startsWith(feed.emilId), id);
    } else {
      assert.match(feed.dashboard ?? "", /^[a-z-]+\.json$/);
    }
  }
});

Deno.test("FEEDS carries the MIS report type ids ERCOT lists", () => {
  const rtids = Object.fromEntries(FEED_IDS.map((id) => [id, FEEDS[id].reportTypeId]));
  assert.deepEqual(rtids, {
    np6_905: 12301,
    np6_788: 12300,
    np4_190: 12331,
    np4_188: 12329,
    np6_346: 14836,
    np3_560: 12311,
    np4_732: 13028,
    np4_737: 13483,
    fuel_mix: undefined,
    storage: undefined,
    system_demand: undefined,
    supply_demand: undefined,
    daily_prc: undefined,
  });
  assert.equal(FEEDS.np6_905.title, "NP6-905-CD RT SPP");
  assert.equal(FEEDS.storage.dashboard, "energy-storage-resources.json");
});

Deno.test("isFeedId() accepts registered ids only", () => {
  assert.equal(isFeedId("np6_905"), true);
  assert.equal(isFeedId("fuel_mix"), true);
  assert.equal(isFeedId("np6-905"), false);
  assert.equal(isFeedId("toString"), false);
  assert.equal(isFeedId(42), false);
});
