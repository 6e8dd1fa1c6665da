/**
 * A user's dashboards as the store returns them: the dashboard, its summary,
 * its panels and where each sits on the 24-column layout grid.
 *
 * @module
 */
import type { VizRange, VizSpec } from "../domain/vizspec.ts";

/** A panel's place on Grafana's 24-column grid: column, row, width, height. */
export interface Grid {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One chart on a dashboard. */
export interface Panel {
  id: string;
  dashboardId: string;
  spec: VizSpec;
  grid: Grid;
  /** Order on the dashboard, from 0. */
  position: number;
}

/** A dashboard without its panels. */
export interface DashboardSummary {
  id: string;
  ownerId: string;
  title: string;
  /** The range the dashboard opens with. */
  defaultRange: VizRange;
  /** Seconds between refreshes; null when it does not refresh itself. */
  refreshSeconds: number | null;
  position: number;
  /** The read-only share token, when shared. */
  shareToken: string | null;
  sharedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  panelCount: number;
}

/** A dashboard with its panels, in order. */
export interface Dashboard extends DashboardSummary {
  panels: Panel[];
}

/** A panel to place: its spec, and a grid (placed after the others when absent). */
export interface PanelInput {
  spec: VizSpec;
  grid?: Grid;
}
