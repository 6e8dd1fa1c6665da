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
  opts: { variant: Variant },
): Promise<WriteResult> {
  const rows = dedupe(input);
  // Aggregating a large write in memory is far cheaper than spilling it to disk.
  await tx`set local work_mem = '64MB'`;
  const spans = new Map<number, Span>();
  let inserted = 0, revised = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const slice = rows.slice(i, i + CHUNK);
    const chunk = toArrays(slice);
    const added = await insertNew(tx, chunk);
    const changed = added < slice.length ? await updateChanged(tx, chunk) : 0;
    inserted += added;
    revised += changed;
    // The chunk's own span bounds what it wrote; rollups rewrite only buckets that differ.
    if (added + changed > 0) widen(spans, slice);
  }
  const list = [...spans.values()].sort((a, b) => a.seriesId - b.seriesId);
  if (opts.variant === "portable") await refreshPortableRollups(tx, list);
  else await owePending(tx, list);
  await refreshCoverage(tx, list);
  return {
    rows: rows.length,
    inserted,
    revised,
    unchanged: rows.length - inserted - revised,
    spans: list,
    seriesIds: list.map((s) => s.seriesId),
    window: list.length === 0 ? null : {
      start: new Date(Math.min(...list.map((s) => s.start.getTime()))),
      end: new Date(Math.max(...list.map((s) => s.end.getTime()))),
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
  opts: { variant: Variant },
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

/** New rows only; existing ones are left for {@link updateChanged}. Returns how many were added. */
async function insertNew(tx: Sql, a: Arrays): Promise<number> {
  const result = await tx`
    insert into observations (series_id, ts, value, published_at)
    select i.series_id, to_timestamp(i.t), i.value, to_timestamp(i.p)
    from unnest(${a.ids}::int[], ${a.ts}::float8[], ${a.values}::float8[], ${a.published}::float8[])
      as i(series_id, t, value, p)
    on conflict (series_id, ts) do nothing`;
  return result.count;
}

/**
 * Existing rows whose value differs: rewritten, with the old value kept as a
 * revision. The self-join reads the values as they were before this statement.
 * Returns how many changed.
 */
async function updateChanged(tx: Sql, a: Arrays): Promise<number> {
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
      returning o.series_id, o.ts, old.value as old_value, i.value as new_value,
                old.published_at as old_published_at, i.published_at as new_published_at
    ), rev as (
      insert into observation_revisions
        (series_id, ts, old_value, new_value, old_published_at, new_published_at)
      select series_id, ts, old_value, new_value, old_published_at, new_published_at from up
      returning 1)
    select count(*)::int as n from rev`;
  return n;
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
    if (!Number.isFinite(r.value)) {
      throw new RangeError(`Observation value ${r.value} for series ${r.seriesId} is not finite`);
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
