/**
 * Which feeds are due a run at start-up: those that never ran, whose newest
 * successful run is older than their posting cadence, or whose latest run
 * failed, was partial or never finished (interrupted). Runs refused as too
 * soon (`skipped`) say nothing about the source and are ignored.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { type FeedId, FEEDS } from "./feeds/mod.ts";

/** How the catch-up at start is spread out. */
export interface CatchUpOptions {
  /** Wait before the first catch-up run (default 2 000 ms). */
  delayMs?: number;
  /** Wait between the starts of two catch-up runs (default 3 000 ms). */
  staggerMs?: number;
}

interface Row {
  feed: FeedId;
  last_success_at: Date | null;
  last_status: string | null;
}

/** The feeds among `feeds` due a catch-up run at `now`, in the order given. */
export async function feedsDue(sql: Sql, feeds: readonly FeedId[], now: Date): Promise<FeedId[]> {
  const rows = await sql<Row[]>`
    select f.feed, s.finished_at as last_success_at, l.status as last_status
    from unnest(${[...feeds]}::text[]) with ordinality as f(feed, n)
    left join lateral (select finished_at from ingest_runs
      where feed = f.feed and status in ('success', 'empty') order by started_at desc limit 1) s on true
    left join lateral (select status from ingest_runs
      where feed = f.feed and status <> 'skipped' order by started_at desc limit 1) l on true
    order by f.n`;
  return rows.filter((r) => {
    const cadenceMs = FEEDS[r.feed].cadenceMinutes * 60_000;
    const old = !r.last_success_at || now.getTime() - r.last_success_at.getTime() > cadenceMs;
    return old || !["success", "empty"].includes(r.last_status ?? "");
  }).map((r) => r.feed);
}

/** Checks catch-up options, throwing a `TypeError` naming the bad one. */
export function catchUpTimes(opts: CatchUpOptions = {}): { delayMs: number; staggerMs: number } {
  const delayMs = opts.delayMs ?? 2_000;
  const staggerMs = opts.staggerMs ?? 3_000;
  for (const [name, v] of [["delayMs", delayMs], ["staggerMs", staggerMs]] as const) {
    if (!Number.isFinite(v) || v < 0) {
      throw new TypeError(`Invalid catch-up ${name}: ${v} is not a number of ms >= 0`);
    }
  }
  return { delayMs, staggerMs };
}
