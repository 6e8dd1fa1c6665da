/**
 * The ingestion schedule: one `Deno.cron` per feed, cadences matched to how
 * often ERCOT posts each report (never polling faster than three times per
 * posting), and a PostgreSQL advisory lock so that exactly one replica ingests.
 * At start, feeds that are behind run once, staggered ({@linkcode Scheduler.catchUp});
 * a feed whose source is down backs off (`attempts.ts`).
 *
 * @module
 */
import { describeCause } from "../util/cause.ts";
import type { LeaderLock } from "../db/leader_lock.ts";
import { FEED_IDS, type FeedId } from "./feeds/mod.ts";
import { type IngestDeps, runFeed, type RunSummary } from "./job.ts";
import { type Attempts, type BackoffOptions, createAttempts } from "./attempts.ts";
import { type CatchUpOptions, catchUpTimes, feedsDue } from "./catch_up.ts";
import { nextCronTick } from "./cron.ts";
import { log as logger } from "../log/logger.ts";
import { TimeoutError, withTimeout } from "../resilience/timeout.ts";
import { closeInterruptedRuns } from "./runs.ts";

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
    try {
      nextCronTick(cron, new Date(0));
    } catch (err) {
      throw new TypeError(`INGEST_SCHEDULE for ${feed}: ${(err as Error).message}`);
    }
  }
  return { ...DEFAULT_CRONS, ...overrides } as Record<FeedId, string>;
}

/** How long one run may take before the scheduler abandons it: ten minutes. */
export const RUN_TIMEOUT_MS = 600_000;

/**
 * Runs `feed`, giving up after `timeoutMs`: a database call the driver never
 * settles (a statement written to a connection the server had just
 * terminated, porsager/postgres#1066) would otherwise hold the feed `running`
 * until the process restarts, its heartbeat still beating. An abandoned run
 * is recorded as failed by this service (no back-off), stops beating and
 * storing, and the feed's next tick runs it again; what it already committed
 * stays, each document being its own transaction.
 */
