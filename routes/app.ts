/**
 * Composes the HTTP application from one sub-app per resource. Everything a
 * route needs arrives in {@link AppDeps}; nothing is reached through globals,
 * so tests build the app with `createApp(deps)` and call `app.request()`.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Sql } from "../db/client.ts";
import type { Capabilities } from "../db/capabilities.ts";
import type { MigrationResult } from "../db/migrate.ts";
import type { Config } from "../config.ts";
import { onError, problem } from "./middleware/errors.ts";
import { healthRoutes } from "./health.ts";
import { scraperRoutes } from "./scrapers.ts";
import type { LeaderLock, Scheduler } from "../ingest/schedule.ts";
import type { EventBus } from "../db/events.ts";
import type { Metrics } from "../metrics.ts";
import type { SseHubOptions } from "./_sse.ts";
import { collectLiveMetrics, liveDeps } from "./_live.ts";
import { type ResponseCache } from "./middleware/cache.ts";
import { fastLane } from "./middleware/fast_lane.ts";
import { compression } from "./middleware/compress.ts";
import { consoleLog, type LogSink, requestIds } from "./middleware/request_id.ts";
import { metricsRoutes, requestMetrics } from "./metrics.ts";
import { databaseHealthRoutes } from "./health_database.ts";
import { seriesRoutes } from "./series.ts";
import { observationsRoutes } from "./observations.ts";
import { compatRoutes } from "./compat.ts";
import { gridRoutes } from "./grid.ts";
import { STREAM_PATH, streamRoutes } from "./stream.ts";
import { WS_PATH, wsRoutes } from "./ws.ts";
import { docsRoutes } from "./docs.ts";
import { type AuthService, createAuthService } from "../auth/service.ts";
import { bodyLimitFor, corsFor, securityHeaders } from "./middleware/headers.ts";
import { cachePolicy } from "./middleware/cache_policy.ts";
import { authenticate, clientAddress } from "./middleware/auth.ts";
import { enforceAccess } from "./middleware/access.ts";
import { operationTable } from "./middleware/operations.ts";
import { textFields } from "./middleware/text_fields.ts";
import { mediaTypes } from "./middleware/media_type.ts";
import { createRateLimiter } from "./middleware/rate_limit.ts";
import { notFoundOrNotAllowed } from "./middleware/not_found.ts";
import { authRoutes } from "./auth.ts";
import { keyRoutes } from "./keys.ts";
import { adminRoutes } from "./admin.ts";
import { alertRoutes } from "./alerts.ts";
import { type AiOptions, aiRoutes } from "./ai.ts";
import { dashboardRoutes } from "./dashboards.ts";
import { pdfRoutes } from "./pdf.ts";
import type { GrafanaOptions } from "./grafana.ts";
import { webRoutes } from "./web.ts";
import { DIST_DIR } from "../web/build.ts";

/** Everything the routes depend on. */
export interface AppDeps {
  config: Config;
  sql: Sql;
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
  /** Live-event bus shared with ingestion; created over `sql` when absent. */
  bus?: EventBus;
  /** In-memory cache of data responses; created (64 MiB) when absent. */
  cache?: ResponseCache;
  /** Metrics registry; the process-wide `metrics` when absent. */
  metrics?: Metrics;
  /** SSE heartbeat and per-subscriber queue limits (tests shrink them). */
  sse?: SseHubOptions;
  /** Accounts, sessions and credentials; created over `sql` and `config` when absent. */
  auth?: AuthService;
  /** Plain-English chart options (LLM, timeout); the LLM comes from config when absent. */
  ai?: AiOptions;
  /** Grafana deploy options (fetch, timeout); the URL and token come from config. */
  grafana?: GrafanaOptions;
  /** Where request log lines go (the console). */
  log?: LogSink;
}

/**
 * Builds the application.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request("/health");
 */
export function createApp(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const parameter = issue?.path.join(".") || undefined;
        return problem(c, 400, "Invalid request", issueMessage(issue, parameter), { parameter });
      }
    },
  });
  app.onError(onError);
  app.notFound(notFoundOrNotAllowed(app));
  const data = liveDeps(deps);
  const log = deps.log ?? consoleLog;
  app.use(requestIds({ level: deps.config.logLevel, log }));
  app.use(compression());
  app.use(requestMetrics(data.metrics));
  const auth = deps.auth ?? createAuthService(deps);
  app.use(securityHeaders());
  app.use(cachePolicy(deps.config));
  app.use(corsFor(deps.config.corsOrigins));
  app.use(bodyLimitFor(deps.config.maxBodyBytes));
  app.use(
    authenticate(auth, { trustProxy: deps.config.trustProxy, ticketPaths: [STREAM_PATH, WS_PATH] }),
  );
  const limiter = createRateLimiter(deps, deps.config.rateLimits);
  app.use(limiter.middleware);
  const operations = operationTable(app);
  app.use(enforceAccess(operations, deps.config));
  app.use(mediaTypes(operations));
  app.use(textFields(operations));
  app.route("/", healthRoutes(deps));
  app.route("/", scraperRoutes(deps));
  app.route("/", authRoutes({ ...deps, auth }));
  app.route("/", keyRoutes({ ...deps, auth }));
  app.route("/", adminRoutes({ ...deps, auth }));
  app.route("/", databaseHealthRoutes(deps));
  app.route("/", seriesRoutes(data));
  app.route("/", observationsRoutes(data));
  app.route("/", compatRoutes(data));
  app.route("/", gridRoutes(data));
  app.route("/", alertRoutes(data));
  app.route("/", aiRoutes(deps));
  app.route("/", dashboardRoutes(deps));
  app.route("/", pdfRoutes(deps));
  const stream = streamRoutes(data, deps.sse);
  collectLiveMetrics(data, stream.hub);
  app.route("/", stream.app);
  app.route("/", wsRoutes(stream.hub));
  app.route("/", metricsRoutes(data.metrics));
  app.route("/", docsRoutes(app));
  // Last: the browser UI's page answers its client routes only.
  app.route("/", webRoutes({ distDir: DIST_DIR }));
  // Repeated anonymous reads of cached answers skip the chain (see fast_lane.ts); never when
  // reads need authentication, as no answer may then go to a caller without a credential.
  const { trustProxy } = deps.config;
  if (deps.config.requireAuthForReads) return app;
  app.fetch = fastLane({
    cache: data.cache,
    metrics: data.metrics,
    clock: deps.clock,
    log: deps.config.logLevel === "debug" ? log : undefined,
    limit: deps.config.rateLimits.enabled
      ? (req, info) => limiter.countLocally(clientAddress(req.headers, info, trustProxy))
      : undefined,
  }, app.fetch);
  return app;
}

function issueMessage(issue: { message: string } | undefined, parameter?: string): string {
  if (!issue) return "The request is invalid";
  return parameter ? `Parameter ${parameter}: ${issue.message}` : issue.message;
}
