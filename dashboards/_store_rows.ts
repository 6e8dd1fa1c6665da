/**
 * Private helpers of the dashboard stores (`store.ts`, `panels_store.ts`):
 * row shapes and their mapping, grid checks and placement, and the spec hash
 * that detects duplicate panels.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { NotFoundError, ValidationError } from "../domain/errors.ts";
import {
  normalizeSpec,
  validateSpec,
  type VizRange,
  type VizSpec,
  VizSpecSchema,
} from "../domain/vizspec.ts";
import type { Dashboard, DashboardSummary, Grid, Panel, PanelInput } from "./types.ts";
import { digestHex } from "../util/digest.ts";

/** A `dashboard_panels` row. */
export interface PanelRow {
  id: string;
  dashboard_id: string;
  spec: unknown;
  spec_hash: string;
  grid_x: number;
  grid_y: number;
  grid_w: number;
  grid_h: number;
  position: number;
}

/** A `dashboards` row with its panel count. */
export interface DashboardRow {
  id: string;
  owner_id: string;
  title: string;
  default_range: unknown;
  refresh_seconds: number | null;
  position: number;
  share_token: string | null;
  shared_at: Date | null;
  created_at: Date;
  updated_at: Date;
  panel_count: number;
}

/** Columns of {@link PanelRow}. */
export const PANEL_COLUMNS = [
  "id",
  "dashboard_id",
  "spec",
  "spec_hash",
  "grid_x",
  "grid_y",
  "grid_w",
  "grid_h",
  "position",
];

/** Columns of {@link DashboardRow} but the count. */
export const DASHBOARD_COLUMNS = [
  "id",
  "owner_id",
  "title",
  "default_range",
  "refresh_seconds",
  "position",
  "share_token",
  "shared_at",
  "created_at",
  "updated_at",
];

/** Most panels one dashboard holds. */
export const MAX_PANELS = 100;

/** The grid a panel gets when none is given: half the width, 8 rows high. */
export const DEFAULT_SIZE = { w: 12, h: 8 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws {@link NotFoundError} for an id that is not a uuid, so it never reaches SQL. */
export function checkId(id: string, what: string): void {
  if (!UUID.test(id)) throw new NotFoundError(`${what} ${JSON.stringify(id)} not found`);
}

/** Maps a panel row. */
export function toPanel(row: PanelRow): Panel {
  return {
    id: row.id,
    dashboardId: row.dashboard_id,
    spec: validateSpec(row.spec),
    grid: { x: row.grid_x, y: row.grid_y, w: row.grid_w, h: row.grid_h },
    position: row.position,
  };
}

/** Maps a dashboard row. */
export function toSummary(row: DashboardRow): DashboardSummary {
  return {
    id: row.id,
    ownerId: row.owner_id,
    title: row.title,
    defaultRange: row.default_range as VizRange,
    refreshSeconds: row.refresh_seconds,
    position: row.position,
    shareToken: row.share_token,
    sharedAt: row.shared_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    panelCount: Number(row.panel_count),
  };
}

/** A dashboard with its panels, in position order. */
export function toDashboard(row: DashboardRow, panels: PanelRow[]): Dashboard {
  return { ...toSummary({ ...row, panel_count: panels.length }), panels: panels.map(toPanel) };
}

/** SHA-256 (hex) of the spec's normalized form: equal for specs that draw the same chart. */
export async function specHash(spec: unknown): Promise<string> {
  const canonical = JSON.stringify(normalizeSpec(spec as never));
  return await digestHex(canonical);
}

/** Validates a grid on Grafana's 24-column layout; throws {@link ValidationError} naming it. */
export function checkGrid(grid: Grid): Grid {
  const { x, y, w, h } = grid;
  const ok = [x, y, w, h].every(Number.isInteger) && x >= 0 && y >= 0 && y <= 10000 &&
    w >= 1 && h >= 1 && h <= 100 && x + w <= 24;
  if (!ok) {
    throw new ValidationError(
      `Grid {x: ${x}, y: ${y}, w: ${w}, h: ${h}} does not fit the 24-column grid`,
      { parameter: "grid" },
    );
  }
  return { x, y, w, h };
}

/**
 * Where a new panel goes: to the right of the last panel when it fits on that
 * row, otherwise on a new row below everything.
 */
export function nextSlot(existing: Grid[]): Grid {
  const { w, h } = DEFAULT_SIZE;
  const last = existing.at(-1);
  if (last && last.x + last.w + w <= 24) return { x: last.x + last.w, y: last.y, w, h };
  const bottom = Math.max(0, ...existing.map((g) => g.y + g.h));
  return { x: 0, y: bottom, w, h };
}

/** Validates a dashboard's default range; throws {@link ValidationError} naming the problem. */
export function checkRange(range: unknown): VizRange {
  const result = VizSpecSchema.shape.range.safeParse(range);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ValidationError(`Default range: ${issue?.message ?? "invalid"}`, {
    parameter: "default_range",
  });
}

/** Validates a refresh interval: null (off) or 5 to 86400 seconds. */
export function checkRefresh(seconds: number | null): number | null {
  if (seconds === null) return null;
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 86400) {
    throw new ValidationError(`Refresh interval ${seconds} is not 5 to 86400 seconds`, {
      parameter: "refresh_seconds",
    });
  }
  return seconds;
}

