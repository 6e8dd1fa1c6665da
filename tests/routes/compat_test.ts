import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { createEventBus } from "../../bus/events.ts";
import { recordGridStatus } from "../../db/grid_status.ts";
import { publishGridStatus } from "../../bus/publish.ts";
import { createResponseCache } from "../../http/cache.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { seed } from "../_helpers.ts";

// Central date 2025-12-01 runs from 06:00Z to 06:00Z the next day (CST).
async function seedPrices(db: TestDatabase) {
  await seed(db, {
    key: "spp.rt.hb_north",
    start: "2025-12-01T05:00:00Z",
    n: 12,
    value: (i) => 30 + i,
  });
  await seed(db, {
    key: "spp.rt.hb_west",
    start: "2025-12-01T06:00:00Z",
    n: 4,
    value: (i) => 50 + i,
  });
  await seed(db, {
    key: "spp.da.hb_north",
    interval: 3600,
    start: "2025-12-01T06:00:00Z",
    n: 24,
    feed: "np4_190",
  });
}

Deno.test("GET /api/v1/settlement-prices answers rows by Central date for one hub", async (t) => {
  await withDatabase(async (db) => {
    await seedPrices(db);
    const app = createApp(testDeps(db));
    for (const hub of ["HB_NORTH", "hb_north", "north"]) {
      await t.step(hub, async () => {
        const res = await app.request(
          `/api/v1/settlement-prices?start_date=2025-12-01&end_date=2025-12-01&hub=${hub}`,
        );
        assert.equal(res.status, 200);
        const rows = await res.json();
        assert.equal(rows.length, 8);
        assert.deepEqual(rows[0], {
          timestamp: "2025-12-01T06:00:00.000Z",
          hub: "HB_NORTH",
          market: "rt",
          price: 34,
        });
      });
    }
  });
});

Deno.test("GET /api/v1/settlement-prices covers every hub, the day-ahead market and a limit", async (t) => {
  await withDatabase(async (db) => {
    await seedPrices(db);
    const app = createApp(testDeps(db));
    await t.step("all hubs in time order", async () => {
      const today = await (await app.request("/api/v1/settlement-prices")).json();
      assert.equal(today.length, 0, "both dates default to today, 2025-12-31 Central");
      const since = await (await app.request("/api/v1/settlement-prices?start_date=2025-12-01"))
        .json();
      assert.equal(since.length, 12);
      const all = await (await app.request(
        "/api/v1/settlement-prices?start_date=2025-12-01&end_date=2025-12-01",
      )).json();
      assert.equal(all.length, 12);
      assert.deepEqual(all.slice(0, 2).map((r: { hub: string }) => r.hub), ["HB_NORTH", "HB_WEST"]);
    });
    await t.step("day-ahead", async () => {
      const rows = await (await app.request(
        "/api/v1/settlement-prices?start_date=2025-12-01&end_date=2025-12-01&market=da&hub=north",
      )).json();
      assert.equal(rows.length, 24);
      assert.equal(rows[0].market, "da");
    });
    await t.step("limit", async () => {
      const rows = await (await app.request(
        "/api/v1/settlement-prices?start_date=2025-12-01&end_date=2025-12-02&limit=3",
      )).json();
      assert.equal(rows.length, 3);
    });
  });
});

Deno.test("GET /api/v1/settlement-prices rejects bad parameters naming them", async (t) => {
  await withDatabase(async (db) => {
    await seedPrices(db);
    const app = createApp(testDeps(db));
    const cases: [string, number, string][] = [
      ["start_date=2025-12-02&end_date=2025-12-01", 400, "start_date"],
      ["start_date=12/01/2025", 400, "start_date"],
      ["end_date=2025-13-01", 400, "end_date"],
      ["market=week", 400, "market"],
      ["limit=0", 400, "limit"],
      ["hub=HB_ATLANTIS", 404, "hub"],
      ["hub=north;drop", 400, "hub"],
    ];
    for (const [query, status, parameter] of cases) {
      await t.step(query, async () => {
        const res = await app.request(`/api/v1/settlement-prices?${query}`);
        assert.equal(res.status, status);
        assert.equal((await res.json()).parameter, parameter);
      });
    }
  });
});