async function runWithin(
  deps: IngestDeps,
  feed: FeedId,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<RunSummary> {
  const controller = new AbortController();
  const startedAt = deps.clock();
  const run = runFeed(deps, feed, { signal: controller.signal });
  try {
    return await withTimeout(timeoutMs, () => run);
  } catch (err) {
    if (!(err instanceof TimeoutError)) throw err;
    controller.abort();
    run.catch(() => {});
    const error = `Abandoned: no result within ${timeoutMs / 1000} s (a database call that ` +
      `never returned); the next tick runs the feed again`;
    log(`ingest ${feed}: ${error}`);
    const [row] = await withTimeout(
      5_000,
      () =>
        deps.sql<{ id: string }[]>`
        update ingest_runs set status = 'failed', finished_at = now(), error = ${error}
        where feed = ${feed} and status = 'running' and started_at >= ${startedAt}
        returning id`,
    ).catch(() => []);
    return {
      feed,
      runId: Number(row?.id ?? 0),
      status: "failed",
      rows: 0,
      documents: [],
      error,
      failedAt: "service",
    };
  }
}

/** What a tick did: a run, or why it did not run one. */
export type TickResult = RunSummary | "not-leader" | "busy" | "backoff";

/** When a feed is attempted next, and what decides it. */
export interface NextAttempt {
  /** Null when its cron never fires again. */
  at: Date | null;
  /** `catch-up`: a run pending since start; `back-off`: the first tick after it; else `cron`. */
  reason: "cron" | "catch-up" | "back-off";
}

/** The scheduler's per-feed tick, exported for tests and `Deno.cron`. */
export interface Scheduler {
  /**
   * Runs `feed` if this process leads, the feed is not already running and
   * not backing off after failures.
   */
  tick(feed: FeedId): Promise<TickResult>;
  /**
   * Finds the feeds due a run (see {@linkcode feedsDue}) and starts one run
   * of each, `staggerMs` apart after `delayMs`, unless a tick ran it first.
   * Resolves to the feeds found due.
   */
  catchUp(opts?: CatchUpOptions): Promise<FeedId[]>;
  /** When `feed` is attempted next, as far as this process knows. */
  nextAttempt(feed: FeedId): NextAttempt;
  /** Failure streaks and back-off per feed. */
  attempts: Attempts;
  /** Cancels pending catch-up runs. */
  stop(): void;
  /** Cron per feed in force. */
  crons: Record<FeedId, string>;
  leader: LeaderLock;
}

/** Options of {@linkcode createScheduler}. */
export interface SchedulerOptions {
  leader: LeaderLock;
  /** Crons replacing the defaults, by feed (`INGEST_SCHEDULE`). */
  overrides?: Record<string, string>;
  /** Feeds to schedule (default all). */
  feeds?: readonly FeedId[];
  /** Called once per feed with its cron and tick (default `Deno.cron`). */
  register?: (name: string, cron: string, fn: () => Promise<void>) => void;
  /** Where run outcomes, failures, recoveries and summaries go (default: the logger at info). */
  log?: (line: string) => void;
  /** Back-off after failed runs (defaults follow each feed's polling terms). */
  backoff?: BackoffOptions;
  /** How often feeds still failing are listed (default one hour). */
  summaryEveryMs?: number;
  /**
   * How long one run may take before it is abandoned (default
   * {@link RUN_TIMEOUT_MS}; `INGEST_RUN_TIMEOUT_SECONDS`).
   */
  runTimeoutMs?: number;
  /**
   * How old a running run's heartbeat must be before it is closed as
   * interrupted (default `STALE_SECONDS` in runs.ts; 0 on the embedded database,
   * which no other process can write).
   */
  staleSeconds?: number;
}

/**
 * Creates the scheduler; `register` (default `Deno.cron`) is called once per
 * feed with its cron and tick.
 */
export function createScheduler(deps: IngestDeps, opts: SchedulerOptions): Scheduler {
  const crons = feedCrons(opts.overrides);
  const feeds = opts.feeds ?? FEED_IDS;
  const running = new Set<FeedId>();
  const runTimeoutMs = opts.runTimeoutMs ?? RUN_TIMEOUT_MS;
  const attempted = new Set<FeedId>();
  const pending = new Map<FeedId, { at: Date; timer: ReturnType<typeof setTimeout> }>();
  const log = opts.log ?? ((line: string) => logger.info(line));
  const attempts = createAttempts({
    clock: deps.clock,
    log,
    backoff: opts.backoff,
    summaryEveryMs: opts.summaryEveryMs,
  });
  // Feeds whose run is under way here; the leadership term and time of the last sweep of
  // runs dead processes left open (at each new term, then every half minute).
  const inRun = new Set<FeedId>();
  let swept = 0;
  let sweptAt = 0;
  let sweeping: Promise<void> | undefined;
  const sweep = (term: number) =>
    sweeping ??= closeInterruptedRuns(deps.sql, {
      except: [...inRun],
      staleSeconds: opts.staleSeconds,
    })
      .then((n) => {
        swept = term;
        sweptAt = Date.now();
        if (n) log(`ingest: closed ${n} run(s) a stopped process left running as interrupted`);
      })
      .catch((err) => log(`ingest: cannot close interrupted runs yet: ${describeCause(err)}`))
      .finally(() => sweeping = undefined);
  const tick = async (feed: FeedId): Promise<TickResult> => {
    if (running.has(feed)) return "busy";
    if (attempts.backoffUntil(feed)) {
      attempts.summarize();
      return "backoff";
    }
    running.add(feed);
    try {
      if (!(await opts.leader.acquire().catch(() => false))) return "not-leader";
      const term = opts.leader.term ?? 1;
      if (swept !== term || Date.now() - sweptAt > 30_000) await sweep(term);
      attempted.add(feed);
      inRun.add(feed);
      const startedAt = deps.clock();
      const s = await runWithin(deps, feed, runTimeoutMs, log).finally(() => inRun.delete(feed));
      attempts.record(feed, startedAt, s);
      // A failing feed is logged when it starts failing and in summaries, not every tick.
      if (s.status !== "skipped" && s.status !== "failed") {
        log(
          `ingest ${feed}: ${s.status}, ${s.rows} rows, ${s.documents.length} documents${
            s.error ? `: ${s.error}` : ""
          }`,
        );
      }
      attempts.summarize();
      return s;
    } finally {
      running.delete(feed);
    }
  };
  const catchUp = async (o?: CatchUpOptions): Promise<FeedId[]> => {
    const { delayMs, staggerMs } = catchUpTimes(o);
    const due = await feedsDue(deps.sql, feeds, deps.clock());
    due.forEach((feed, i) => {
      const wait = delayMs + i * staggerMs;
      const timer = setTimeout(async () => {
        pending.delete(feed);
        if (attempted.has(feed)) return;
        await tick(feed).catch((err) => log(`ingest ${feed}: catch-up failed: ${err}`));
      }, wait);
      pending.set(feed, { at: new Date(deps.clock().getTime() + wait), timer });
    });
    return due;
  };
  const nextAttempt = (feed: FeedId): NextAttempt => {
    const until = attempts.backoffUntil(feed);
    const from = until ? new Date(until.getTime() - 1) : deps.clock();
    const cron = nextCronTick(crons[feed], from);
    const catchUpAt = pending.get(feed)?.at;
    if (catchUpAt && (!cron || catchUpAt <= cron)) return { at: catchUpAt, reason: "catch-up" };
    return { at: cron, reason: until ? "back-off" : "cron" };
  };
  const register = opts.register ??
    ((name: string, cron: string, fn: () => Promise<void>) => Deno.cron(name, cron, fn));
  for (const feed of feeds) {
    register(`ingest-${feed}`, crons[feed], async () => {
      // A run that could not even be recorded (database gone) is reported; the next tick retries.
      await tick(feed).catch((err) => log(`ingest ${feed}: not run: ${describeCause(err)}`));
    });
  }
  const stop = () => {
    for (const { timer } of pending.values()) clearTimeout(timer);
    pending.clear();
  };
  return { tick, catchUp, nextAttempt, attempts, stop, crons, leader: opts.leader };
}
