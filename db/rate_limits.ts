/**
 * Shared request counters (fixed windows, one upsert per request) and the
 * failed-login ledger (a sliding window over `login_failures`). Both live in
 * PostgreSQL so every replica sees the same counts.
 *
 * @module
 */
import type { Sql } from "./client.ts";

/** One window's count after an increment. */
export interface WindowCount {
  windowSeconds: number;
  windowStart: Date;
  count: number;
}

/** Requests to add to one bucket's window. */
export interface CounterHit {
  bucket: string;
  windowSeconds: number;
  windowStart: Date;
  /** Requests to add (at least 0). */
  n: number;
}

/** One bucket's window count after an increment. */
export interface BucketCount extends WindowCount {
  bucket: string;
}

/**
 * Adds one request to `bucket` in the current window of each length in
 * `windows` (seconds), in one statement, and returns the new counts.
 *
 * @example
 * await hitCounters(sql, "ip:203.0.113.9", [60, 3600, 86400], new Date());
 */
export async function hitCounters(
  sql: Sql,
  bucket: string,
  windows: number[],
  now: Date,
): Promise<WindowCount[]> {
  const hits = windows.map((w) => ({
    bucket,
    windowSeconds: w,
    windowStart: windowStart(now, w),
    n: 1,
  }));
  return await addCounters(sql, hits);
}

/**
 * Adds requests to any number of bucket windows in one statement and returns
 * each window's new count (replicas that count locally flush through this).
 */
export async function addCounters(sql: Sql, hits: CounterHit[]): Promise<BucketCount[]> {
  if (hits.length === 0) return [];
  const rows = await sql<
    { bucket: string; window_seconds: number; window_start: Date; count: number }[]
  >`
    insert into rate_limit_counters (bucket, window_seconds, window_start, count)
    select * from unnest(${hits.map((h) => h.bucket)}::text[],
      ${hits.map((h) => h.windowSeconds)}::int[],
      ${hits.map((h) => h.windowStart.toISOString())}::timestamptz[],
      ${hits.map((h) => h.n)}::int[])
    on conflict (bucket, window_seconds, window_start)
      do update set count = rate_limit_counters.count + excluded.count
    returning bucket, window_seconds, window_start, count`;
  return rows.map((r) => ({
    bucket: r.bucket,
    windowSeconds: r.window_seconds,
    windowStart: r.window_start,
    count: r.count,
  }));
}

/** The start of the fixed window of `seconds` that contains `now` (UTC-aligned). */
export function windowStart(now: Date, seconds: number): Date {
  const ms = seconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/**
 * The times of the most recent `limit` failed logins since `since` for an
 * email and for an IP, newest first.
 */
export async function recentLoginFailures(
  sql: Sql,
  q: { email: string; ip: string; since: Date; limit: number },
): Promise<{ email: Date[]; ip: Date[] }> {
  const rows = await sql<{ kind: "email" | "ip"; at: Date }[]>`
    (select 'email' as kind, at from login_failures
     where email = ${q.email} and at > ${q.since} order by at desc limit ${q.limit})
    union all
    (select 'ip' as kind, at from login_failures
     where ip = ${q.ip} and at > ${q.since} order by at desc limit ${q.limit})`;
  return {
    email: rows.filter((r) => r.kind === "email").map((r) => r.at),
    ip: rows.filter((r) => r.kind === "ip").map((r) => r.at),
  };
}

/** Records one failed login. */
export async function recordLoginFailure(
  sql: Sql,
  f: { email: string; ip: string; at: Date },
): Promise<void> {
  await sql`insert into login_failures (email, ip, at) values (${f.email}, ${f.ip}, ${f.at})`;
}

/**
 * Deletes counters and failed logins older than `before`, and key usage
 * older than `usageBefore`.
 */
export async function pruneCounters(
  sql: Sql,
  cut: { before: Date; usageBefore: Date },
): Promise<void> {
  await sql`
    with counters as (delete from rate_limit_counters where window_start < ${cut.before}),
         failures as (delete from login_failures where at < ${cut.before})
    delete from api_key_usage where hour < ${cut.usageBefore}`;
}
