/**
 * A dashboard's panel data under a dashboard-wide range: unpinned panels read
 * the shared window, pinned ones (an absolute range in their spec) their own.
 *
 * @module
 */
import type { components } from "./api_schema.ts";
import { type BoardRange, boardRangeParams } from "./board_range.ts";
import { dashboardsApi, type VizSpec } from "./dashboards.ts";

/** One panel's data as the API sends it. */
export type PanelData = components["schemas"]["PanelData"];

/** Whether a panel keeps its own window: its spec names absolute instants. */
export function isPinned(spec: VizSpec): boolean {
  return !("last" in spec.range);
}

/**
 * Every panel's data: each over its own range when `range` is null, else the
 * unpinned ones over `range` and the pinned ones over their own.
 */
export async function boardData(
  dashboardId: string,
  panels: readonly { id: string; spec: VizSpec }[],
  range: BoardRange | null,
  now = Date.now(),
): Promise<PanelData[]> {
  if (!range) return (await dashboardsApi.data(dashboardId)).panels;
  const pinned = new Set(panels.filter((p) => isPinned(p.spec)).map((p) => p.id));
  const [shared, own] = await Promise.all([
    dashboardsApi.data(dashboardId, boardRangeParams(range, now)),
    pinned.size ? dashboardsApi.data(dashboardId) : Promise.resolve({ panels: [] }),
  ]);
  const ownById = new Map(own.panels.map((p) => [p.panel_id, p]));
  return shared.panels.map((p) => pinned.has(p.panel_id) ? ownById.get(p.panel_id) ?? p : p);
}
