/**
 * Editing and removing single panels of a user's dashboard. Like
 * `dashboards/store.ts`, a dashboard or panel that is missing or someone else's
 * is a {@link NotFoundError}.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { validateSpec, type VizSpec } from "../domain/vizspec.ts";
import {
  checkGrid,
  checkId,
  ownedRow,
  PANEL_COLUMNS,
  type PanelRow,
  panelRows,
  specHash,
  toPanel,
  touch,
} from "./_store_rows.ts";
import type { Grid, Panel } from "./types.ts";

/** Which panel of which user's dashboard. */
export interface PanelRef {
  dashboardId: string;
  panelId: string;
  userId: string;
}

/** One panel of one of the user's dashboards. */
export async function getPanel(sql: Sql, ref: PanelRef): Promise<Panel> {
  return toPanel(await ownedPanel(sql, ref));
}

/**
 * Changes a panel's spec and/or grid. Throws {@link ConflictError} when the
 * new spec is another panel's chart on the same dashboard.
 */
export async function updatePanel(
  sql: Sql,
  ref: PanelRef & { spec?: VizSpec; grid?: Grid; now?: Date },
): Promise<Panel> {
  const current = await ownedPanel(sql, ref);
  const spec = ref.spec === undefined ? validateSpec(current.spec) : validateSpec(ref.spec);
  const hash = await specHash(spec);
  const grid = ref.grid ? checkGrid(ref.grid) : toPanel(current).grid;
  const twin = (await panelRows(sql, ref.dashboardId)).find((p) =>
    p.spec_hash === hash && p.id !== current.id
  );
  if (twin) {
    throw new ConflictError(`Panel ${twin.id} on this dashboard already draws this chart`, {
      panel_id: twin.id,
    });
  }
  const [row] = await sql<PanelRow[]>`
    update dashboard_panels set spec = ${sql.json(spec)}, spec_hash = ${hash},
      grid_x = ${grid.x}, grid_y = ${grid.y}, grid_w = ${grid.w}, grid_h = ${grid.h}
    where id = ${current.id}
    returning ${sql(PANEL_COLUMNS)}`;
  await touch(sql, ref.dashboardId, ref.now ?? new Date());
  return toPanel(row);
}

/** Removes a panel; the others keep their order. */
export async function deletePanel(sql: Sql, ref: PanelRef & { now?: Date }): Promise<void> {
  const current = await ownedPanel(sql, ref);
  await sql`delete from dashboard_panels where id = ${current.id}`;
  await touch(sql, ref.dashboardId, ref.now ?? new Date());
}

async function ownedPanel(sql: Sql, ref: PanelRef): Promise<PanelRow> {
  await ownedRow(sql, ref.dashboardId, ref.userId);
  checkId(ref.panelId, "Panel");
  const [row] = await sql<PanelRow[]>`
    select ${sql(PANEL_COLUMNS)} from dashboard_panels
    where id = ${ref.panelId} and dashboard_id = ${ref.dashboardId}`;
  if (!row) throw new NotFoundError(`Panel ${ref.panelId} not found`);
  return row;
}
