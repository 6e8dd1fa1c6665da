/**
 * Personal and built-in dashboards as the API serves them (`/api/dashboards*`),
 * and the calls the dashboard views make.
 *
 * @module
 */
import type { VizSpec } from "../../ai/spec.ts";
import { api } from "./api.ts";
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

/** One panel's data from `GET /api/dashboards/{id}/data`. */
export interface PanelData {
  panel_id: string;
  start: string;
  end: string;
  series: SeriesColumns[];
  missing: string[];
}

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

const base = (id: string) => `/api/dashboards/${encodeURIComponent(id)}`;

/** The dashboard calls. */
export const dashboardsApi = {
  list: () => api<{ dashboards: DashboardSummary[] }>("/api/dashboards"),
  builtins: () => api<{ dashboards: Board[] }>("/api/builtin-dashboards"),
  builtin: (uid: string) => api<Board>(`/api/builtin-dashboards/${encodeURIComponent(uid)}`),
  get: (id: string) => api<Dashboard>(base(id)),
  data: (id: string) => api<{ panels: PanelData[] }>(`${base(id)}/data`),
  create: (body: { title: string; panels?: { spec: VizSpec; grid?: Grid }[] }) =>
    api<Dashboard>("/api/dashboards", { method: "POST", body }),
  remove: (id: string) => api<null>(base(id), { method: "DELETE" }),
  addPanel: (id: string, spec: VizSpec) =>
    api<Panel>(`${base(id)}/panels`, { method: "POST", body: { spec } }),
  movePanel: (id: string, panelId: string, grid: Grid) =>
    api<Panel>(`${base(id)}/panels/${panelId}`, { method: "PUT", body: { grid } }),
  removePanel: (id: string, panelId: string) =>
    api<null>(`${base(id)}/panels/${panelId}`, { method: "DELETE" }),
  grafana: (id: string) =>
    api<{ uid: string; url: string; version: number }>(`${base(id)}/grafana`, { method: "POST" }),
  preview: (requestText: string, dashboardId?: string) =>
    api<VizAnswer>("/api/ai/visualizations", {
      method: "POST",
      body: { request_text: requestText, dashboard_id: dashboardId, dry_run: true },
    }),
};
