import assert from "node:assert/strict";
import { parseExpr } from "../../domain/expr.ts";
import { exprStatement, queryExpression } from "../../db/expr.ts";
import { writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import { toParameterized } from "../../db/statement.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";

const T0 = Date.parse("2025-06-01T05:00:00Z");
const Q = 900_000;
const at = (i: number) => T0 + i * Q;

/**
 * Four 15-minute West prices (the third is zero), the West load zone missing the second
 * interval, and twelve 5-minute demands.
 */
async function seed(db: TestDatabase): Promise<void> {
  const ids = await ensureSeries(db.db.sql, [
    { key: "spp.rt.hb_west", name: "West", unit: "$/MWh", intervalSeconds: 900, feed: "np6_905" },
    { key: "spp.rt.lz_west", name: "LZ W", unit: "$/MWh", intervalSeconds: 900, feed: "np6_905" },
    { key: "demand.rt", name: "Demand", unit: "MW", intervalSeconds: 300, feed: "supply_demand" },
  ]);
  const row = (key: string, ms: number, value: number) => ({
    seriesId: ids.get(key)!,
    ts: new Date(ms),
    value,
  });
  const rows = [
    ...[20, 30, 0, 50].map((v, i) => row("spp.rt.hb_west", at(i), v)),
    ...[25, 31, 10, 45].flatMap((v, i) => i === 1 ? [] : [row("spp.rt.lz_west", at(i), v)]),
    ...Array.from({ length: 12 }, (_, i) => row("demand.rt", T0 + i * 300_000, 1000 + 100 * i)),
  ];
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

const window = { start: new Date(T0), end: new Date(at(4)) };

Deno.test("queryExpression() computes on aligned buckets against hand computations", async (t) => {
  await withDatabase(async (db) => {
    await seed(db);
    const sql = db.db.sql;
    await t.step("an instant where one key is missing has no value", async () => {
      const basis = parseExpr("spp.rt.lz_west - spp.rt.hb_west");
      const out = await queryExpression(sql, basis, "West basis", window);
      assert.deepEqual(out.t, [at(0), at(2), at(3)]);
      assert.deepEqual(out.v, [5, 10, -5]);
      assert.equal(out.key, "spp.rt.lz_west - spp.rt.hb_west");
      assert.equal(out.name, "West basis");
      assert.equal(out.unit, "$/MWh");
    });
    await t.step("division by a zero value gives no value for that instant", async () => {
      const ratio = parseExpr("(spp.rt.lz_west - spp.rt.hb_west) / spp.rt.hb_west * 100");
      const out = await queryExpression(sql, ratio, "Basis %", window);
      assert.deepEqual(out.t, [at(0), at(3)]);
      assert.deepEqual(out.v, [25, -10]);
      assert.equal(out.unit, "ratio");
    });
    await t.step("a finer key is read at the coarsest key's buckets", async () => {
      const cost = parseExpr("-spp.rt.hb_west * demand.rt / 1000 + 2 * (3 - 1)");
      const out = await queryExpression(sql, cost, "Cost", window);
      assert.equal(out.resolution, "raw");
      assert.equal(out.intervalSeconds, 900);
      // Demand's 15-minute means: 1100, 1400, 1700, 2000 MW.
      assert.deepEqual(out.t, [at(0), at(1), at(2), at(3)]);
      assert.deepEqual(out.v, [-22 + 4, -42 + 4, 0 + 4, -100 + 4]);
    });
    await t.step("a coarser requested level reads every key at it", async () => {
      const basis = parseExpr("spp.rt.lz_west - spp.rt.hb_west");
      const out = await queryExpression(sql, basis, "West basis", { ...window, resolution: "1h" });
      assert.equal(out.resolution, "1h");
      // Hourly means: zone (25 + 10 + 45) / 3, hub (20 + 30 + 0 + 50) / 4.
      assert.equal(out.t[0], T0);
      assert.ok(Math.abs(out.v[0] - (80 / 3 - 25)) < 1e-9);
    });
    await t.step("a derived key reads like a stored one", async () => {
      const same = parseExpr("spread.lz_west.hb_west * 2 - (spp.rt.lz_west - spp.rt.hb_west)");
      const out = await queryExpression(sql, same, "Twice minus once", window);
      assert.equal(out.source, "derived");
      assert.deepEqual(out.t, [at(0), at(2), at(3)]);
      assert.deepEqual(out.v, [5, 10, -5]);
    });
    await t.step("M4 windows keep the extremes within max_points", async () => {
      const cost = parseExpr("demand.rt - 0");
      const out = await queryExpression(sql, cost, "D", {
        ...window,
        resolution: "5m",
        maxPoints: 3,
      });
      assert.equal(out.downsampled, true);
      assert.ok(out.t.length <= 3);
      assert.ok(out.v.includes(1000) && out.v.includes(2100));
    });
  });
});

Deno.test("exprStatement() binds numbers and names no request text", () => {
  const expr = parseExpr("spp.rt.hb_west * 2.5");
  const o = { ...window, resolution: "auto" as const, agg: "avg" as const, maxPoints: 1000 };
  const { text, params } = toParameterized(exprStatement(expr, o).points);
  assert.ok(params.includes(2.5));
  assert.ok(params.includes("spp.rt.hb_west"));
  assert.ok(!text.includes("2.5") && !text.includes("hb_west"));
});
