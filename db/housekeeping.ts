/**
 * Housekeeping: the scheduled purge of rows nobody reads any more — ended
 * sessions, old rate-limit windows and failed logins, live events beyond the
 * replay window, expired stream tickets and finished webhook delivery logs.
 * Each kind keeps rows for its own retention. Only the ingest leader purges
 * (every replica may schedule it), and every delete is a bounded batch, so a
 * large backlog never holds a long lock: a run stops after `maxBatches` per
 * kind and the next run carries on. The rows purged per kind and the last
 * run's time are reported at `/metrics`.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { PurgeKind, Retention } from "../config.ts";
import type { Metrics } from "../metrics.ts";
import type { LeaderLock } from "./leader_lock.ts";

/** Options of {@link createHousekeeper}. */
export interface HousekeeperOptions {
  /** Retention per kind, in seconds. */
  retention: Retention;
  /** Rows deleted per statement (1,000). */
  batchSize?: number;
  /** Statements per kind and run (100); the rest waits for the next run. */
  maxBatches?: number;
  /** Where the counts are reported (none when absent). */
  metrics?: Metrics;
}

/** The housekeeper. */
export interface Housekeeper {
  /**
   * Purges every kind when `leader` holds the lock; resolves with the rows
   * purged per kind, or `"not-leader"` without touching anything.
   */
  run(leader: LeaderLock): Promise<Record<PurgeKind, number> | "not-leader">;
}

/** Every kind, in the order a run purges them. */
export const PURGE_KINDS: readonly PurgeKind[] = [
  "sessions",
  "rate_limits",
  "events",
  "stream_tickets",
  "webhook_deliveries",
];

type Batch = (sql: Sql, cut: Date, limit: number) => Promise<number>;

// Each statement deletes at most `limit` rows picked by an indexed or small scan.
const BATCHES: Record<PurgeKind, Batch[]> = {
  sessions: [async (sql, cut, limit) =>
    (await sql`
      delete from sessions where id in (
        select id from sessions
        where least(expires_at, idle_expires_at) < ${cut} or revoked_at < ${cut}
        limit ${limit})`).count],
  rate_limits: [
    async (sql, cut, limit) =>
      (await sql`
        delete from rate_limit_counters where ctid in (
          select ctid from rate_limit_counters where window_start < ${cut} limit ${limit})`).count,
    async (sql, cut, limit) =>
      (await sql`
        delete from login_failures where id in (
          select id from login_failures where at < ${cut} limit ${limit})`).count,
  ],
  events: [async (sql, cut, limit) =>
    (await sql`
      delete from events where id in (
        select id from events where created_at < ${cut} order by id limit ${limit})`).count],
  stream_tickets: [async (sql, cut, limit) =>
    (await sql`
      delete from stream_tickets where hash in (
        select hash from stream_tickets where expires_at < ${cut} limit ${limit})`).count],
  webhook_deliveries: [async (sql, cut, limit) =>
    (await sql`
      delete from webhook_deliveries where id in (
        select id from webhook_deliveries
        where status <> 'pending' and coalesce(last_attempt_at, created_at) < ${cut}
        limit ${limit})`).count],
};

/**
 * Creates a housekeeper over `sql`; `clock` gives the instant retentions count back from.
 *
 * @example
 * const keeper = createHousekeeper(sql, () => new Date(), { retention, metrics });
 * Deno.cron("housekeeping", "7,37 * * * *", () => keeper.run(leader).then(() => {}));
 */
export function createHousekeeper(
  sql: Sql,
  clock: () => Date,
  opts: HousekeeperOptions,
): Housekeeper {
  const batchSize = opts.batchSize ?? 1000;
  const maxBatches = opts.maxBatches ?? 100;
  for (const [name, v] of [["batchSize", batchSize], ["maxBatches", maxBatches]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} ${v} must be at least 1`);
  }
  for (const kind of PURGE_KINDS) {
    const v = opts.retention[kind];
    if (!(v >= 0)) throw new RangeError(`retention of ${kind} ${v} must be 0 or more seconds`);
  }
  const purged = Object.fromEntries(PURGE_KINDS.map((k) => [k, 0])) as Record<PurgeKind, number>;
  let lastRun: Date | undefined;
  opts.metrics?.collect(
    "housekeeping_purged_rows_total",
    "Rows purged by housekeeping, by kind",
    "counter",
    () => PURGE_KINDS.map((kind) => [{ kind }, purged[kind]]),
  );
  opts.metrics?.collect(
    "housekeeping_last_run_timestamp_seconds",
    "When housekeeping last finished a run (Unix seconds; 0 before the first)",
    "gauge",
    () => [[{}, lastRun ? lastRun.getTime() / 1000 : 0]],
  );

  const purge = async (kind: PurgeKind, now: Date): Promise<number> => {
    const cut = new Date(now.getTime() - opts.retention[kind] * 1000);
    let total = 0;
    for (const batch of BATCHES[kind]) {
      for (let i = 0; i < maxBatches; i++) {
        const n = await batch(sql, cut, batchSize);
        total += n;
        if (n < batchSize) break;
      }
    }
    purged[kind] += total;
    return total;
  };

  return {
    async run(leader) {
      if (!(await leader.acquire().catch(() => false))) return "not-leader";
      const now = clock();
      const counts = {} as Record<PurgeKind, number>;
      for (const kind of PURGE_KINDS) counts[kind] = await purge(kind, now);
      lastRun = clock();
      return counts;
    },
  };
}
