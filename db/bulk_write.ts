/**
 * The bulk path of a write: a document whose series hold nothing yet on any
 * Central day it touches (a new day of prices, a backfill) is inserted with
 * no comparison against stored rows, and its rollups and coverage are
 * computed from the rows in hand instead of being re-read from the table.
 * Every bucket it touches then holds only these rows, so the figures are the
 * ones the merge path would compute from the table, in the same order.
 * Anything else (a revision, a day already partly stored, a small write)
 * takes the merge path of db/observations.ts, and so does a write that finds
 * a concurrent writer stored its rows first, when its transaction runs again.
 *
 * Not `COPY … FROM STDIN`: postgres.js 3.4 loses an error (a key conflict, a
 * lost connection) that arrives after the copy's last row and waits forever,
 * and the embedded database does not take it; one array-parameter insert
 * cost about as much here (BENCHMARKS.md, "Scale").
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { Variant } from "./migrate.ts";
import type { Span } from "./rollups.ts";
import { seriesIntervals } from "./series.ts";
import {
  centralDateOf,
  centralDayEnd,
  centralDayStart,
  formatCentralDate,
} from "../domain/central.ts";

/** One row to write, by series id (db/observations.ts `ObservationRow`). */
interface Row {
  seriesId: number;
  ts: Date;
  value: number;
  publishedAt?: Date | null;
}

/** One Central day: its date and its bounds in epoch seconds. */
interface Day {
  date: string;
  start: number;
  end: number;
}

/**
 * The Central day of each instant, looked up once per UTC hour: a day
 * begins on a whole hour, so every instant of an hour shares its day.
 */
class Days {
  #byHour = new Map<number, Day>();

  of(epochSeconds: number): Day {
    const hour = Math.floor(epochSeconds / 3600);
    let day = this.#byHour.get(hour);
    if (!day) {
      const date = centralDateOf(new Date(hour * 3_600_000));
      day = {
        date: formatCentralDate(date),
        start: centralDayStart(date).getTime() / 1000,
        end: centralDayEnd(date).getTime() / 1000,
      };
      this.#byHour.set(hour, day);
    }
    return day;
  }
}

/** One rollup level: its table, the series it holds, and its bucket of an instant. */
interface Level {
  table: "observations_15m" | "observations_1h" | "observations_1d";
  /** Holds series whose interval is shorter than this many seconds. */
  finerThan: number;
  bucket: (epochSeconds: number, days: Days) => number;
}

// Same buckets as db/rollups.ts: date_bin from 2000-01-01 UTC (a multiple of 900 s), whole UTC
// hours, Central days.
const LEVELS: Level[] = [
  { table: "observations_15m", finerThan: 900, bucket: (t) => t - mod(t, 900) },
  { table: "observations_1h", finerThan: 3600, bucket: (t) => t - mod(t, 3600) },
  { table: "observations_1d", finerThan: 86400, bucket: (t, days) => days.of(t).start },
];

/**
 * A PostgreSQL array literal of numbers (null as NULL), for a `::int[]` or `::float8[]`
 * parameter: built with one join, it costs a third of what postgres.js takes to serialize the
 * same array element by element, which was a tenth of a 96,000-row write (BENCHMARKS.md,
 * "Scale"). Numbers here are finite: `writeObservations()` refuses the rest
 * (`unstorable()` in domain/units.ts).
 */
