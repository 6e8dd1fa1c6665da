/**
 * The OpenAPI document as clients and linters need it: the routes' own
 * declarations (zod schemas, security) completed with what the shared
 * middleware adds to every operation, so the document lists every status an
 * operation can answer:
 *
 * - a stable camelCase `operationId` per operation, from {@link OPERATION_IDS};
 * - `security: []` on public operations (the access middleware's reading);
 * - 400 (parameters, bodies and the text checks every request passes), 401
 *   (a credential that is sent must be valid; reads too under
 *   `REQUIRE_AUTH_FOR_READS=true`), 403 where a scope or session is needed,
 *   404 where the path names something, 413 and 415 where a body is taken,
 *   429 under `/api/` (the rate limiter) — each as problem+json;
 * - `servers`, relative to where the document was fetched.
 *
 * Operations registered only to keep an old URL working carry
 * `x-alias-of: <path>` and are left out.
 *
 * @module
 */

/** Stable operation ids, by `METHOD path`. A new route needs one here (a test checks). */
export const OPERATION_IDS: Record<string, string> = {
  "GET /health": "getHealth",
  "GET /health/scrapers": "getScraperHealth",
  "GET /health/database": "getDatabaseHealth",
  "GET /health/ai": "getAiHealth",
  "GET /health/grafana": "getGrafanaHealth",
  "GET /metrics": "getMetrics",
  "POST /api/auth/register": "register",
  "POST /api/auth/login": "login",
  "POST /api/auth/refresh": "refreshSession",
  "POST /api/auth/logout": "logout",
  "POST /api/auth/logout-all": "logoutAll",
  "GET /api/auth/me": "getMe",
  "GET /api/auth/sessions": "listSessions",
  "DELETE /api/auth/sessions/{id}": "deleteSession",
  "POST /api/keys": "createApiKey",
  "GET /api/keys": "listApiKeys",
  "GET /api/keys/{id}": "getApiKey",
  "DELETE /api/keys/{id}": "revokeApiKey",
  "GET /api/keys/{id}/usage": "getApiKeyUsage",
  "GET /api/admin/users": "listUsers",
  "PATCH /api/admin/users/{id}": "updateUser",
  "GET /api/admin/audit": "listAuditEntries",
  "GET /api/v1/series": "listSeries",
  "GET /api/v1/series/{key}": "getSeries",
  "GET /api/v1/observations": "getObservations",
  "GET /api/v1/cross-section": "getCrossSection",
  "GET /api/v1/cross-section/top": "getCrossSectionTop",
  "GET /api/v1/explore/pdf": "getExplorePdf",
  "GET /api/v1/settlement-prices": "getSettlementPrices",
  "GET /api/v1/demand-forecast": "getDemandForecast",
  "GET /api/v1/capacity-monitor": "getCapacityMonitor",
  "GET /api/v1/grid-status": "getGridStatus",
  "GET /api/v1/stream": "streamEvents",
  "POST /api/v1/stream/ticket": "createStreamTicket",
  "GET /api/v1/ws": "streamEventsWebSocket",
  "GET /api/alerts/rules": "listAlertRules",
  "POST /api/alerts/rules": "createAlertRule",
  "GET /api/alerts/rules/{id}": "getAlertRule",
  "PUT /api/alerts/rules/{id}": "replaceAlertRule",
  "DELETE /api/alerts/rules/{id}": "deleteAlertRule",
  "POST /api/alerts/rules/{id}/enable": "enableAlertRule",
  "POST /api/alerts/rules/{id}/disable": "disableAlertRule",
  "GET /api/alerts/events": "listAlertEvents",
  "GET /api/alerts/events/{id}": "getAlertEvent",
  "POST /api/alerts/events/{id}/ack": "acknowledgeAlertEvent",
  "GET /api/alerts/events/{id}/ack-link": "acknowledgeAlertEventByLink",
  "GET /api/alerts/builtin": "listBuiltinAlerts",
  "POST /api/alerts/builtin/{builtin}/subscribe": "subscribeBuiltinAlert",
  "POST /api/alerts/builtin/{builtin}/unsubscribe": "unsubscribeBuiltinAlert",
  "GET /api/alerts/builtin/{builtin}/changes": "listGridConditionChanges",
  "POST /api/ai/visualizations": "createVisualization",
  "GET /api/ai/visualizations": "listVisualizations",
  "DELETE /api/ai/visualizations/{id}": "deleteVisualization",
  "POST /api/ai/visualizations/clear": "clearVisualizations",
  "GET /api/builtin-dashboards": "listBuiltinDashboards",
  "GET /api/builtin-dashboards/{uid}": "getBuiltinDashboard",
  "GET /api/dashboard/available-panels": "listAvailablePanels",
  "GET /api/dashboards": "listDashboards",
  "POST /api/dashboards": "createDashboard",
  "GET /api/dashboards/{id}": "getDashboard",
  "PUT /api/dashboards/{id}": "updateDashboard",
  "DELETE /api/dashboards/{id}": "deleteDashboard",
  "PUT /api/dashboards/{id}/order": "reorderPanels",
  "POST /api/dashboards/{id}/duplicate": "duplicateDashboard",
  "GET /api/dashboards/{id}/data": "getDashboardData",
  "GET /api/dashboards/{id}/pdf": "getDashboardPdf",
  "GET /api/dashboards/{id}/panels": "listPanels",
  "POST /api/dashboards/{id}/panels": "addPanel",
  "GET /api/dashboards/{id}/panels/{panelId}": "getPanel",
  "PUT /api/dashboards/{id}/panels/{panelId}": "updatePanel",
  "DELETE /api/dashboards/{id}/panels/{panelId}": "deletePanel",
  "POST /api/dashboards/{id}/share": "shareDashboard",
  "DELETE /api/dashboards/{id}/share": "unshareDashboard",
  "GET /api/shared/{token}": "getSharedDashboard",
  "GET /api/shared/{token}/data": "getSharedDashboardData",
  "POST /api/dashboards/{id}/grafana": "deployDashboardToGrafana",
  "GET /api/dashboards/{id}/grafana": "getDashboardGrafanaJson",
  "GET /api/builtin-dashboards/{uid}/grafana": "getBuiltinDashboardGrafanaJson",
};

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string }[];
  requestBody?: Json;
  responses: Record<string, Json>;
}

