/**
 * Shared request counters (fixed windows, one upsert per request) and the
 * failed-login ledger (a sliding window over `login_failures`, counted
 * before each password check). Both live in
 * PostgreSQL so every replica sees the same counts.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";

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

/** What {@link claimLoginAttempt} decided. */
export type LoginClaim =
  /** The attempt is counted as a failure until {@link forgetLoginAttempt} takes it back. */
  | { id: string }
  /** Over the limit: the newest `limit` failure times since `since`, per email and per IP. */
  | { blocked: { email: Date[]; ip: Date[] } };

/**
 * Checks and counts one login attempt in one transaction: under advisory
 * locks on the email and on the IP (always taken in that order), so
 * concurrent attempts for either are counted one after another. When the
 * email or the IP already has `limit` failures since `since`, nothing is
 * counted and the attempt is `blocked`; otherwise it is recorded as a failure
 * in advance, before its password is checked.
 */
export async function claimLoginAttempt(
  sql: Sql,
  q: { email: string; ip: string; at: Date; since: Date; limit: number },
): Promise<LoginClaim> {
  return await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${`login-email:${q.email}`}, 0))`;
    await tx`select pg_advisory_xact_lock(hashtextextended(${`login-ip:${q.ip}`}, 0))`;
    const rows = await tx<{ kind: "email" | "ip"; at: Date }[]>`
      (select 'email' as kind, at from login_failures
       where email = ${q.email} and at > ${q.since} order by at desc limit ${q.limit})
      union all
      (select 'ip' as kind, at from login_failures
       where ip = ${q.ip} and at > ${q.since} order by at desc limit ${q.limit})`;
    const email = rows.filter((r) => r.kind === "email").map((r) => r.at);
    const ip = rows.filter((r) => r.kind === "ip").map((r) => r.at);
    if (email.length >= q.limit || ip.length >= q.limit) return { blocked: { email, ip } };
    const [row] = await tx<{ id: string }[]>`
      insert into login_failures (email, ip, at) values (${q.email}, ${q.ip}, ${q.at})
      returning id::text`;
    return { id: row.id };
  });
}

/** Takes back an attempt counted by {@link claimLoginAttempt} (its password was right). */
export async function forgetLoginAttempt(sql: Sql, id: string): Promise<void> {
  await sql`delete from login_failures where id = ${id}`;
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
