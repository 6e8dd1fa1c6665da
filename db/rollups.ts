/**
 * Keeping `observations_15m`, `observations_1h` and `observations_1d` current.
 *
 * Portable path: plain tables refreshed inside the writing transaction. For
 * each series a write touched, every bucket in the span from its first to its
 * last written instant is re-aggregated from `observations` with an index range
 * scan, and only buckets whose figures changed are rewritten. A level holds
 * rows only for series finer than it (a 15-minute series has no 15m rows: its
 * raw rows are that level, and queries read them). TimescaleDB: continuous
 * aggregates refreshed after commit (db/aggregates.ts). 1d buckets are
 * Central-time (America/Chicago) days on both paths.
 *
 * `first`/`last` are the values at the least/greatest instant, taken through
 * `min`/`max` over `[epoch, value]` pairs so that no per-bucket sort is needed.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import { centralDayAfterSql } from "./levels.ts";

/** One series' written span: the buckets containing `start`..`end` are refreshed. */
export interface Span {
  seriesId: number;
  start: Date;
  end: Date;
}

const LEVELS = [
  {
    table: "observations_15m",
    finerThan: 900,
    bucket: "date_bin('15 minutes', o.ts, timestamptz '2000-01-01')",
    lo: "date_bin('15 minutes', s.lo, timestamptz '2000-01-01')",
    hi: "date_bin('15 minutes', s.hi, timestamptz '2000-01-01') + interval '15 minutes'",
  },
  {
    table: "observations_1h",
    finerThan: 3600,
    bucket: "date_trunc('hour', o.ts)",
    lo: "date_trunc('hour', s.lo)",
    hi: "date_trunc('hour', s.hi) + interval '1 hour'",
  },
  {
    table: "observations_1d",
    finerThan: 86400,
    bucket: "date_trunc('day', o.ts, 'America/Chicago')",
    lo: "date_trunc('day', s.lo, 'America/Chicago')",
    hi: centralDayAfterSql("s.hi"),
  },
];

function levelStatement(level: typeof LEVELS[number]): string {
  return `
    insert into ${level.table} as r (series_id, bucket, avg, min, max, first, last, count, sum)
    select o.series_id, ${level.bucket}, avg(o.value), min(o.value), max(o.value),
           (min(array[date_part('epoch', o.ts), o.value]))[2],
           (max(array[date_part('epoch', o.ts), o.value]))[2],
           count(*), sum(o.value)
    from (select x.series_id, to_timestamp(x.lo) as lo, to_timestamp(x.hi) as hi
          from unnest($1::int[], $2::float8[], $3::float8[]) as x(series_id, lo, hi)) s
    join series on series.id = s.series_id and series.interval_seconds < ${level.finerThan}
    join observations o
      on o.series_id = s.series_id and o.ts >= ${level.lo} and o.ts < ${level.hi}
    group by 1, 2
    on conflict (series_id, bucket) do update set
      avg = excluded.avg, min = excluded.min, max = excluded.max, first = excluded.first,
      last = excluded.last, count = excluded.count, sum = excluded.sum
    where (r.avg, r.min, r.max, r.first, r.last, r.count, r.sum)
      is distinct from (excluded.avg, excluded.min, excluded.max, excluded.first,
                        excluded.last, excluded.count, excluded.sum)`;
}

const STATEMENTS = LEVELS.map(levelStatement);

function spanArrays(spans: Span[]): [number[], number[], number[]] {
  return [
    spans.map((s) => s.seriesId),
    spans.map((s) => s.start.getTime() / 1000),
    spans.map((s) => s.end.getTime() / 1000),
  ];
}

/** Rebuilds the 15m, 1h and 1d buckets over each written span. */
export async function refreshPortableRollups(tx: Sql, spans: Span[]): Promise<void> {
  if (spans.length === 0) return;
  const params = spanArrays(spans);
  for (const statement of STATEMENTS) await tx.unsafe(statement, params);
}

const COVERAGE = `
  insert into coverage as c (series_id, day, expected, received, updated_at)
  select d.series_id, d.day,
         (extract(epoch from ((d.day + 1)::timestamp at time zone 'America/Chicago')
                           - (d.day::timestamp at time zone 'America/Chicago'))
           / series.interval_seconds)::int,
         d.received, now()
  from (select o.series_id, (o.ts at time zone 'America/Chicago')::date as day,
               count(*)::int as received
        from (select x.series_id, to_timestamp(x.lo) as lo, to_timestamp(x.hi) as hi
              from unnest($1::int[], $2::float8[], $3::float8[]) as x(series_id, lo, hi)) s
        join observations o
          on o.series_id = s.series_id
         and o.ts >= date_trunc('day', s.lo, 'America/Chicago') and o.ts < ${
  centralDayAfterSql("s.hi")
}
        group by 1, 2) d
  join series on series.id = d.series_id
  on conflict (series_id, day) do update set
    expected = excluded.expected, received = excluded.received, updated_at = now()
  where (c.expected, c.received) is distinct from (excluded.expected, excluded.received)`;

/**
 * Recounts coverage (expected vs received intervals) for every Central-time
 * day in each written span. A day's expected count follows its real length:
 * 23, 24 or 25 hours.
 */
export async function refreshCoverage(tx: Sql, spans: Span[]): Promise<void> {
  if (spans.length === 0) return;
  await tx.unsafe(COVERAGE, spanArrays(spans));
}