function arrayLiteral(xs: readonly (number | null)[]): string {
  return `{${xs.map((x) => x ?? "NULL").join(",")}}`;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Running figures of one bucket, fed in time order. */
interface Bucket {
  seriesId: number;
  bucket: number;
  min: number;
  max: number;
  first: number;
  last: number;
  count: number;
  sum: number;
}

/** What the bulk path wrote. */
export interface BulkWrite {
  /** Per series, the first and last instant written. */
  spans: Span[];
}

/**
 * Writes `rows` (no duplicates, all finite) by the bulk path and returns its
 * spans, or returns null, having written nothing, when a series of `rows`
 * already holds a row on one of the Central days the rows fall on. On the
 * portable path the rollups of those days are written too; on TimescaleDB
 * the caller owes the continuous aggregates the spans, as for any write.
 * Coverage is written on both.
 */
export async function writeIntoEmptyDays(
  tx: Sql,
  rows: Row[],
  variant: Variant,
): Promise<BulkWrite | null> {
  const days = new Days();
  const sorted = rows.map((r) => ({ r, t: r.ts.getTime() / 1000 }))
    .sort((a, b) => a.r.seriesId - b.r.seriesId || a.t - b.t);
  const spans: Span[] = [];
  const dayBounds: { id: number; lo: number; hi: number }[] = [];
  for (const { r, t } of sorted) {
    const day = days.of(t);
    const last = spans.at(-1);
    if (last?.seriesId === r.seriesId) last.end = r.ts;
    else {
      spans.push({ seriesId: r.seriesId, start: r.ts, end: r.ts });
      dayBounds.push({ id: r.seriesId, lo: day.start, hi: 0 });
    }
    dayBounds[dayBounds.length - 1].hi = day.end;
  }
  if (await anyStored(tx, dayBounds)) return null;
  const intervals = await seriesIntervals(tx, spans.map((s) => s.seriesId));
  const levels = variant === "portable"
    ? LEVELS.map((level) => ({
      table: level.table,
      buckets: rollUp(sorted, level, intervals, days),
    }))
    : [];
  await insertAll(tx, sorted.map((s) => s.r), levels);
  await writeCoverage(tx, sorted, intervals, days);
  return { spans };
}

/** Whether any series holds a row from `lo` (inclusive) to `hi` (exclusive): one index probe each. */
async function anyStored(tx: Sql, bounds: { id: number; lo: number; hi: number }[]) {
  const [{ stored }] = await tx<{ stored: boolean }[]>`
    select exists (
      select 1
      from unnest(${bounds.map((b) => b.id)}::int[], ${bounds.map((b) => b.lo)}::float8[],
                  ${bounds.map((b) => b.hi)}::float8[]) as s(series_id, lo, hi)
      cross join lateral (
        select 1 from observations o
        where o.series_id = s.series_id
          and o.ts >= to_timestamp(s.lo) and o.ts < to_timestamp(s.hi)
        limit 1) o) as stored`;
  return stored;
}

/**
 * Inserts the rows and their rollup buckets. A concurrent writer that stored
 * one of the rows first leaves this insert short: the transaction is then
 * aborted as a serialization failure, and run again it finds the day taken
 * and merges. A rollup bucket left without its rows is overwritten.
 *
 * No savepoint: postgres.js runs a savepoint's statements outside the
 * transaction's guard (db/client.ts), and a service whose backends were
 * terminated during ingestion was seen waiting forever with one.
 */
async function insertAll(
  tx: Sql,
  rows: Row[],
  levels: { table: Level["table"]; buckets: Bucket[] }[],
): Promise<void> {
  const ids = rows.map((r) => r.seriesId);
  const ts = rows.map((r) => r.ts.getTime() / 1000);
  const values = rows.map((r) => r.value);
  const epoch = (r: Row) => r.publishedAt ? r.publishedAt.getTime() / 1000 : null;
  // A document's rows mostly share one publication time: send it once, not once per row.
  const shared = epoch(rows[0]);
  const published = rows.every((r) => epoch(r) === shared)
    ? tx`${shared}::float8`
    : tx`(${arrayLiteral(rows.map(epoch))}::float8[])[i.k]`;
  const { count } = await tx`
    insert into observations (series_id, ts, value, published_at)
    select i.series_id, to_timestamp(i.t), i.value, to_timestamp(${published})
    from unnest(${arrayLiteral(ids)}::int[], ${arrayLiteral(ts)}::float8[],
                ${arrayLiteral(values)}::float8[])
      with ordinality as i(series_id, t, value, k)
    on conflict (series_id, ts) do nothing`;
  if (count < rows.length) {
    throw Object.assign(
      new Error(`Another writer stored ${rows.length - count} of these rows first`),
      { code: "40001" },
    );
  }
  for (const { table, buckets } of levels) {
    if (buckets.length > 0) await upsertBuckets(tx, table, buckets);
  }
}

/** The buckets of one level, from rows sorted by series then time. */
function rollUp(
  sorted: { r: Row; t: number }[],
  level: Level,
  intervals: Map<number, number>,
  days: Days,
): Bucket[] {
  const out: Bucket[] = [];
  let cur: Bucket | undefined;
  for (const { r, t } of sorted) {
    if (intervals.get(r.seriesId)! >= level.finerThan) continue;
    const bucket = level.bucket(t, days);
    if (cur?.seriesId !== r.seriesId || cur.bucket !== bucket) {
      cur = {
        seriesId: r.seriesId,
        bucket,
        min: r.value,
        max: r.value,
        first: r.value,
        last: r.value,
        count: 0,
        sum: 0,
      };
      out.push(cur);
    }
    cur.min = Math.min(cur.min, r.value);
    cur.max = Math.max(cur.max, r.value);
    cur.last = r.value;
    cur.count++;
    cur.sum += r.value;
  }
  return out;
}

async function upsertBuckets(tx: Sql, table: Level["table"], buckets: Bucket[]): Promise<void> {
  const col = (k: keyof Bucket) => arrayLiteral(buckets.map((b) => b[k]));
  await tx`
    insert into ${tx(table)} as r (series_id, bucket, avg, min, max, first, last, count, sum)
    select b.series_id, to_timestamp(b.bucket), b.sum / b.count, b.min, b.max, b.first, b.last,
           b.count, b.sum
    from unnest(${col("seriesId")}::int[], ${col("bucket")}::float8[], ${col("min")}::float8[],
                ${col("max")}::float8[], ${col("first")}::float8[], ${col("last")}::float8[],
                ${col("count")}::int[], ${col("sum")}::float8[])
      as b(series_id, bucket, min, max, first, last, count, sum)
    on conflict (series_id, bucket) do update set
      avg = excluded.avg, min = excluded.min, max = excluded.max, first = excluded.first,
      last = excluded.last, count = excluded.count, sum = excluded.sum`;
}

/** Coverage of each series-day the rows fall on: every row of such a day is one of them. */
async function writeCoverage(
  tx: Sql,
  sorted: { r: Row; t: number }[],
  intervals: Map<number, number>,
  days: Days,
): Promise<void> {
  const ids: number[] = [], dates: string[] = [], expected: number[] = [], received: number[] = [];
  for (const { r, t } of sorted) {
    const day = days.of(t);
    const k = ids.length - 1;
    if (ids[k] === r.seriesId && dates[k] === day.date) {
      received[k]++;
      continue;
    }
    ids.push(r.seriesId);
    dates.push(day.date);
    // As db/rollups.ts counts it: the day's length over the interval, rounded.
    expected.push(Math.round((day.end - day.start) / intervals.get(r.seriesId)!));
    received.push(1);
  }
  await tx`
    insert into coverage as c (series_id, day, expected, received, updated_at)
    select * , now() from unnest(${arrayLiteral(ids)}::int[], ${dates}::date[],
                                 ${arrayLiteral(expected)}::int[], ${arrayLiteral(received)}::int[])
    on conflict (series_id, day) do update set
      expected = excluded.expected, received = excluded.received, updated_at = now()`;
}
