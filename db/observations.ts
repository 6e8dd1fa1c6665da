/**
 * Writing observations: an idempotent bulk upsert. An unchanged value is not
 * rewritten; a changed value is written and its old value kept in
 * `observation_revisions`. Rollups and coverage follow for exactly the span of
 * buckets and days each series' write touched.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { Variant } from "./migrate.ts";
import { refreshCoverage, refreshPortableRollups, type Span } from "./rollups.ts";
import { owePending, refreshPending } from "./aggregates.ts";
import { retryTransaction } from "./transaction.ts";
import { writeIntoEmptyDays } from "./bulk_write.ts";
import { seriesIntervals } from "./series.ts";
import { unstorable } from "../domain/units.ts";

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
  /**
   * How the rows went in: `bulk` when the whole write went onto days its series held nothing
   * on (db/bulk_write.ts), else `merge`.
   */
  path: "bulk" | "merge";
  /** Per series, the first and last instant written: the buckets refreshed lie within. */
  spans: Span[];
  /** Ids of series with at least one written row. */
  seriesIds: number[];
  /** Earliest and latest instant written, or null when nothing was. */
  window: { start: Date; end: Date } | null;
  /**
   * TimescaleDB: why the continuous aggregates could not be refreshed after
   * commit. The rows are committed and the refresh stays owed for the next write.
   */
  refreshError?: string;
}

/** How a write may go. */
export interface WriteOptions {
  /** Rollup path of the schema. */
  variant: Variant;
}

/** Fewest rows worth the bulk path: below it the merge costs about the same. */
const BULK_FROM = 1_000;

/** Rows per statement; parameters are arrays, so this bounds memory, not parameter count. */
const CHUNK = 25_000;

/**
 * Upserts rows inside the caller's transaction `tx`. On the portable path the
 * rollups of the touched buckets are refreshed in the same transaction; on
 * TimescaleDB the touched spans are recorded as owed, and the caller runs
 * {@link refreshPending} after commit (continuous aggregate refreshes cannot
 * run inside a transaction). {@link writeObservations} does both.
 */
export async function upsertObservations(
  tx: Sql,
  input: ObservationRow[],
  opts: WriteOptions,
): Promise<WriteResult> {
  const rows = dedupe(input);
  // Aggregating a large write in memory is far cheaper than spilling it to disk.
  await tx`set local work_mem = '64MB'`;
  if (rows.length >= BULK_FROM) {
    const bulk = await writeIntoEmptyDays(tx, rows, opts.variant);
    if (bulk) {
      if (opts.variant === "timescale") await owePending(tx, bulk.spans);
      return summary("bulk", rows.length, rows.length, 0, bulk.spans);
    }
  }
  if (rows.length > 0) await seriesIntervals(tx, distinct(rows.map((r) => r.seriesId)));
  const spans = new Map<number, Span>();
  let inserted = 0, revised = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const slice = rows.slice(i, i + CHUNK);
    const chunk = toArrays(slice);
    const found = await compareStored(tx, chunk);
    const added = found.existing < slice.length
      ? await insertNew(tx, chunk, found.existing > 0)
      : 0;
    const changedRows = found.changed.map((k) => slice[k]);
    const changed = changedRows.length ? await updateChanged(tx, toArrays(changedRows)) : 0;
    inserted += added;
    revised += changed;
    // Rollups rewrite only buckets that differ, so a span may be wider than what changed.
    if (added > 0) widen(spans, slice);
    else if (changed > 0) widen(spans, changedRows);
  }
  const list = [...spans.values()].sort((a, b) => a.seriesId - b.seriesId);
  if (opts.variant === "portable") await refreshPortableRollups(tx, list);
  else await owePending(tx, list);
  await refreshCoverage(tx, list);
  return summary("merge", rows.length, inserted, revised, list);
}

function summary(
  path: WriteResult["path"],
  rows: number,
  inserted: number,
  revised: number,
  spans: Span[],
): WriteResult {
  return {
    path,
    rows,
    inserted,
    revised,
    unchanged: rows - inserted - revised,
    spans,
    seriesIds: spans.map((s) => s.seriesId),
    window: spans.length === 0 ? null : {
      start: new Date(Math.min(...spans.map((s) => s.start.getTime()))),
      end: new Date(Math.max(...spans.map((s) => s.end.getTime()))),
    },
  };
}

/**
 * Writes rows in one transaction, then (on TimescaleDB) refreshes the
 * continuous aggregates it and any earlier write still owe; a refresh failure
 * is returned as `refreshError`, not thrown, since the rows are committed.
 *
 * @example
 * const result = await writeObservations(sql, rows, { variant: "portable" });
 */
export async function writeObservations(
  sql: Sql,
  rows: ObservationRow[],
  opts: WriteOptions,
): Promise<WriteResult> {
  const result = await retryTransaction(sql, (tx) => upsertObservations(tx, rows, opts));
  if (opts.variant === "timescale") {
    const { error } = await refreshPending(sql);
    if (error) result.refreshError = error;
  }
  return result;
}

interface Arrays {
  ids: number[];
  ts: number[];
  values: number[];
  published: (number | null)[];
}

function toArrays(rows: ObservationRow[]): Arrays {
  return {
    ids: rows.map((r) => r.seriesId),
    ts: rows.map((r) => r.ts.getTime() / 1000),
    values: rows.map((r) => r.value),
    published: rows.map((r) => (r.publishedAt ? r.publishedAt.getTime() / 1000 : null)),
  };
}

