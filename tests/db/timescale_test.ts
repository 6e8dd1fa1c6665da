/**
 * The TimescaleDB schema (compressed hypertable, hierarchical continuous
 * aggregates, policies) and writes into compressed chunks.
 */
import assert from "node:assert/strict";
import { type ObservationRow, writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import { queryObservations } from "../../db/query.ts";
import type { ScratchDatabase } from "../../dev/scratch.ts";
import type { Sql } from "../../db/client.ts";
import { timescaleTest, withTimescale } from "../_timescale.ts";

timescaleTest(
  "observations is a hypertable of 30-day chunks compressed by series in time order, with a 30-day compression policy and no foreign key",
  async () => {
    await withTimescale(async (db) => {
      const sql = db.db.sql;
      const [h] = await sql`select compression_enabled from timescaledb_information.hypertables
      where hypertable_name = 'observations'`;
      assert.equal(h?.compression_enabled, true);
      const settings = await sql`select attname, segmentby_column_index as seg,
        orderby_column_index as ord, orderby_asc as asc
      from timescaledb_information.compression_settings
      where hypertable_name = 'observations' order by attname`;
      assert.deepEqual(settings.map((s) => [s.attname, s.seg, s.ord, s.asc]), [
        ["series_id", 1, null, null],
        ["ts", null, 1, false],
      ]);
      const [dim] = await sql`select column_name, time_interval::text as every
        from timescaledb_information.dimensions where hypertable_name = 'observations'`;
      assert.deepEqual([dim.column_name, dim.every], ["ts", "30 days"]);
      const [policy] = await sql`select config->>'compress_after' as after
      from timescaledb_information.jobs
      where proc_name = 'policy_compression' and hypertable_name = 'observations'`;
      assert.equal(policy.after, "30 days");
      // A chunk created with a foreign key to series locked series: feeds deadlocked.
      const [{ fks }] = await sql`select count(*)::int as fks from pg_constraint
      where conrelid = 'observations'::regclass and contype = 'f'`;
      assert.equal(fks, 0);
    });
  },
);

timescaleTest(
  "the rollups are continuous aggregates 15m → 1h → 1d with real-time aggregation and refresh policies",
  async () => {
    await withTimescale(async (db) => {
      const sql = db.db.sql;
      const caggs = await sql<
        { view_name: string; materialized_only: boolean; source: string; mat: string }[]
      >`
      select view_name, materialized_only, hypertable_name as source,
             materialization_hypertable_name as mat
      from timescaledb_information.continuous_aggregates order by view_name`;
      const by = new Map(caggs.map((c) => [c.view_name, c]));
      assert.deepEqual([...by.keys()].sort(), [
        "observations_15m",
        "observations_1d",
        "observations_1h",
      ]);
      assert.ok(caggs.every((c) => c.materialized_only === false));
      assert.equal(by.get("observations_15m")!.source, "observations");
      assert.equal(by.get("observations_1h")!.source, by.get("observations_15m")!.mat);
      assert.equal(by.get("observations_1d")!.source, by.get("observations_1h")!.mat);
      const policies = await sql`select v.view_name, j.config->>'start_offset' as start,
        j.config->>'end_offset' as end, j.schedule_interval::text as every
      from timescaledb_information.jobs j
      join timescaledb_information.continuous_aggregates v
        on v.materialization_hypertable_name = j.hypertable_name
      where j.proc_name = 'policy_refresh_continuous_aggregate' order by v.view_name`;
      assert.deepEqual(policies.map((p) => [p.view_name, p.start, p.end, p.every]), [
        ["observations_15m", "7 days", "00:15:00", "00:05:00"],
        ["observations_1d", "60 days", "1 day", "01:00:00"],
        ["observations_1h", "14 days", "01:00:00", "00:15:00"],
      ]);
    });
  },
);

/** 20 series of 15-minute data over four months of early 2025, every chunk compressed. */
async function compressedYear(db: ScratchDatabase): Promise<ObservationRow[]> {
  const sql = db.db.sql;
  const ids = await ensureSeries(
    sql,
    Array.from({ length: 20 }, (_, i) => ({
      key: `spp.rt.p${i}`,
      name: `P${i}`,
      unit: "$/MWh",
      intervalSeconds: 900,
      feed: "np6_905",
    })),
  );
  const start = Date.parse("2025-01-06T06:00:00Z");
  const rows: ObservationRow[] = [];
  for (const id of ids.values()) {
    for (let i = 0; i < 120 * 96; i++) {
      rows.push({ seriesId: id, ts: new Date(start + i * 900_000), value: (i % 131) / 4 + id });
    }
  }
  const written = await writeObservations(sql, rows, { variant: "timescale" });
  assert.equal(written.refreshError, undefined);
  await sql`select compress_chunk(c) from show_chunks('observations') c`;
  return rows;
}

/** Every chunk of observations: compressed or not, partially, and its compressed size. */
async function chunkState(sql: Sql) {
  return await sql<{ chunk: string; status: number; bytes: string | null }[]>`
    select c.table_name as chunk, c.status,
           pg_total_relation_size(format('%I.%I', cc.schema_name, cc.table_name))::text as bytes
    from _timescaledb_catalog.chunk c
    join _timescaledb_catalog.hypertable h on h.id = c.hypertable_id
    left join _timescaledb_catalog.chunk cc on cc.id = c.compressed_chunk_id
    where h.table_name = 'observations' and not c.dropped order by c.table_name`;
}

timescaleTest(
  "a re-ingest that changes nothing leaves every compressed chunk as it was",
  async () => {
    await withTimescale(async (db) => {
      const rows = await compressedYear(db);
      const before = await chunkState(db.db.sql);
      assert.ok(before.length >= 4);
      // status 1: compressed; 9 would add "partial" (rows outside the compressed batches).
      assert.ok(before.every((c) => c.status === 1), JSON.stringify(before));
      const again = await writeObservations(db.db.sql, rows, { variant: "timescale" });
      assert.deepEqual([again.inserted, again.revised, again.unchanged], [0, 0, rows.length]);
      assert.deepEqual(await chunkState(db.db.sql), before);
    });
  },
);

timescaleTest(
  "a revision of one old value decompresses at most its own chunk and refreshes its rollups",
  async () => {
    await withTimescale(async (db) => {
      const rows = await compressedYear(db);
      const before = await chunkState(db.db.sql);
      const target = rows[20 * 96 + 7];
      const revised = await writeObservations(db.db.sql, [{ ...target, value: 9999 }], {
        variant: "timescale",
      });
      assert.deepEqual([revised.revised, revised.refreshError], [1, undefined]);
      const after = await chunkState(db.db.sql);
      const changed = after.filter((c, i) =>
        c.status !== before[i].status || c.bytes !== before[i].bytes
      );
      assert.equal(changed.length, 1, `changed chunks: ${JSON.stringify(changed)}`);
      // Only the revised series' batch left the compressed chunk: at most 1,000 rows of one series.
      const [{ loose }] = await db.db.sql.unsafe(
        `select count(*)::int as loose from only _timescaledb_internal.${changed[0].chunk}`,
      );
      assert.ok(loose > 0 && loose <= 1000, `${loose} rows decompressed`);
      const [{ n }] = await db.db.sql`select count(*)::int as n from observation_revisions`;
      assert.equal(n, 1);
      const [series] = await db.db.sql`select key from series where id = ${target.seriesId}`;
      const dayStart = new Date(Date.parse("2025-01-26T06:00:00Z"));
      for (const resolution of ["1h", "1d"] as const) {
        const [s] = await queryObservations(db.db.sql, {
          keys: [series.key],
          start: dayStart,
          end: new Date(dayStart.getTime() + 86_400_000),
          resolution,
          agg: "max",
        });
        assert.equal(Math.max(...s.v), 9999, resolution);
      }
    });
  },
);
