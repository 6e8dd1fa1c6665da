/**
 * Runs a dead process left `running` in `ingest_runs`. Every run keeps a
 * heartbeat while it is under way (ingest, CLI and backfill runs alike), so a
 * run whose heartbeat is older than {@link STALE_SECONDS} belongs to a process
 * that died or lost its database; the leader closes such runs as
 * `interrupted`, at their last heartbeat, when it takes the lead and every
 * half minute after.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";

/** Seconds between heartbeats of a running run (5). */
export const HEARTBEAT_SECONDS = 5;

/** A run whose heartbeat is this old has no live process (three missed beats). */
export const STALE_SECONDS = 3 * HEARTBEAT_SECONDS;

/**
 * Keeps run `runId`'s heartbeat until the returned function is called; a
 * failed beat is skipped, not fatal (the next one retries).
 */
export function startHeartbeat(sql: Sql, runId: number, everyMs = HEARTBEAT_SECONDS * 1000) {
  const timer = setInterval(() => {
    sql`update ingest_runs set heartbeat_at = now() where id = ${runId} and status = 'running'`
      .catch(() => {});
  }, everyMs);
  return () => clearInterval(timer);
}

/**
 * Closes as `interrupted` the runs left `running` whose heartbeat is older
 * than `staleSeconds` ({@link STALE_SECONDS}; 0 where no other process can
 * write, as on the embedded database), except those of the feeds in `except`
 * (which this process is running). Returns how many it closed.
 */
export async function closeInterruptedRuns(
  sql: Sql,
  opts: { except?: readonly string[]; staleSeconds?: number } = {},
): Promise<number> {
  const stale = opts.staleSeconds ?? STALE_SECONDS;
  const rows = await sql`
    update ingest_runs
    set status = 'interrupted', finished_at = coalesce(heartbeat_at, started_at),
      error = 'Interrupted: the process running it stopped or lost its database connection'
    where status = 'running' and not (feed = any(${[...(opts.except ?? [])]}::text[]))
      and coalesce(heartbeat_at, started_at) < now() - make_interval(secs => ${stale})
    returning id`;
  return rows.count;
}
