/**
 * Runs a dead process left `running` in `ingest_runs`: the leader keeps a
 * heartbeat on each run it has going, and whoever takes the lead next closes
 * every run no live process of its own is running as `interrupted`, at its
 * last heartbeat (or its start, when it died before the first).
 *
 * @module
 */
import type { Sql } from "../db/client.ts";

/** Seconds between heartbeats of a running run (5). */
export const HEARTBEAT_SECONDS = 5;

/** Marks `feed`'s running runs as alive now. */
export async function heartbeat(sql: Sql, feed: string): Promise<void> {
  await sql`
    update ingest_runs set heartbeat_at = now() where feed = ${feed} and status = 'running'`;
}

/**
 * Closes runs left `running` as `interrupted`, except those of the feeds in
 * `except` (which this process is running). Returns how many it closed.
 */
export async function closeInterruptedRuns(
  sql: Sql,
  opts: { except?: readonly string[] } = {},
): Promise<number> {
  const rows = await sql`
    update ingest_runs
    set status = 'interrupted', finished_at = coalesce(heartbeat_at, started_at),
      error = 'Interrupted: the process running it stopped or lost its database connection'
    where status = 'running' and not (feed = any(${[...(opts.except ?? [])]}::text[]))
    returning id`;
  return rows.count;
}

/**
 * Runs `work` with a heartbeat on `feed`'s running run every
 * {@link HEARTBEAT_SECONDS}; a failed heartbeat is skipped, not fatal.
 */
export async function withHeartbeat<T>(
  sql: Sql,
  feed: string,
  work: () => Promise<T>,
  opts: { everyMs?: number } = {},
): Promise<T> {
  const timer = setInterval(() => {
    heartbeat(sql, feed).catch(() => {});
  }, opts.everyMs ?? HEARTBEAT_SECONDS * 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
