/**
 * Personal and built-in dashboards as the API serves them (`/api/dashboards*`),
 * and the calls the dashboard views make.
 *
 * @module
 */
import { client, ok } from "./client.ts";
import type { components } from "./api_schema.ts";
import type { ObservationQuery } from "./data.ts";

type Schemas = components["schemas"];

/** The one description of a chart (DESIGN.md "VizSpec"). */
export type VizSpec = Schemas["VizSpec"];

/** A panel's cell on the 24-column grid. */
export type Grid = Schemas["DashboardGrid"];

/** A dashboard's share link. */
export type Share = NonNullable<Schemas["DashboardShare"]>;

/** What the AI card's `POST /api/ai/visualizations` answers. */
export type VizAnswer = Schemas["VizAnswer"];

/** The observations request that reads a spec's data. */
export function specQuery(spec: VizSpec): ObservationQuery {
  const range = "last" in spec.range
    ? { last: spec.range.last }
    : { start: spec.range.start, end: spec.range.end };
  const series = spec.series.filter((s) => typeof s === "string");
  const exprs = spec.series.filter((s) => typeof s !== "string");
  return { series, exprs, ...range, resolution: spec.resolution, agg: spec.agg };
}

const id = (id: string) => ({ params: { path: { id } } });
const panel = (id: string, panelId: string) => ({ params: { path: { id, panelId } } });

/** The dashboard calls, through the typed client. */
export const dashboardsApi = {
  list: () => ok(client.GET("/api/dashboards")),
  builtins: () => ok(client.GET("/api/builtin-dashboards")),
  builtin: (uid: string) =>
    ok(client.GET("/api/builtin-dashboards/{uid}", { params: { path: { uid } } })),
  get: (dashboardId: string) => ok(client.GET("/api/dashboards/{id}", id(dashboardId))),
  data: (dashboardId: string, query?: { last?: string; start?: string; end?: string }) =>
    ok(client.GET("/api/dashboards/{id}/data", { params: { path: { id: dashboardId }, query } })),
  create: (body: Schemas["NewDashboard"]) => ok(client.POST("/api/dashboards", { body })),
  remove: (dashboardId: string) => ok(client.DELETE("/api/dashboards/{id}", id(dashboardId))),
  addPanel: (dashboardId: string, spec: VizSpec) =>
    ok(client.POST("/api/dashboards/{id}/panels", { ...id(dashboardId), body: { spec } })),
  movePanel: (dashboardId: string, panelId: string, grid: Grid) =>
    ok(client.PUT("/api/dashboards/{id}/panels/{panelId}", {
      ...panel(dashboardId, panelId),
      body: { grid },
    })),
  setPanelSpec: (dashboardId: string, panelId: string, spec: VizSpec) =>
    ok(client.PUT("/api/dashboards/{id}/panels/{panelId}", {
      ...panel(dashboardId, panelId),
      body: { spec },
    })),
  removePanel: (dashboardId: string, panelId: string) =>
    ok(client.DELETE("/api/dashboards/{id}/panels/{panelId}", panel(dashboardId, panelId))),
  grafana: (dashboardId: string) =>
    ok(client.POST("/api/dashboards/{id}/grafana", id(dashboardId))),
  share: (dashboardId: string) => ok(client.POST("/api/dashboards/{id}/share", id(dashboardId))),
  unshare: (dashboardId: string) =>
    ok(client.DELETE("/api/dashboards/{id}/share", id(dashboardId))),
  shared: (token: string, signal?: AbortSignal) =>
    ok(client.GET("/api/shared/{token}", { params: { path: { token } }, signal })),
  sharedData: (token: string, signal?: AbortSignal) =>
    ok(client.GET("/api/shared/{token}/data", { params: { path: { token } }, signal })),
  preview: (requestText: string, dashboardId?: string) =>
    ok(client.POST("/api/ai/visualizations", {
      body: { request_text: requestText, dashboard_id: dashboardId, dry_run: true },
    })),
};