Deno.test("GET /api/v1/capacity-monitor answers the latest demand, capacity and reserves", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const empty = await (await app.request("/api/v1/capacity-monitor")).json();
    assert.deepEqual(empty, {
      demand: null,
      capacity: null,
      reserves: null,
      headroom_mw: null,
      as_of: null,
    });
    const mw = { unit: "MW", feed: "supply_demand" };
    await seed(db, {
      key: "demand.rt",
      interval: 300,
      start: "2025-12-31T23:00:00Z",
      n: 12,
      value: (i) => 50000 + i,
      ...mw,
    });
    await seed(db, {
      key: "capacity.available",
      interval: 300,
      start: "2025-12-31T23:00:00Z",
      n: 11,
      value: () => 60000,
      ...mw,
    });
    await seed(db, {
      key: "reserves.prc",
      interval: 60,
      start: "2025-12-31T23:50:00Z",
      n: 10,
      value: () => 9000,
      ...mw,
      feed: "daily_prc",
    });
    const body = await (await createApp(testDeps(db)).request("/api/v1/capacity-monitor")).json();
    assert.deepEqual(body.demand, {
      series: "demand.rt",
      value: 50011,
      unit: "MW",
      as_of: "2025-12-31T23:55:00.000Z",
    });
    assert.equal(body.capacity.as_of, "2025-12-31T23:50:00.000Z");
    assert.equal(body.reserves.value, 9000);
    assert.equal(body.headroom_mw, 60000 - 50011);
    assert.equal(body.as_of, "2025-12-31T23:59:00.000Z");
  });
});

Deno.test("GET /api/v1/demand-forecast pairs forecast and actual load hour by hour", async () => {
  await withDatabase(async (db) => {
    const mw = { interval: 3600, unit: "MW" };
    await seed(db, {
      key: "load.forecast",
      start: "2025-12-30T06:00:00Z",
      n: 72,
      value: (i) => 45000 + i,
      feed: "np3_560",
      ...mw,
    });
    await seed(db, {
      key: "load.actual",
      start: "2025-12-30T06:00:00Z",
      n: 40,
      value: (i) => 44000 + i,
      feed: "np6_346",
      ...mw,
    });
    const app = createApp(testDeps(db));
    const body = await (await app.request("/api/v1/demand-forecast")).json();
    assert.equal(body.zone, "system");
    assert.equal(body.start, "2025-12-30T06:00:00.000Z");
    assert.equal(body.end, "2026-01-02T06:00:00.000Z");
    assert.equal(body.rows.length, 72);
    assert.deepEqual(body.rows[0], {
      timestamp: "2025-12-30T06:00:00.000Z",
      forecast: 45000,
      actual: 44000,
      error: 1000,
    });
    assert.equal(body.rows[50].actual, null);
    const north = await (await app.request("/api/v1/demand-forecast?zone=north")).json();
    assert.deepEqual([north.zone, north.rows.length], ["north", 0]);
    const bad = await app.request("/api/v1/demand-forecast?zone=mars");
    assert.equal((await bad.json()).parameter, "zone");
  });
});

Deno.test("GET /api/v1/grid-status is unknown until a condition is recorded, then current", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const cache = createResponseCache();
    const app = createApp(testDeps(db, { bus, cache }));
    const unknown = await (await app.request("/api/v1/grid-status")).json();
    assert.equal(unknown.state, "unknown");
    assert.equal(unknown.as_of, null);
    await waitFor(async () => {
      await app.request("/api/v1/grid-status");
      return cache.stats().entries === 1;
    }, "the unknown state to be cached");
    const status = {
      state: "normal",
      title: "Normal Conditions",
      note: "",
      eeaLevel: 0,
      prc: 10418,
      at: new Date("2025-12-31T23:59:00Z"),
    };
    assert.equal(await recordGridStatus(db.db.sql, status), true);
    await publishGridStatus(bus, status);
    await waitFor(() => cache.stats().entries === 0, "the grid_status event to invalidate it");
    const body = await (await app.request("/api/v1/grid-status")).json();
    assert.deepEqual({ ...body, recorded_at: undefined }, {
      state: "normal",
      title: "Normal Conditions",
      note: "",
      eea_level: 0,
      prc_mw: 10418,
      as_of: "2025-12-31T23:59:00.000Z",
      recorded_at: undefined,
    });
    await bus.close();
  });
});
