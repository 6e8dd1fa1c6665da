/**
 * TimescaleDB path. Runs only when the PostgreSQL under test offers the
 * extension; otherwise every test here is skipped with a loud warning.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { loadConfig } from "../../config.ts";
import { writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import { queryObservations } from "../../db/query.ts";
import { withDatabase } from "../_db.ts";

async function timescaleAvailable(): Promise<boolean> {
  const url = loadConfig(Deno.env.toObject()).databaseUrl;
  if (!url) return false;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_available_extensions where name = 'timescaledb'`;
    return rows.length > 0;
  } finally {
    await sql.end();
  }
}

const available = await timescaleAvailable();
if (!available) {
  console.warn(
    "SKIPPED: TimescaleDB tests (tests/db/timescale_test.ts): the extension is not available on this database",
  );
}

Deno.test({
  name:
    "with TimescaleDB, observations is a compressed hypertable and rollups are hierarchical continuous aggregates",
  ignore: !available,
  fn: () =>
    withDatabase(async (db) => {
      assert.equal(db.capabilities.timescale, true);
      assert.equal(db.migration.variant, "timescale");
      const sql = db.db.sql;
      const [h] = await sql`select compression_enabled from timescaledb_information.hypertables
        where hypertable_name = 'observations'`;
      assert.equal(h?.compression_enabled, true);
      const caggs = await sql<
        { view_name: string; materialized_only: boolean; hypertable_name: string }[]
      >`
        select view_name, materialized_only, hypertable_name
        from timescaledb_information.continuous_aggregates order by view_name`;
      assert.deepEqual(caggs.map((c) => [c.view_name, c.materialized_only]), [
        ["observations_15m", false],
        ["observations_1d", false],
        ["observations_1h", false],
      ]);
      const jobs = await sql`select proc_name from timescaledb_information.jobs
        where proc_name in ('policy_refresh_continuous_aggregate', 'policy_compression')`;
      assert.equal(jobs.length, 4);
    }),
});

Deno.test({
  name: "with TimescaleDB, rollups equal direct aggregation after a write and a revision",
  ignore: !available,
  fn: () =>
    withDatabase(async (db) => {
      const sql = db.db.sql;
      const ids = await ensureSeries(sql, [
        {
          key: "spp.rt.hb_west",
          name: "West",
          unit: "$/MWh",
          intervalSeconds: 900,
          feed: "np6_905",
        },
      ]);
      const id = ids.get("spp.rt.hb_west")!;
      const start = Date.parse("2025-11-02T05:00:00Z");
      const rows = Array.from({ length: 100 }, (_, i) => ({
        seriesId: id,
        ts: new Date(start + i * 900_000),
        value: i,
      }));
      await writeObservations(sql, rows, { variant: "timescale" });
      await writeObservations(sql, [{ ...rows[5], value: 500 }], { variant: "timescale" });
      const [day] = await queryObservations(sql, {
        keys: ["spp.rt.hb_west"],
        start: new Date(start),
        end: new Date(start + 25 * 3_600_000),
        resolution: "1d",
        agg: "max",
      });
      assert.deepEqual(day.v, [500]);
      const [{ n }] = await sql`select count(*)::int as n from observations_15m
        where bucket >= ${new Date(start)} and bucket < ${new Date(start + 25 * 3_600_000)}`;
      assert.equal(n, 100);
    }),
});
