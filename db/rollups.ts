/**
 * Keeping `observations_15m`, `observations_1h` and `observations_1d` current.
 * Portable path: plain tables refreshed inside the writing transaction for
 * exactly the buckets in the session's `_touched` table. TimescaleDB:
 * continuous aggregates refreshed over the touched window after commit.
 * 1d buckets are Central-time (America/Chicago) days on both paths.
 *
 * @module
 */
import type { Sql } from "./client.ts";

/** Rebuilds the 15m, 1h and 1d rows of every bucket touched in this transaction. */
export async function refreshPortableRollups(tx: Sql): Promise<void> {
  await tx`
    insert into observations_15m as r (series_id, bucket, avg, min, max, first, last, count, sum)
    select o.series_id, b.bucket, avg(o.value), min(o.value), max(o.value),
           (array_agg(o.value order by o.ts))[1], (array_agg(o.value order by o.ts desc))[1],
           count(*), sum(o.value)
    from (select distinct series_id, date_bin('15 minutes', ts, timestamptz '2000-01-01') as bucket
          from _touched) b
    join observations o
      on o.series_id = b.series_id and o.ts >= b.bucket and o.ts < b.bucket + interval '15 minutes'
    group by o.series_id, b.bucket
    on conflict (series_id, bucket) do update set
      avg = excluded.avg, min = excluded.min, max = excluded.max, first = excluded.first,
      last = excluded.last, count = excluded.count, sum = excluded.sum`;
  await tx`
    insert into observations_1h as r (series_id, bucket, avg, min, max, first, last, count, sum)
    select q.series_id, b.bucket, sum(q.sum) / sum(q.count), min(q.min), max(q.max),
           (array_agg(q.first order by q.bucket))[1], (array_agg(q.last order by q.bucket desc))[1],
           sum(q.count), sum(q.sum)
    from (select distinct series_id, date_trunc('hour', ts) as bucket from _touched) b
    join observations_15m q
      on q.series_id = b.series_id and q.bucket >= b.bucket and q.bucket < b.bucket + interval '1 hour'
    group by q.series_id, b.bucket
    on conflict (series_id, bucket) do update set
      avg = excluded.avg, min = excluded.min, max = excluded.max, first = excluded.first,
      last = excluded.last, count = excluded.count, sum = excluded.sum`;
  await tx`
    insert into observations_1d as r (series_id, bucket, avg, min, max, first, last, count, sum)
    select q.series_id, b.bucket, sum(q.sum) / sum(q.count), min(q.min), max(q.max),
           (array_agg(q.first order by q.bucket))[1], (array_agg(q.last order by q.bucket desc))[1],
           sum(q.count), sum(q.sum)
    from (select distinct series_id, date_trunc('day', ts, 'America/Chicago') as bucket
          from _touched) b
    join observations_1h q
      on q.series_id = b.series_id and q.bucket >= b.bucket
     and q.bucket < b.bucket + interval '26 hours'
     and date_trunc('day', q.bucket, 'America/Chicago') = b.bucket
    group by q.series_id, b.bucket
    on conflict (series_id, bucket) do update set
      avg = excluded.avg, min = excluded.min, max = excluded.max, first = excluded.first,
      last = excluded.last, count = excluded.count, sum = excluded.sum`;
}

/**
 * Recounts coverage (expected vs received intervals) for every series and
 * Central-time day touched in this transaction. A day's expected count follows
 * its real length: 23, 24 or 25 hours.
 */
export async function refreshCoverage(tx: Sql): Promise<void> {
  await tx`
    insert into coverage as c (series_id, day, expected, received, updated_at)
    select d.series_id, d.day,
           (extract(epoch from d.day_end - d.day_start) / s.interval_seconds)::int,
           (select count(*) from observations o
             where o.series_id = d.series_id and o.ts >= d.day_start and o.ts < d.day_end)::int,
           now()
    from (select distinct series_id, day,
                 day::timestamp at time zone 'America/Chicago' as day_start,
                 (day + 1)::timestamp at time zone 'America/Chicago' as day_end
          from (select series_id, (ts at time zone 'America/Chicago')::date as day
                from _touched) t) d
    join series s on s.id = d.series_id
    on conflict (series_id, day) do update set
      expected = excluded.expected, received = excluded.received, updated_at = now()`;
}

/**
 * TimescaleDB: refreshes the hierarchical continuous aggregates, finest
 * first, over a touched window widened to whole Central days. Each call is its
 * own statement outside any transaction.
 */
export async function refreshAggregates(
  sql: Sql,
  window: { start: Date; end: Date } | null,
): Promise<void> {
  if (!window) return;
  const [{ start, end }] = await sql<{ start: Date; end: Date }[]>`
    select date_trunc('day', ${window.start}::timestamptz, 'America/Chicago') as start,
           date_trunc('day', ${window.end}::timestamptz, 'America/Chicago')
             + interval '1 day' as end`;
  for (const view of ["observations_15m", "observations_1h", "observations_1d"]) {
    await sql`call refresh_continuous_aggregate(${view}::regclass, ${start}::timestamptz, ${end}::timestamptz)`;
  }
}
