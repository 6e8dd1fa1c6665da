/**
 * Personal and built-in dashboards as the API serves them (`/api/dashboards*`),
 * and the calls the dashboard views make.
 *
 * @module
 */
import type { VizSpec } from "../../domain/vizspec.ts";
import { client, ok } from "./client.ts";
import type { components } from "./api_schema.ts";
import type { ObservationQuery, SeriesColumns } from "./data.ts";

export type { VizSpec };

/** A panel's cell on the 24-column grid. */
export interface Grid {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A panel of a personal dashboard. */
export interface Panel {
  id: string;
  dashboard_id: string;
  position: number;
  grid: Grid;
  spec: VizSpec;
}

/** A dashboard in the list. */
export interface DashboardSummary {
  id: string;
  title: string;
  panel_count: number;
  updated_at: string;
}

/** A dashboard with its panels. */
export interface Dashboard extends DashboardSummary {
  panels: Panel[];
}

/** A built-in dashboard (read-only; it can be copied). */
export interface Board {
  uid: string;
  title: string;
  description: string;
  default_range: VizSpec["range"];
  refresh_seconds: number | null;
  panels: { id: string; spec: VizSpec; grid: Grid; description?: string }[];
}

/** One panel's data from `GET /api/dashboards/{id}/data`, as the API declares it. */
export type PanelData = components["schemas"]["PanelData"];

/** What the AI card's `POST /api/ai/visualizations` answers. */
export interface VizAnswer {
  spec: VizSpec;
  provider: "bedrock" | "rules";
  fallback_reason?: string;
  preview: { series: SeriesColumns[]; start: string; end: string };
  sql: string;
  sql_params: (string | number)[];
}

/** The observations request that reads a spec's data. */
export function specQuery(spec: VizSpec): ObservationQuery {
  const range = "last" in spec.range
    ? { last: spec.range.last }
    : { start: spec.range.start, end: spec.range.end };
  return { series: spec.series, ...range, resolution: spec.resolution, agg: spec.agg };
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
  data: (dashboardId: string) => ok(client.GET("/api/dashboards/{id}/data", id(dashboardId))),
  create: (body: { title: string; panels?: { spec: VizSpec; grid?: Grid }[] }) =>
    ok(client.POST("/api/dashboards", { body })),
  remove: (dashboardId: string) => ok(client.DELETE("/api/dashboards/{id}", id(dashboardId))),
  addPanel: (dashboardId: string, spec: VizSpec) =>
    ok(client.POST("/api/dashboards/{id}/panels", { ...id(dashboardId), body: { spec } })),
  movePanel: (dashboardId: string, panelId: string, grid: Grid) =>
    ok(client.PUT("/api/dashboards/{id}/panels/{panelId}", {
      ...panel(dashboardId, panelId),
      body: { grid },
    })),
  removePanel: (dashboardId: string, panelId: string) =>
    ok(client.DELETE("/api/dashboards/{id}/panels/{panelId}", panel(dashboardId, panelId))),
  grafana: (dashboardId: string) =>
    ok(client.POST("/api/dashboards/{id}/grafana", id(dashboardId))),
  preview: (requestText: string, dashboardId?: string) =>
    ok(client.POST("/api/ai/visualizations", {
      body: { request_text: requestText, dashboard_id: dashboardId, dry_run: true },
    })),
};
