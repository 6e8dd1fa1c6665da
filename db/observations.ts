/**
 * Writing observations: an idempotent bulk upsert. An unchanged value is not
 * rewritten; a changed value is written and its old value kept in
 * `observation_revisions`. Rollups and coverage follow for exactly the buckets
 * and days the write touched.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { Variant } from "./migrate.ts";
import { refreshAggregates, refreshCoverage, refreshPortableRollups } from "./rollups.ts";

/** One row to write, by series id. */
export interface ObservationRow {
  seriesId: number;
  /** Interval start, UTC. */
  ts: Date;
  value: number;
  publishedAt?: Date | null;
}

/** What a write did. */
export interface WriteResult {
  /** Rows given (after removing duplicates within the input: the last wins). */
  rows: number;
  /** New rows. */
  inserted: number;
  /** Existing rows whose value changed (each one revision). */
  revised: number;
  /** Rows whose stored value was already equal and were left alone. */
  unchanged: number;
  /** Distinct 15-minute, hourly and Central-day buckets touched. */
  buckets: { m15: number; h1: number; d1: number };
  /** Ids of series with at least one written row. */
  seriesIds: number[];
  /** Earliest and latest touched instant, or null when nothing was written. */
  window: { start: Date; end: Date } | null;
}

/** Rows per statement; parameters are arrays, so this bounds memory, not parameter count. */
const CHUNK = 20_000;

/**
 * Upserts rows inside the caller's transaction `tx` and, on the portable
 * path, refreshes the rollups for the touched buckets in the same transaction.
 * On TimescaleDB call {@link refreshAggregates} after commit (continuous
 * aggregate refreshes cannot run inside a transaction); {@link writeObservations}
 * does both.
 */
export async function upsertObservations(
  tx: Sql,
  input: ObservationRow[],
  opts: { variant: Variant },
): Promise<WriteResult> {
  const rows = dedupe(input);
  await tx`create temp table if not exists _touched (
    series_id integer not null, ts timestamptz not null) on commit delete rows`;
  await tx`truncate _touched`;
  let inserted = 0, revised = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const r = await upsertChunk(tx, rows.slice(i, i + CHUNK));
    inserted += r.written - r.revised;
    revised += r.revised;
  }
  const [summary] = await tx<
    { m15: number; h1: number; d1: number; start: Date | null; end: Date | null; ids: number[] }[]
  >`
    select count(distinct (series_id, date_bin('15 minutes', ts, timestamptz '2000-01-01')))::int as m15,
           count(distinct (series_id, date_trunc('hour', ts)))::int as h1,
           count(distinct (series_id, date_trunc('day', ts, 'America/Chicago')))::int as d1,
           min(ts) as start, max(ts) as end,
           coalesce(array_agg(distinct series_id), '{}') as ids
    from _touched`;
  if (opts.variant === "portable") await refreshPortableRollups(tx);
  await refreshCoverage(tx);
  return {
    rows: rows.length,
    inserted,
    revised,
    unchanged: rows.length - inserted - revised,
    buckets: { m15: summary.m15, h1: summary.h1, d1: summary.d1 },
    seriesIds: summary.ids.map(Number).sort((a, b) => a - b),
    window: summary.start && summary.end ? { start: summary.start, end: summary.end } : null,
  };
}

/**
 * Writes rows in one transaction, then (on TimescaleDB) refreshes the
 * continuous aggregates over the touched window.
 *
 * @example
 * const result = await writeObservations(sql, rows, { variant: "portable" });
 */
export async function writeObservations(
  sql: Sql,
  rows: ObservationRow[],
  opts: { variant: Variant },
): Promise<WriteResult> {
  const result = await sql.begin((tx) => upsertObservations(tx as unknown as Sql, rows, opts));
  if (opts.variant === "timescale") await refreshAggregates(sql, result.window);
  return result;
}

async function upsertChunk(
  tx: Sql,
  rows: ObservationRow[],
): Promise<{ written: number; revised: number }> {
  const ids = rows.map((r) => r.seriesId);
  const ts = rows.map((r) => r.ts.getTime() / 1000);
  const values = rows.map((r) => r.value);
  const published = rows.map((r) => (r.publishedAt ? r.publishedAt.getTime() / 1000 : null));
  const [r] = await tx<{ written: number; revised: number }[]>`
    with input as (
      select i.series_id, to_timestamp(i.t) as ts, i.value, to_timestamp(i.p) as published_at
      from unnest(${ids}::int[], ${ts}::float8[], ${values}::float8[], ${published}::float8[])
        as i(series_id, t, value, p)
    ), prev as (
      select o.series_id, o.ts, o.value, o.published_at
      from observations o join input i on o.series_id = i.series_id and o.ts = i.ts
    ), up as (
      insert into observations as o (series_id, ts, value, published_at)
      select series_id, ts, value, published_at from input
      on conflict (series_id, ts) do update
        set value = excluded.value, published_at = excluded.published_at, ingested_at = now()
        where o.value is distinct from excluded.value
      returning o.series_id, o.ts, o.value, o.published_at
    ), rev as (
      insert into observation_revisions
        (series_id, ts, old_value, new_value, old_published_at, new_published_at)
      select p.series_id, p.ts, p.value, u.value, p.published_at, u.published_at
      from up u join prev p on p.series_id = u.series_id and p.ts = u.ts
      returning 1
    ), touched as (
      insert into _touched (series_id, ts) select series_id, ts from up returning 1
    )
    select (select count(*) from touched)::int as written, (select count(*) from rev)::int as revised`;
  return r;
}

function dedupe(rows: ObservationRow[]): ObservationRow[] {
  const byKey = new Map<string, ObservationRow>();
  for (const r of rows) {
    if (!Number.isFinite(r.value)) {
      throw new RangeError(`Observation value ${r.value} for series ${r.seriesId} is not finite`);
    }
    byKey.set(`${r.seriesId}|${r.ts.getTime()}`, r);
  }
  return byKey.size === rows.length ? rows : [...byKey.values()];
}
