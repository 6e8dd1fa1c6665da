import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { testDeps, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";

// testDeps' clock reads 2026-01-01T00:01:00Z.
Deno.test("GET /api/v1/series lists derived series with the extent where every input has data", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "spp.rt.hb_north", start: "2025-12-31T20:00:00Z", n: 12 }); // last 22:45
    await seed(db, {
      key: "spp.da.hb_north",
      interval: 3600,
      start: "2025-12-31T18:00:00Z",
      n: 30, // last 2026-01-01T23:00
    });
    const app = createApp(testDeps(db));
    const body = await (await app.request("/api/v1/series?prefix=dart.hb_")).json();
    const byKey = Object.fromEntries(body.series.map((s: { key: string }) => [s.key, s]));
    assert.deepEqual(
      body.series.map((s: { key: string }) => s.key),
      [
        "dart.hb_busavg",
        "dart.hb_houston",
        "dart.hb_hubavg",
        "dart.hb_north",
        "dart.hb_pan",
        "dart.hb_south",
        "dart.hb_west",
      ],
    );
    assert.deepEqual(byKey["dart.hb_north"], {
      key: "dart.hb_north",
      name: "North hub DART (day-ahead minus real-time)",
      type: "derived",
      unit: "$/MWh",
      interval_seconds: 3600,
      feed: "derived",
      first: "2025-12-31T20:00:00.000Z",
      last: "2025-12-31T22:45:00.000Z",
      freshness_seconds: 4560,
      stale_after_seconds: 11700,
      stale: false,
    });
    assert.deepEqual([byKey["dart.hb_west"].last, byKey["dart.hb_west"].stale], [null, true]);
    const search = await (await app.request("/api/v1/series?q=net%20load")).json();
    assert.deepEqual(search.series.map((s: { key: string }) => s.key), ["netload"]);
  });
});

Deno.test("GET /api/v1/series/{key} answers a listed derived series, an unlisted valid spread, and 404s an invalid one", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "spp.rt.lz_aen", start: "2025-12-31T20:00:00Z", n: 8 });
    await seed(db, { key: "spp.rt.lz_cps", start: "2025-12-31T21:00:00Z", n: 8 });
    const app = createApp(testDeps(db));
    const spread = await app.request("/api/v1/series/spread.lz_aen.lz_cps");
    assert.equal(spread.status, 200);
    const body = await spread.json();
    assert.equal(body.name, "Austin Energy load zone minus CPS Energy load zone real-time spread");
    assert.deepEqual([body.first, body.last], [
      "2025-12-31T21:00:00.000Z",
      "2025-12-31T21:45:00.000Z",
    ]);
    const condition = await (await app.request("/api/v1/series/grid.condition")).json();
    assert.deepEqual([condition.unit, condition.last, condition.stale], ["level", null, true]);
    const bad = await app.request("/api/v1/series/spread.lz_aen.lz_aen");
    assert.equal(bad.status, 404);
  });
});