const PROBLEM = { $ref: "#/components/schemas/Problem" };

const DESCRIPTIONS: Record<number, string> = {
  400: "A parameter, the body or a text field is invalid; `parameter` names it",
  401:
    "A credential is needed (reads too under REQUIRE_AUTH_FOR_READS=true), or the one sent is invalid",
  403: "The credential lacks the scope this operation needs, or is an API key where a session is",
  404: "Not found",
  413: "The request body is larger than the server's limit",
  415: "The request body is not application/json",
  429: "Too many requests; Retry-After says when to try again",
};

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** A camelCase id made from the method and path, for an operation missing from the table. */
export function derivedOperationId(method: string, path: string): string {
  const words = [method, ...path.split(/[^A-Za-z0-9]+/).filter((w) => w && w !== "api")];
  return words.map((w, i) => i === 0 ? w : w[0].toUpperCase() + w.slice(1)).join("");
}

/** Statuses the middleware can answer for an operation, beyond the route's own. */
function middlewareStatuses(path: string, op: Operation): number[] {
  const statuses = [400, 401];
  const scoped = (op.security ?? []).some((s) => Object.keys(s).length > 0);
  if (scoped) statuses.push(403);
  if (/\{[^}]+\}/.test(path)) statuses.push(404);
  if (op.requestBody) statuses.push(413, 415);
  if (path.startsWith("/api/")) statuses.push(429);
  return statuses;
}

/**
 * Completes a generated OpenAPI 3.1 document in place (see the module notes)
 * and returns it.
 */
export function completeDocument<T extends object>(doc: T): T {
  const paths = ((doc as Json).paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (op["x-alias-of"]) {
        delete item[method];
        continue;
      }
      const name = `${method.toUpperCase()} ${path}`;
      op.operationId = OPERATION_IDS[name] ?? derivedOperationId(method, path);
      op.security ??= [];
      for (const status of middlewareStatuses(path, op)) {
        op.responses[status] ??= { description: DESCRIPTIONS[status] };
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && Number(status) < 600 && !response.content) {
          response.content = { "application/problem+json": { schema: PROBLEM } };
        }
      }
    }
    if (!METHODS.some((m) => item[m])) delete paths[path];
  }
  (doc as Json).servers = [{
    url: "/",
    description: "The server this document was fetched from",
  }];
  return doc;
}
