/**
 * The board: what every dashboard is before it becomes Grafana JSON or an
 * API answer — a built-in one defined as code, or a user's from the
 * database. Panels are VizSpecs with a grid; a built-in panel may bind its
 * settlement point to the `hub` or `zone` template variable.
 *
 * @module
 */
import type { Dashboard, Grid } from "./types.ts";
import type { VizRange, VizSpec } from "../domain/vizspec.ts";
import { LOAD_ZONES, PHYSICAL_HUBS } from "../domain/catalog.ts";

/** A template variable a panel may bind to. */
export type VariableName = "hub" | "zone";

/** One template variable: its label and the settlement points it offers, default first. */
export interface VariableDef {
  name: VariableName;
  label: string;
  options: readonly string[];
}

/** The template variables, in the order Grafana shows them. */
export const VARIABLES: readonly VariableDef[] = [
  {
    name: "hub",
    label: "Hub",
    options: [
      "hb_north",
      ...PHYSICAL_HUBS.filter((h) => h !== "hb_north"),
      "hb_busavg",
      "hb_hubavg",
    ],
  },
  {
    name: "zone",
    label: "Load zone",
    options: ["lz_north", ...LOAD_ZONES.filter((z) => z !== "lz_north")],
  },
];

/**
 * A panel's series follow a template variable: every key ending in
 * `.<point>` reads the variable's current point instead.
 */
export interface Binding {
  variable: VariableName;
  /** The point the spec names; the variable's default. */
  point: string;
}

/**
 * Colour bands on a panel, e.g. emergency levels: `base` below the first
 * step, each step's colour from its value up.
 */
export interface Thresholds {
  base: string;
  steps: readonly { value: number; color: string }[];
}

/** Dashboard-wide annotations a board may ask for. */
export type AnnotationName = "grid_condition";

/** One panel of a board. */
export interface BoardPanel {
  /** Stable identifier within the board (a slug, or a panel uuid). */
  id: string;
  spec: VizSpec;
  grid: Grid;
  /** Short explanation shown with the panel. */
  description?: string;
  bind?: Binding;
  thresholds?: Thresholds;
}

/** A dashboard, ready to render. */
export interface Board {
  /** Fixed Grafana uid: at most 40 characters of `[a-z0-9-]`. */
  uid: string;
  title: string;
  description: string;
  tags: readonly string[];
  defaultRange: VizRange;
  /** Seconds between refreshes; null when off. */
  refreshSeconds: number | null;
  panels: readonly BoardPanel[];
  annotations?: readonly AnnotationName[];
}

/** The Grafana uid of a user's dashboard: `ercot-` and the uuid without dashes (38 characters). */
export function userBoardUid(id: string): string {
  return `ercot-${id.replaceAll("-", "").toLowerCase()}`;
}

/**
 * A user's dashboard as a board; its title gets the first characters of
 * its id, so two users' "Prices" can share Grafana's folder.
 *
 * @example toGrafanaJson(fromUserDashboard(await getDashboard(sql, { id, userId })))
 */
export function fromUserDashboard(d: Dashboard): Board {
  return {
    uid: userBoardUid(d.id),
    // Grafana refuses two dashboards of one title in a folder; users' titles may repeat.
    title: `${d.title} · ${d.id.slice(0, 8)}`,
    description: "",
    tags: ["ercot", "personal"],
    defaultRange: d.defaultRange,
    refreshSeconds: d.refreshSeconds,
    panels: d.panels.map((p) => ({ id: p.id, spec: p.spec, grid: p.grid })),
  };
}

/** The template variables a board's panels use, in {@link VARIABLES} order. */
export function boardVariables(board: Board): VariableDef[] {
  const used = new Set(board.panels.flatMap((p) => p.bind ? [p.bind.variable] : []));
  return VARIABLES.filter((v) => used.has(v.name));
}
