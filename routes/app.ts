/**
 * Composes the HTTP application from one sub-app per resource. Everything a
 * route needs arrives in {@link AppDeps}, built by `composeDeps()`
 * (routes/compose.ts); nothing is reached through globals or made up here.
 * The server puts the fast lane in front of it (`serveFetch()`).
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps } from "./deps.ts";
import { onError, problem } from "../http/problem.ts";
import { healthRoutes } from "./health.ts";
import { feedHealthRoutes } from "./feed_health.ts";
import { collectLiveMetrics } from "./_live.ts";
import { compression } from "../http/compress.ts";
import { requestIds } from "../http/request_id.ts";
import { metricsRoutes, requestMetrics } from "./metrics.ts";
import { databaseHealthRoutes } from "./health_database.ts";
import { seriesRoutes } from "./series.ts";
import { observationsRoutes } from "./observations.ts";
import { crossSectionRoutes } from "./cross_section.ts";
import { compatRoutes } from "./compat.ts";
import { gridConditionRoutes } from "./grid_condition.ts";
import { STREAM_PATH, streamRoutes } from "./stream.ts";
import { WS_PATH, wsRoutes } from "./ws.ts";
import { docsRoutes } from "./docs.ts";
import { bodyLimitFor, corsFor, securityHeaders } from "../http/headers.ts";
import { cachePolicy } from "../http/cache_policy.ts";
import { authenticate } from "../auth/middleware.ts";
import { enforceAccess } from "../http/access.ts";
import { operationTable } from "../http/operations.ts";
import { textFields } from "../http/text_fields.ts";
import { mediaTypes } from "../http/media_type.ts";
import { notFoundOrNotAllowed } from "../http/not_found.ts";
import { authApi } from "../auth/api.ts";
import { keysApi } from "../auth/keys_api.ts";
import { adminApi } from "../auth/admin_api.ts";
import { auditApi } from "../audit/api.ts";
import { alertsApi } from "../alerts/api.ts";
import { aiApi } from "../ai/api.ts";
import { addPanel } from "../dashboards/store.ts";
import { dashboardsApi } from "../dashboards/api.ts";
import { availablePanelsApi, builtinBoardsApi } from "../dashboards/builtin_api.ts";
import { sharedBoardsApi } from "../dashboards/share_links_api.ts";
import { grafanaHealthApi, grafanaPushApi } from "../dashboards/grafana/api.ts";
import { builtinGrafanaJsonApi, grafanaJsonApi } from "../dashboards/grafana/json_api.ts";
import { dashboardPdfApi, explorePdfApi } from "../dashboards/pdf_api.ts";
import { webRoutes } from "./web.ts";
import { DIST_DIR } from "../web/build.ts";

/**
 * Builds the application.
 *
 * @example
 * const app = createApp(composeDeps(core));
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
  const { auth } = deps;
  app.use(requestIds({ level: deps.config.logLevel, log: deps.log }));
  app.use(compression());
  app.use(requestMetrics(deps.metrics));
  app.use(securityHeaders());
  app.use(cachePolicy(deps.config));
  app.use(corsFor(deps.config.corsOrigins));
  app.use(bodyLimitFor(deps.config.maxBodyBytes));
  app.use(
    authenticate(auth, { trustProxy: deps.config.trustProxy, ticketPaths: [STREAM_PATH, WS_PATH] }),
  );
  app.use(deps.limiter.middleware);
  const operations = operationTable(app);
  app.use(enforceAccess(operations, deps.config));
  app.use(mediaTypes(operations));
  app.use(textFields(operations));
  app.route("/health", healthRoutes(deps));
  app.route("/health/scrapers", feedHealthRoutes(deps));
  const accounts = { sql: deps.sql, clock: deps.clock, auth };
  app.route("/api/auth", authApi(accounts));
  app.route("/api/keys", keysApi(accounts));
  app.route("/api/admin/users", adminApi(accounts));
  app.route("/api/admin/audit", auditApi({ sql: deps.sql }));
  app.route("/health/database", databaseHealthRoutes(deps));
  app.route("/api/v1/series", seriesRoutes(deps));
  app.route("/api/v1/observations", observationsRoutes(deps));
  app.route("/api/v1/cross-section", crossSectionRoutes(deps));
  app.route("/api/v1", compatRoutes(deps));
  app.route("/api/v1", gridConditionRoutes(deps));
  app.route("/api/alerts", alertsApi({ sql: deps.sql, clock: deps.clock, config: deps.config }));
  const ai = aiApi({
    sql: deps.sql,
    clock: deps.clock,
    config: deps.config,
    ai: deps.ai,
    addPanel: (input) => addPanel(deps.sql, input),
  });
  app.route("/api/ai", ai.api);
  app.route("/health/ai", ai.health);
  // Dashboards (dashboards/): built-in and user boards, share links, Grafana, PDF.
  const boards = { sql: deps.sql, clock: deps.clock };
  const grafana = { sql: deps.sql, config: deps.config, grafana: deps.grafana };
  app.route("/api/builtin-dashboards", builtinBoardsApi());
  app.route("/api/dashboards/builtin", builtinBoardsApi({ aliasOf: "/api/builtin-dashboards" }));
  app.route("/api/dashboard", availablePanelsApi());
  app.route("/api/dashboards", dashboardsApi(boards));
  app.route("/api/shared", sharedBoardsApi(boards));
  app.route("/api/dashboards", grafanaPushApi(grafana));
  app.route("/api/dashboards", grafanaJsonApi(boards));
  app.route("/api/builtin-dashboards", builtinGrafanaJsonApi());
  app.route("/health/grafana", grafanaHealthApi(grafana));
  app.route("/api/dashboards", dashboardPdfApi(boards));
  app.route("/api/v1/explore", explorePdfApi(boards));
  const stream = streamRoutes(deps, deps.sse);
  collectLiveMetrics(deps, stream.hub);
  app.route("/", stream.app);
  app.route("/", wsRoutes(stream.hub));
  app.route("/metrics", metricsRoutes(deps.metrics));
  app.route("/", docsRoutes(app));
  // Last: the browser UI's page answers its client routes only.
  app.route("/", webRoutes({ distDir: DIST_DIR }));
  return app;
}

function issueMessage(issue: { message: string } | undefined, parameter?: string): string {
  if (!issue) return "The request is invalid";
  return parameter ? `Parameter ${parameter}: ${issue.message}` : issue.message;
}