/**
 * Reads which input rows are already stored and which of those differ, as
 * one set-wise join: compressed chunks are read, never written, and the rows
 * come back as two figures, not one row each.
 */
async function compareStored(tx: Sql, a: Arrays): Promise<{ existing: number; changed: number[] }> {
  const [row] = await tx<{ existing: number; changed: number[] }[]>`
    select count(*)::int as existing,
           coalesce(array_agg(i.k - 1) filter (where o.value is distinct from i.value), '{}')
             as changed
    from unnest(${a.ids}::int[], ${a.ts}::float8[], ${a.values}::float8[])
      with ordinality as i(series_id, t, value, k)
    join observations o on o.series_id = i.series_id and o.ts = to_timestamp(i.t)
    where o.series_id = any(${distinct(a.ids)}::int[])
      and o.ts between to_timestamp(${Math.min(...a.ts)}) and to_timestamp(${Math.max(...a.ts)})`;
  return row;
}

/**
 * Inserts the rows not stored yet and returns how many. With `someExist`
 * the stored ones are left out before the insert, so a conflict check never
 * has to look inside a compressed chunk; `on conflict` still covers a row a
 * concurrent writer adds first.
 */
async function insertNew(tx: Sql, a: Arrays, someExist: boolean): Promise<number> {
  const input = tx`
    select i.series_id, to_timestamp(i.t) as ts, i.value, to_timestamp(i.p) as published_at
    from unnest(${a.ids}::int[], ${a.ts}::float8[], ${a.values}::float8[], ${a.published}::float8[])
      as i(series_id, t, value, p)`;
  const fresh = someExist
    ? tx`select * from (${input}) i where not exists (
        select 1 from observations o
        where o.series_id = i.series_id and o.ts = i.ts
          and o.series_id = any(${distinct(a.ids)}::int[])
          and o.ts between to_timestamp(${Math.min(...a.ts)}) and to_timestamp(${
      Math.max(...a.ts)
    }))`
    : input;
  const result = await tx`
    insert into observations (series_id, ts, value, published_at)
    select series_id, ts, value, published_at from (${fresh}) f
    on conflict (series_id, ts) do nothing`;
  return result.count;
}

/**
 * Rewrites the given rows, whose stored values differ, keeping each old value
 * as a revision; the self-join reads the values as they were before this
 * statement. Bounds on series and time, planned as constants, limit the
 * compressed chunks TimescaleDB opens to the batches holding these rows.
 * Returns how many changed.
 */
async function updateChanged(tx: Sql, a: Arrays): Promise<number> {
  const ids = distinct(a.ids);
  const lo = Math.min(...a.ts), hi = Math.max(...a.ts);
  // TimescaleDB reads the bounds only as constants: a plan made for these values, not a generic one.
  await tx`set local plan_cache_mode = force_custom_plan`;
  const [{ n }] = await tx<{ n: number }[]>`
    with input as (
      select i.series_id, to_timestamp(i.t) as ts, i.value, to_timestamp(i.p) as published_at
      from unnest(${a.ids}::int[], ${a.ts}::float8[], ${a.values}::float8[], ${a.published}::float8[])
        as i(series_id, t, value, p)
    ), up as (
      update observations o
      set value = i.value, published_at = i.published_at, ingested_at = now()
      from input i join observations old on old.series_id = i.series_id and old.ts = i.ts
      where o.series_id = i.series_id and o.ts = i.ts and old.value is distinct from i.value
        and o.series_id = any(${ids}::int[]) and old.series_id = any(${ids}::int[])
        and o.ts between to_timestamp(${lo}) and to_timestamp(${hi})
        and old.ts between to_timestamp(${lo}) and to_timestamp(${hi})
      returning o.series_id, o.ts, old.value as old_value, i.value as new_value,
                old.published_at as old_published_at, i.published_at as new_published_at
    ), rev as (
      insert into observation_revisions
        (series_id, ts, old_value, new_value, old_published_at, new_published_at)
      select series_id, ts, old_value, new_value, old_published_at, new_published_at from up
      returning 1)
    select count(*)::int as n from rev`;
  await tx`set local plan_cache_mode to default`;
  return n;
}

function distinct(ids: number[]): number[] {
  return [...new Set(ids)];
}

function widen(spans: Map<number, Span>, rows: ObservationRow[]): void {
  for (const r of rows) {
    const s = spans.get(r.seriesId);
    if (!s) spans.set(r.seriesId, { seriesId: r.seriesId, start: r.ts, end: r.ts });
    else if (r.ts < s.start) s.start = r.ts;
    else if (r.ts > s.end) s.end = r.ts;
  }
}

function dedupe(rows: ObservationRow[]): ObservationRow[] {
  const seen = new Map<number, Map<number, number>>();
  let duplicates = 0;
  rows.forEach((r, i) => {
    const why = unstorable(r.value);
    if (why) {
      throw new RangeError(
        `Observation value ${r.value} for series ${r.seriesId} at ${r.ts.toISOString()} ${why}`,
      );
    }
    let bySeries = seen.get(r.seriesId);
    if (!bySeries) seen.set(r.seriesId, bySeries = new Map());
    if (bySeries.has(r.ts.getTime())) duplicates++;
    bySeries.set(r.ts.getTime(), i);
  });
  if (duplicates === 0) return rows;
  const keep = new Set([...seen.values()].flatMap((m) => [...m.values()]));
  return rows.filter((_, i) => keep.has(i));
}
