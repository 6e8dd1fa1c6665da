/**
 * The ingestion schedule: one `Deno.cron` per feed, cadences matched to how
 * often ERCOT posts each report (never polling faster than three times per
 * posting), and a PostgreSQL advisory lock so that exactly one replica ingests.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { FEED_IDS, type FeedId } from "./feeds/mod.ts";
import { type IngestDeps, runFeed, type RunSummary } from "./job.ts";
import { log as logger } from "../log/logger.ts";

/**
 * Default UTC cron per feed. Daily reports are polled three times around their
 * posting window; hourly reports three times an hour; 5-minute data every 2
 * minutes (2.5 polls per posting); PRC every minute.
 */
export const DEFAULT_CRONS: Readonly<Record<FeedId, string>> = {
  np6_905: "*/5 * * * *",
  np6_788: "*/2 * * * *",
  np4_190: "10 18,19,20 * * *",
  np4_188: "15 18,19,20 * * *",
  np6_346: "20 11,14,17 * * *",
  np3_560: "*/20 * * * *",
  np4_732: "*/20 * * * *",
  np4_737: "*/20 * * * *",
  fuel_mix: "*/2 * * * *",
  storage: "*/2 * * * *",
  system_demand: "*/20 * * * *",
  supply_demand: "*/2 * * * *",
  daily_prc: "* * * * *",
};

const CRON = /^(\S+\s+){4}\S+$/;

/** The cron for each feed: defaults with `overrides` (from `INGEST_SCHEDULE`) applied. */
export function feedCrons(overrides: Record<string, string> = {}): Record<FeedId, string> {
  for (const [feed, cron] of Object.entries(overrides)) {
    if (!(FEED_IDS as readonly string[]).includes(feed)) {
      throw new TypeError(`INGEST_SCHEDULE names unknown feed "${feed}"`);
    }
    if (!CRON.test(cron.trim())) {
      throw new TypeError(`INGEST_SCHEDULE cron "${cron}" for ${feed} is not five fields`);
    }
  }
  return { ...DEFAULT_CRONS, ...overrides } as Record<FeedId, string>;
}

/** Who may ingest right now. */
export interface LeaderLock {
  /** True when this process holds (or just took) the ingest lock. */
  acquire(): Promise<boolean>;
  /** Whether it held the lock at the last check. */
  readonly held: boolean;
  /** Lets the lock go. */
  release(): Promise<void>;
}

const LEADER_KEY = 724_500_202;

/**
 * A leader lock: a session-level advisory lock held on a reserved connection.
 * When the process or its connection dies, PostgreSQL frees the lock and
 * another replica takes it at its next tick. The embedded database serves one
 * process, which always leads.
 */
export function createLeaderLock(sql: Sql, mode: "embedded" | "postgres"): LeaderLock {
  if (mode === "embedded") {
    return { acquire: () => Promise.resolve(true), held: true, release: () => Promise.resolve() };
  }
  let conn: Awaited<ReturnType<Sql["reserve"]>> | null = null;
  const lock = {
    held: false,
    async acquire(): Promise<boolean> {
      if (conn) {
        try {
          await conn`select 1`;
          return lock.held = true;
        } catch {
          conn = null;
        }
      }
      lock.held = false;
      const c = await sql.reserve();
      try {
        const [{ ok }] = await c<
          { ok: boolean }[]
        >`select pg_try_advisory_lock(${LEADER_KEY}) as ok`;
        if (ok) {
          conn = c;
          return lock.held = true;
        }
      } catch {
        // An unreachable database means no leadership this tick.
      }
      c.release();
      return false;
    },
    async release(): Promise<void> {
      if (!conn) return;
      await conn`select pg_advisory_unlock(${LEADER_KEY})`.catch(() => {});
      conn.release();
      conn = null;
      lock.held = false;
    },
  };
  return lock;
}

/** The scheduler's per-feed tick, exported for tests and `Deno.cron`. */
export interface Scheduler {
  /** Runs `feed` if this process leads and the feed is not already running. */
  tick(feed: FeedId): Promise<RunSummary | "not-leader" | "busy">;
  /** Cron per feed in force. */
  crons: Record<FeedId, string>;
  leader: LeaderLock;
}

/**
 * Creates the scheduler; `register` (default `Deno.cron`) is called once per
 * feed with its cron and tick.
 */
export function createScheduler(
  deps: IngestDeps,
  opts: {
    leader: LeaderLock;
    overrides?: Record<string, string>;
    feeds?: readonly FeedId[];
    register?: (name: string, cron: string, fn: () => Promise<void>) => void;
    log?: (line: string) => void;
  },
): Scheduler {
  const crons = feedCrons(opts.overrides);
  const running = new Set<FeedId>();
  const log = opts.log ?? ((line: string) => logger.info(line));
  const tick = async (feed: FeedId): Promise<RunSummary | "not-leader" | "busy"> => {
    if (running.has(feed)) return "busy";
    running.add(feed);
    try {
      if (!(await opts.leader.acquire().catch(() => false))) return "not-leader";
      const s = await runFeed(deps, feed);
      if (s.status !== "skipped") {
        log(
          `ingest ${feed}: ${s.status}, ${s.rows} rows, ${s.documents.length} documents${
            s.error ? `: ${s.error}` : ""
          }`,
        );
      }
      return s;
    } finally {
      running.delete(feed);
    }
  };
  const register = opts.register ??
    ((name: string, cron: string, fn: () => Promise<void>) => Deno.cron(name, cron, fn));
  for (const feed of opts.feeds ?? FEED_IDS) {
    register(`ingest-${feed}`, crons[feed], async () => {
      await tick(feed);
    });
  }
  return { tick, crons, leader: opts.leader };
}
