/**
 * The one place the service is wired: {@link composeDeps} builds the event
 * bus, the response cache (listening to the bus), the metrics registry, the
 * auth service, the rate limiter, and the SSE, AI, Grafana and log options
 * that `createApp` (routes/app.ts) takes, all required there; {@link serveFetch}
 * puts the fast lane in front of the app where the server is built.
 * `main.ts`, the CLI, the benchmarks and the tests' app factory all compose
 * through here, so each runs the same wiring.
 *
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps } from "./deps.ts";
import { createEventBus } from "../bus/events.ts";
import { metrics as processMetrics } from "../metrics.ts";
import { createResponseCache } from "../http/cache.ts";
import { log as processLog } from "../log/logger.ts";
import { createRateLimiter } from "../http/rate_limit.ts";
import { clientAddress } from "../http/principal.ts";
import { fastLane } from "../http/fast_lane.ts";
import { createAuthService } from "../auth/service.ts";
import { bedrockFromConfig } from "../ai/bedrock.ts";
import { primaryReads } from "../db/read_pool.ts";

/**
 * How long a cached answer lives when reads come from replicas. A write
 * invalidates entries as soon as the primary commits it, maybe before a
 * replica replays it: an answer rebuilt from that replica then would be kept
 * until the series' next write. Capped, it is rebuilt (from the caught-up
 * replica) within this many milliseconds.
 */
export const REPLICA_CACHE_MAX_AGE_MS = 2000;

/** The parts of {@link AppDeps} that composition builds. */
export type Wiring = Pick<
  AppDeps,
  | "bus"
  | "cache"
  | "metrics"
  | "auth"
  | "limiter"
  | "sse"
  | "ai"
  | "grafana"
  | "log"
  | "readSql"
>;

/** What the caller brings: config, database, clock, and the ingest schedule when it runs one. */
export type CoreDeps = Omit<AppDeps, keyof Wiring>;

/**
 * Every dependency of the app over `core`. A part in `given` is used as it
 * is (the bus and registry ingestion shares, a test's cheap password hasher);
 * the rest is built here: a bus over `sql` keeping events for
 * `EVENTS_RETENTION_SECONDS`, data reads on `sql` (pass `readSql` from
 * `openReads()` for replicas), a 64 MiB cache attached to that bus (its
 * entries kept {@link REPLICA_CACHE_MAX_AGE_MS} at most over replicas), the
 * process-wide metrics registry, an auth service and a rate limiter over
 * `sql` and `config`, the LLM named by config, the service's logger.
 *
 * @example
 * const deps = composeDeps({ config, sql: db.sql, database: db.mode, ... });
 * const app = createApp(deps);
 * Deno.serve(serveFetch(app, deps));
 */
export function composeDeps(core: CoreDeps, given: Partial<Wiring> = {}): AppDeps {
  const { config } = core;
  const bus = given.bus ??
    createEventBus({ sql: core.sql, mode: core.database, maxAgeSeconds: config.retention.events });
  const readSql = given.readSql ?? primaryReads(core.sql);
  const cache = given.cache ??
    createResponseCache({ maxAgeMs: readSql.replicas ? REPLICA_CACHE_MAX_AGE_MS : undefined });
  cache.attach(bus);
  return {
    ...core,
    readSql,
    bus,
    cache,
    metrics: given.metrics ?? processMetrics,
    auth: given.auth ?? createAuthService(core),
    limiter: given.limiter ?? createRateLimiter(core, config.rateLimits),
    sse: given.sse ?? {},
    ai: { ...given.ai, llm: given.ai?.llm ?? bedrockFromConfig(config) },
    grafana: given.grafana ?? {},
    log: given.log ?? processLog,
  };
}

/**
 * The handler to serve `app` with: repeated anonymous reads of cached answers
 * take the fast lane (http/fast_lane.ts) before routing; never when reads need
 * authentication, as no answer may then go to a caller without a credential.
 */
export function serveFetch(app: OpenAPIHono, deps: AppDeps): OpenAPIHono["fetch"] {
  const { config } = deps;
  if (config.requireAuthForReads) return app.fetch;
  return fastLane({
    cache: deps.cache,
    metrics: deps.metrics,
    clock: deps.clock,
    log: config.logLevel === "debug" ? deps.log : undefined,
    limit: config.rateLimits.enabled
      ? (req, info) =>
        deps.limiter.countLocally(clientAddress(req.headers, info, config.trustProxy))
      : undefined,
  }, app.fetch);
}
