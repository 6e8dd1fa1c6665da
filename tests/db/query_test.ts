import assert from "node:assert/strict";
import fc from "fast-check";
import { planLevel, queryObservations, type Resolution } from "../../db/query.ts";
import { writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";

const DAY = 86_400_000;
const START = Date.parse("2025-01-01T06:00:00Z");

/** 60 days of 5-minute prices with one 5,000 $/MWh spike, and 60 days of hourly load. */
async function seed(db: TestDatabase): Promise<void> {
  const ids = await ensureSeries(db.db.sql, [
    {
      key: "lmp.rt.hb_north",
      name: "North LMP",
      unit: "$/MWh",
      intervalSeconds: 300,
      feed: "np6_788",
    },
    { key: "load.actual", name: "Load", unit: "MW", intervalSeconds: 3600, feed: "np6_346" },
  ]);
  const rows = [];
  for (let i = 0; i < 60 * 288; i++) {
    const value = i === 10_000 ? 5000 : 30 + 10 * Math.sin(i / 50);
    rows.push({ seriesId: ids.get("lmp.rt.hb_north")!, ts: new Date(START + i * 300_000), value });
  }
  for (let i = 0; i < 60 * 24; i++) {
    rows.push({
      seriesId: ids.get("load.actual")!,
      ts: new Date(START + i * 3_600_000),
      value: 40_000 + i,
    });
  }
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

Deno.test("queryObservations() point budget holds for any window, resolution and budget", async () => {
  await withDatabase(async (db) => {
    await seed(db);
    const arb = fc.record({
      from: fc.integer({ min: -5 * DAY, max: 65 * DAY }),
      span: fc.integer({ min: 60_000, max: 80 * DAY }),
      resolution: fc.constantFrom<Resolution>("auto", "raw", "5m", "15m", "1h", "1d"),
      agg: fc.constantFrom("avg", "min", "max", "sum", "last" as const),
      maxPoints: fc.integer({ min: 2, max: 3000 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (q) => {
        const start = new Date(START + q.from);
        const end = new Date(start.getTime() + q.span);
        const out = await queryObservations(db.db.sql, {
          keys: ["lmp.rt.hb_north", "load.actual"],
          start,
          end,
          resolution: q.resolution,
          agg: q.agg,
          maxPoints: q.maxPoints,
        });
        for (const s of out) {
          assert.ok(s.t.length <= q.maxPoints, `${s.key} ${s.t.length} > ${q.maxPoints}`);
          assert.equal(s.t.length, s.v.length);
          for (let i = 1; i < s.t.length; i++) assert.ok(s.t[i] > s.t[i - 1], "ascending");
        }
      }),
      { numRuns: 60 },
    );
  });
});

Deno.test("queryObservations() keeps a spike when raw density exceeds the budget", async () => {
  await withDatabase(async (db) => {
    await seed(db);
    const [s] = await queryObservations(db.db.sql, {
      keys: ["lmp.rt.hb_north"],
      start: new Date(START),
      end: new Date(START + 60 * DAY),
      resolution: "raw",
      maxPoints: 500,
    });
    assert.equal(s.downsampled, true);
    assert.ok(s.t.length <= 500);
    assert.equal(Math.max(...s.v), 5000);
    assert.equal(s.t[s.v.indexOf(5000)], START + 10_000 * 300_000);
  });
});

Deno.test("queryObservations() ends a downsampled series at its newest point", async () => {
  await withDatabase(async (db) => {
    const ids = await ensureSeries(db.db.sql, [
      { key: "demand.rt", name: "Demand", unit: "MW", intervalSeconds: 300, feed: "supply_demand" },
    ]);
    // A sawtooth whose newest value (3) is neither the minimum nor the maximum of its window.
    const rows = Array.from({ length: 100 }, (_, i) => ({
      seriesId: ids.get("demand.rt")!,
      ts: new Date(START + i * 300_000),
      value: (i * 7) % 10,
    }));
    await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
    const [s] = await queryObservations(db.db.sql, {
      keys: ["demand.rt"],
      start: new Date(START),
      end: new Date(START + DAY),
      resolution: "raw",
      maxPoints: 5,
    });
    assert.equal(s.downsampled, true);
    assert.ok(s.t.length <= 5);
    assert.deepEqual([s.t.at(-1), s.v.at(-1)], [START + 99 * 300_000, 3]);
    assert.ok(s.v.includes(0) && s.v.includes(9));
  });
});

Deno.test("queryObservations() auto reads the finest level that fits the budget", async () => {
  await withDatabase(async (db) => {
    await seed(db);
    const ask = (days: number, maxPoints: number) =>
      queryObservations(db.db.sql, {
        keys: ["lmp.rt.hb_north"],
        start: new Date(START),
        end: new Date(START + days * DAY),
        maxPoints,
      }).then(([s]) => s);
    const oneDay = await ask(1, 1000);
    assert.deepEqual([oneDay.resolution, oneDay.source, oneDay.t.length], [
      "raw",
      "observations",
      288,
    ]);
    const week = await ask(7, 1000);
    assert.deepEqual([week.resolution, week.source, week.t.length], [
      "15m",
      "observations_15m",
      672,
    ]);
    const month = await ask(30, 1000);
    assert.deepEqual([month.resolution, month.source, month.t.length], [
      "1h",
      "observations_1h",
      720,
    ]);
    const twoMonths = await ask(60, 100);
    assert.equal(twoMonths.resolution, "1d");
    assert.equal(twoMonths.t.length, 60);
  });
});

Deno.test("queryObservations() aggregates a level with the asked function", async () => {
  await withDatabase(async (db) => {
    await seed(db);
    const q = (agg: "avg" | "max" | "sum" | "last") =>
      queryObservations(db.db.sql, {
        keys: ["load.actual"],
        start: new Date(START),
        end: new Date(START + DAY),
        resolution: "1d",
        agg,
      }).then(([s]) => s.v[0]);
    // The first Central day holds hours 0..23 of the series: 40,000 + i.
    assert.equal(await q("max"), 40_023);
    assert.equal(await q("last"), 40_023);
    assert.equal(await q("sum"), 24 * 40_000 + 276);
    assert.equal(await q("avg"), 40_011.5);
  });
});

Deno.test("queryObservations() rejects unknown series and bad arguments", async () => {
  await withDatabase(async (db) => {
    await seed(db);
    const base = { keys: ["load.actual"], start: new Date(START), end: new Date(START + DAY) };
    await assert.rejects(
      () => queryObservations(db.db.sql, { ...base, keys: ["load.nope"] }),
      /Unknown series "load.nope"/,
    );
    await assert.rejects(
      () => queryObservations(db.db.sql, { ...base, end: new Date(START - 1) }),
      /must be before end/,
    );
    await assert.rejects(
      () => queryObservations(db.db.sql, { ...base, maxPoints: 1 }),
      /max_points 1 must be an integer of at least 2/,
    );
  });
});

Deno.test("planLevel() reads raw rows when asked for a level finer than the data", () => {
  const p = planLevel(3600, new Date(START), new Date(START + DAY), "15m", 1000);
  assert.deepEqual([p.level, p.estimate], ["raw", 24]);
});

Deno.test("queryObservations() returns every value and instant bit for bit, in time order", async () => {
  await withDatabase(async (db) => {
    const ids = await ensureSeries(db.db.sql, [
      { key: "odd.values", name: "Odd", unit: "$/MWh", intervalSeconds: 300, feed: "np6_788" },
    ]);
    const values = [
      0.1 + 0.2,
      -1e-7,
      1e21,
      -1e-300, // the smallest magnitude stored besides zero (domain/units.ts)
      123456.789,
      9.87654321e12,
      -0.5,
      2 ** 53 + 2,
      1 / 3,
      -9001.25,
    ];
    // Written newest first, so any order the rows come back in is the query's own.
    const rows = values.map((value, i) => ({
      seriesId: ids.get("odd.values")!,
      ts: new Date(START + (values.length - 1 - i) * 300_000),
      value,
    }));
    await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
    const [got] = await queryObservations(db.db.sql, {
      keys: ["odd.values"],
      start: new Date(START),
      end: new Date(START + DAY),
      resolution: "raw",
    });
    assert.deepEqual(got.t, values.map((_, i) => START + i * 300_000));
    assert.deepEqual(got.v, [...values].reverse());
    const [budget] = await queryObservations(db.db.sql, {
      keys: ["odd.values"],
      start: new Date(START),
      end: new Date(START + DAY),
      resolution: "raw",
      maxPoints: 4,
    });
    assert.ok(budget.downsampled);
    assert.ok(budget.v.includes(1e21) && budget.v.includes(-9001.25));
    assert.deepEqual(budget.t, [...budget.t].sort((a, b) => a - b));
  });
});

Deno.test("queryObservations() reuses series rows only until ensureSeries() runs, in any transaction", async () => {
  await withDatabase(async (db) => {
    await seed(db);
    const ask = async () =>
      (await queryObservations(db.db.sql, {
        keys: ["load.actual"],
        start: new Date(START),
        end: new Date(START + DAY),
        catalogMaxAgeMs: 60_000,
      }))[0];
    assert.equal((await ask()).unit, "MW");
    // Changed behind this process's back: the kept row is still used.
    await db.db.sql`update series set name = 'Renamed elsewhere' where key = 'load.actual'`;
    assert.equal((await ask()).name, "Load");
    // Changed by this process, inside a transaction as ingestion does: read again.
    await db.db.sql.begin(async (tx) => {
      await ensureSeries(tx as unknown as typeof db.db.sql, [
        { key: "load.actual", name: "Load", unit: "GW", intervalSeconds: 3600, feed: "np6_346" },
      ]);
    });
    const fresh = await ask();
    assert.equal(fresh.unit, "GW");
    assert.equal(fresh.intervalSeconds, 3600);
  });
});
