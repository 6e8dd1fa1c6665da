/**
 * What the routes depend on, as types only: every sub-app imports its deps
 * from here, never from the composition in app.ts. Everything is given:
 * `composeDeps()` (routes/compose.ts) builds the shared parts.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { ReadSql } from "../db/read_pool.ts";
import type { Capabilities } from "../db/capabilities.ts";
import type { MigrationResult } from "../db/migrate.ts";
import type { Config } from "../config.ts";
import type { Scheduler } from "../ingest/schedule.ts";
import type { LeaderLock } from "../db/leader_lock.ts";
import type { EventBus } from "../bus/events.ts";
import type { Metrics } from "../metrics.ts";
import type { SseHubOptions } from "../http/sse.ts";
import type { ResponseCache } from "../http/cache.ts";
import type { RateLimiter } from "../http/rate_limit.ts";
import type { Logger } from "../log/logger.ts";
import type { AuthService } from "../auth/service.ts";
import type { AiOptions } from "../ai/bedrock.ts";
import type { GrafanaOptions } from "../dashboards/grafana/deploy.ts";

/** Everything the routes depend on. */
export interface AppDeps {
  config: Config;
  /** The primary: writes, ingestion, accounts, dashboards, alerts, read-your-writes. */
  sql: Sql;
  /**
   * Data reads (observations, the catalog, grid condition, compatibility
   * reads, exports): the streaming replicas of `DATABASE_READ_URL`, else `sql`.
   */
  readSql: ReadSql;
  database: "embedded" | "postgres";
  capabilities: Capabilities;
  migration: Pick<MigrationResult, "version" | "variant">;
  startedAt: Date;
  /** The current instant; injected so tests control time. */
  clock: () => Date;
  /** This process's ingest leader lock, when it runs the schedule. */
  leader?: LeaderLock;
  /** This process's ingest schedule, when it runs one: next attempts and back-off per feed. */
  ingest?: Pick<Scheduler, "nextAttempt" | "attempts">;
  /** Live-event bus shared with ingestion. */
  bus: EventBus;
  /** In-memory cache of data responses, attached to `bus`. */
  cache: ResponseCache;
  /** Metrics registry. */
  metrics: Metrics;
  /** Accounts, sessions and credentials. */
  auth: AuthService;
  /** Request limits per caller; the fast lane counts through it too. */
  limiter: RateLimiter;
  /** SSE heartbeat and per-subscriber queue limits (tests shrink them). */
  sse: SseHubOptions;
  /** Plain-English chart options: the LLM (none: rules only) and its timeout. */
  ai: AiOptions;
  /** Grafana deploy options (fetch, timeout); the URL and token come from config. */
  grafana: GrafanaOptions;
  /** Where request log lines go. */
  log: Logger;
}
