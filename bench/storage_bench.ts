/**
 * Storage benchmark (issue: foundation).
 *
 * 1. Upsert throughput through the data layer (dedupe, upsert with revisions,
 *    rollups and coverage in one transaction) vs a raw `COPY` of the same rows
 *    into the same table on the same PostgreSQL. Targets: ratio ≥ 0.5 and
 *    ≥ 100,000 rows/s.
 * 2. One year of 15-minute data for one series, `maxPoints` 1000: p50 latency of
 *    `queryObservations` (auto, and raw with M4). Target p50 ≤ 20 ms on PostgreSQL.
 * 3. The same on the embedded database, as ratios to PostgreSQL.
 *
 * Run: `deno run -A bench/storage_bench.ts` (DATABASE_URL names the server to
 * create scratch databases on; default postgres://postgres@127.0.0.1:5432/postgres).
 *
 * @module
 */
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import { ensureSeries } from "../db/series.ts";
import { type ObservationRow, writeObservations } from "../db/observations.ts";
import { queryObservations, type Resolution } from "../db/query.ts";
import { loadConfig } from "../config.ts";

const SERIES = 200;
const PER_SERIES = 1000;
const YEAR = 365 * 96;

/** Figures printed as one table and returned for BENCHMARKS.md. */
export interface StorageFigures {
  [name: string]: number;
}

function generate(ids: number[], n: number, start: number): ObservationRow[] {
  const rows: ObservationRow[] = [];
  for (const id of ids) {
    for (let i = 0; i < n; i++) {
      rows.push({
        seriesId: id,
        ts: new Date(start + i * 900_000),
        value: 25 + (i % 97) * 0.37 + id,
      });
    }
  }
  return rows;
}

async function seriesIds(db: ScratchDatabase, n: number): Promise<number[]> {
  const defs = Array.from({ length: n }, (_, i) => ({
    key: `spp.rt.bench_${i}`,
    name: `Bench ${i}`,
    unit: "$/MWh",
    intervalSeconds: 900,
    feed: "np6_905",
  }));
  return [...(await ensureSeries(db.db.sql, defs)).values()];
}

async function upsertRate(db: ScratchDatabase): Promise<{ rate: number; replay: number }> {
  const ids = await seriesIds(db, SERIES);
  const rows = generate(ids, PER_SERIES, Date.parse("2025-01-01T06:00:00Z"));
  const t0 = performance.now();
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
  const rate = rows.length / ((performance.now() - t0) / 1000);
  const t1 = performance.now();
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
  const replay = rows.length / ((performance.now() - t1) / 1000);
  return { rate, replay };
}

async function copyRate(db: ScratchDatabase): Promise<number> {
  const sql = db.db.sql;
  const ids = await seriesIds(db, SERIES);
  await sql`truncate observations`;
  const rows = generate(ids, PER_SERIES, Date.parse("2024-01-01T06:00:00Z"));
  const t0 = performance.now();
  const text = rows.map((r) => `${r.seriesId}\t${r.ts.toISOString()}\t${r.value}\n`).join("");
  const stream = await sql`copy observations (series_id, ts, value) from stdin`.writable();
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    stream.end(text);
  });
  return rows.length / ((performance.now() - t0) / 1000);
}

async function queryP50(db: ScratchDatabase, resolution: Resolution, runs = 40): Promise<number> {
  const [id] = await seriesIds(db, 1);
  const start = Date.parse("2025-01-01T06:00:00Z");
  const key = "spp.rt.bench_0";
  const [{ n }] = await db.db
    .sql`select count(*)::int as n from observations where series_id = ${id}`;
  if (n < YEAR) {
    await writeObservations(db.db.sql, generate([id], YEAR, start), {
      variant: db.migration.variant,
    });
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const [s] = await queryObservations(db.db.sql, {
      keys: [key],
      start: new Date(start),
      end: new Date(start + YEAR * 900_000),
      resolution,
      maxPoints: 1000,
    });
    times.push(performance.now() - t0);
    if (s.t.length > 1000) throw new Error(`Budget broken: ${s.t.length} points`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function measure(baseUrl?: string): Promise<StorageFigures> {
  const a = await openScratchDatabase({ baseUrl });
  const up = await upsertRate(a).finally(() => a.close());
  // COPY FROM STDIN does not pass through the embedded database's socket, so it is measured on PostgreSQL only.
  const b = baseUrl ? await openScratchDatabase({ baseUrl }) : undefined;
  const copy = b ? await copyRate(b).finally(() => b.close()) : NaN;
  const c = await openScratchDatabase({ baseUrl });
  const auto = await queryP50(c, "auto");
  const raw = await queryP50(c, "raw");
  await c.close();
  return { upsert: up.rate, replay: up.replay, copy, auto, raw };
}

if (import.meta.main) {
  const base = loadConfig(Deno.env.toObject()).databaseUrl ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const pg = await measure(base);
  const em = await measure(undefined);
  const f = (n: number) => Math.round(n).toLocaleString("en-US");
  const ms = (n: number) => n.toFixed(2);
  console.log(
    `storage bench: ${SERIES} series × ${PER_SERIES} rows upserted; one year (${YEAR} rows) queried`,
  );
  console.log(
    `postgres upsert           ${f(pg.upsert)} rows/s  (target ≥ 100,000: ×${
      (pg.upsert / 100_000).toFixed(2)
    })`,
  );
  console.log(`postgres COPY             ${f(pg.copy)} rows/s`);
  console.log(
    `postgres upsert / COPY    ${(pg.upsert / pg.copy).toFixed(2)}  (target ≥ 0.5: ×${
      (pg.upsert / pg.copy / 0.5).toFixed(2)
    })`,
  );
  console.log(`postgres replay (no-op)   ${f(pg.replay)} rows/s`);
  console.log(
    `postgres query auto p50   ${ms(pg.auto)} ms  (target ≤ 20 ms: ×${
      (20 / pg.auto).toFixed(1)
    } headroom)`,
  );
  console.log(
    `postgres query raw/M4 p50 ${ms(pg.raw)} ms  (target ≤ 20 ms: ×${
      (20 / pg.raw).toFixed(1)
    } headroom)`,
  );
  console.log(
    `embedded upsert           ${f(em.upsert)} rows/s  (${
      (em.upsert / pg.upsert).toFixed(2)
    } × postgres)`,
  );
  console.log(
    `embedded replay (no-op)   ${f(em.replay)} rows/s  (${
      (em.replay / pg.replay).toFixed(2)
    } × postgres)`,
  );
  console.log(
    `embedded query auto p50   ${ms(em.auto)} ms  (${(em.auto / pg.auto).toFixed(2)} × postgres)`,
  );
  console.log(
    `embedded query raw/M4 p50 ${ms(em.raw)} ms  (${(em.raw / pg.raw).toFixed(2)} × postgres)`,
  );
}