/** The panels of a dashboard, in position order. */
export async function panelRows(sql: Sql, dashboardId: string): Promise<PanelRow[]> {
  return await sql<PanelRow[]>`
    select ${sql(PANEL_COLUMNS)} from dashboard_panels
    where dashboard_id = ${dashboardId} order by position, created_at, id`;
}

/** The user's dashboard row; throws {@link NotFoundError} when it is missing or someone else's. */
export async function ownedRow(sql: Sql, id: string, userId: string): Promise<DashboardRow> {
  checkId(id, "Dashboard");
  const [row] = await sql<DashboardRow[]>`
    select ${sql(DASHBOARD_COLUMNS)}, 0 as panel_count from dashboards
    where id = ${id} and owner_id = ${userId}`;
  if (!row) throw new NotFoundError(`Dashboard ${id} not found`);
  return row;
}

/** Stamps a dashboard's `updated_at`. */
export async function touch(sql: Sql, id: string, now: Date): Promise<void> {
  await sql`update dashboards set updated_at = ${now} where id = ${id}`;
}

/** A panel ready to insert. */
export interface PreparedPanel {
  id?: string;
  spec: VizSpec;
  hash: string;
  grid: Grid;
}

/**
 * Validates panels for a dashboard: specs, grids (placed in turn when absent),
 * no chart twice, and ids (when given) among `existing`.
 */
export async function preparePanels(
  inputs: (PanelInput & { id?: string })[],
  existing: PanelRow[] = [],
): Promise<PreparedPanel[]> {
  const out: PreparedPanel[] = [];
  for (const [i, input] of inputs.entries()) {
    const spec = validateSpec(input.spec);
    const hash = await specHash(spec);
    const twin = out.findIndex((p) => p.hash === hash);
    if (twin >= 0) {
      throw new ValidationError(`Panels ${twin} and ${i} draw the same chart`, {
        parameter: `panels.${i}`,
      });
    }
    if (input.id !== undefined && !existing.some((p) => p.id === input.id)) {
      throw new ValidationError(`Panel ${input.id} is not on this dashboard`, {
        parameter: `panels.${i}.id`,
      });
    }
    const grid = input.grid ? checkGrid(input.grid) : nextSlot(out.map((p) => p.grid));
    out.push({ id: input.id, spec, hash, grid });
  }
  return out;
}

/** Inserts prepared panels with positions 0, 1, ...; a given id is kept. */
export async function insertPanels(
  sql: Sql,
  dashboardId: string,
  panels: PreparedPanel[],
  now: Date,
): Promise<void> {
  for (const [position, p] of panels.entries()) {
    await sql`insert into dashboard_panels
      (id, dashboard_id, spec, spec_hash, grid_x, grid_y, grid_w, grid_h, position, created_at)
      values (coalesce(${p.id ?? null}::uuid, gen_random_uuid()), ${dashboardId},
        ${sql.json(p.spec)}, ${p.hash}, ${p.grid.x}, ${p.grid.y}, ${p.grid.w}, ${p.grid.h},
        ${position}, ${now})`;
  }
}

/** Trims and checks a dashboard title: 1 to 120 characters. */
export function checkTitle(title: string): string {
  const trimmed = title.trim().replace(/\s+/g, " ");
  if (trimmed.length < 1 || trimmed.length > 120) {
    throw new ValidationError(`Title ${JSON.stringify(title)} is not 1 to 120 characters`, {
      parameter: "title",
    });
  }
  return trimmed;
}
