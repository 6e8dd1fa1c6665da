/**
 * Ingestion inside the service process: the schedule, the catch-up at start,
 * the leader lock, and what happens after each committed document (live
 * events, metrics, then the hooks the composition hangs on ingestion: the
 * alert evaluator).
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Variant } from "../db/migrate.ts";
import type { EventBus } from "../bus/events.ts";
import { publishWrite } from "../bus/publish.ts";
import type { Metrics } from "../metrics.ts";
import { createHttpClient } from "./http.ts";
import type { StoredEvent } from "./job.ts";
import { createScheduler, type Scheduler } from "./schedule.ts";
import { createLeaderLock, type LeaderLock } from "../db/leader_lock.ts";
import type { BackoffOptions } from "./attempts.ts";
import type { CatchUpOptions } from "./catch_up.ts";
import type { FeedId } from "./feeds/mod.ts";
import { log as logger } from "../log/logger.ts";
import { createHousekeeper } from "../db/housekeeping.ts";

/**
 * Publishes what a committed document wrote and records it in the metrics,
 * then runs `after` (the alert evaluator's hook, when wired).
 */
export function afterStored(
  bus: EventBus,
  metrics: Metrics,
  after?: (e: StoredEvent) => Promise<void>,
) {
  return async (e: StoredEvent): Promise<void> => {
    await publishStored(bus, metrics, e);
    await after?.(e);
  };
}

async function publishStored(bus: EventBus, metrics: Metrics, e: StoredEvent): Promise<void> {
  const written = e.result.inserted + e.result.revised;
  metrics.ingestRows(e.feed, written);
  if (written === 0) return;
  const spans = new Map(e.result.spans.map((s) => [s.seriesId, s]));
  // The rows inside each series' written span: what this document changed.
  const rows = e.observations.filter((o) => {
    const id = e.result.ids.get(o.series);
    const span = id === undefined ? undefined : spans.get(id);
    return span !== undefined && o.ts >= span.start && o.ts <= span.end;
  });
  const newest = Math.max(...rows.map((r) => r.ts.getTime()));
  if (Number.isFinite(newest)) {
    metrics.ingestLag(e.feed, (e.ingestedAt.getTime() - newest) / 1000);
  }
  await publishWrite(bus, { feed: e.feed, rows, ingestedAt: e.ingestedAt });
}

/**
 * What a feature hangs on ingestion (alerts, wired in main.ts): ingestion
 * calls these and imports no feature.
 */
export interface IngestHooks {
  /** After each committed document is published and counted. */
  afterStored?: (e: StoredEvent) => Promise<void>;
  /** A cron every minute on every replica, given the leader lock; `run` must not throw. */
  minutely?: { name: string; run: (leader: LeaderLock) => Promise<void> };
  /** Called by `stop()`, after the crons are aborted and before the scheduler stops. */
  stop?: () => void;
}

/** Options of {@linkcode startIngestion}. */
export interface IngestionOptions {
  config: Config;
  db: Database;
  variant: Variant;
  bus: EventBus;
  metrics: Metrics;
  /** Where ingestion logs (default: the logger at info). */
  log?: (line: string) => void;
  /** Spreading of the runs at start (default from config: `INGEST_CATCHUP_STAGGER_MS`). */
  catchUp?: CatchUpOptions;
  /** Back-off after failed runs (defaults follow each feed's polling terms). */
  backoff?: BackoffOptions;
  /** Work riding on ingestion (the alert evaluator); none when absent. */
  hooks?: IngestHooks;
}

/** The running ingestion: its scheduler, and `stop()` for crons and pending runs. */
export interface Ingestion extends Scheduler {
  /** Resolves once the feeds due at start are known and their runs are scheduled. */
  caughtUp: Promise<FeedId[]>;
}

/**
 * Starts the per-feed crons for this process, the hooks' minute cron (alert
 * rules), a half-hourly housekeeping purge, and one staggered run of each feed that is behind. Every replica may
 * run it: the advisory lock lets exactly one ingest (and evaluate alerts, and
 * purge) at a time.
 */
export function startIngestion(opts: IngestionOptions): Ingestion {
  const leader = createLeaderLock(opts.db.sql, opts.db.mode);
  const clock = () => new Date();
  const log = opts.log ?? ((line: string) => logger.info(line));
  const hooks = opts.hooks ?? {};
  const crons = new AbortController();
  const register = (name: string, cron: string, fn: () => Promise<void>) =>
    Deno.cron(name, cron, { signal: crons.signal }, fn);
  const minutely = hooks.minutely;
  if (minutely) register(minutely.name, "* * * * *", () => minutely.run(leader));
  const housekeeper = createHousekeeper(opts.db.sql, clock, {
    retention: opts.config.retention,
    batchSize: opts.config.housekeepingBatchSize,
    metrics: opts.metrics,
  });
  register("housekeeping", "7,37 * * * *", async () => {
    await housekeeper.run(leader).catch((err) =>
      logger.error("Housekeeping failed", { error: err })
    );
  });
  const scheduler = createScheduler({
    sql: opts.db.sql,
    variant: opts.variant,
    http: createHttpClient(),
    ercotBaseUrl: opts.config.ercotBaseUrl,
    clock,
    bus: opts.bus,
    settlementPoints: opts.config.ingestSettlementPoints,
    onStored: afterStored(opts.bus, opts.metrics, hooks.afterStored),
  }, {
    leader,
    overrides: opts.config.ingestSchedule,
    register,
    log,
    backoff: opts.backoff,
    staleSeconds: opts.db.mode === "embedded" ? 0 : undefined,
    runTimeoutMs: opts.config.ingestRunTimeoutSeconds * 1000,
  });
  const caughtUp = scheduler.catchUp(
    opts.catchUp ?? { staggerMs: opts.config.ingestCatchUpStaggerMs },
  ).then((due) => {
    if (due.length) log(`ingest: catching up ${due.length} feeds behind: ${due.join(", ")}`);
    return due;
  }, (err) => {
    log(`ingest: catch-up at start failed: ${(err as Error).message}`);
    return [] as FeedId[];
  });
  const stop = () => {
    crons.abort();
    hooks.stop?.();
    scheduler.stop();
  };
  return { ...scheduler, stop, caughtUp };
}
