/**
 * Personal dashboards and their panels (`dashboards`, `dashboard_panels`).
 * Every function that takes a `userId` acts on that user's dashboards only:
 * a dashboard that is missing and one that belongs to someone else both throw
 * the same {@link NotFoundError}, so ids reveal nothing. Editing and removing
 * of a single panel lives in `dashboards/panels_store.ts`; the shapes in
 * `dashboards/types.ts`.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { NotFoundError, ValidationError } from "../domain/errors.ts";
import { validateSpec, type VizRange, type VizSpec } from "../domain/vizspec.ts";
import {
  checkGrid,
  checkRange,
  checkRefresh,
  checkTitle,
  DASHBOARD_COLUMNS,
  type DashboardRow,
  insertPanels,
  MAX_PANELS,
  nextSlot,
  ownedRow,
  PANEL_COLUMNS,
  type PanelRow,
  panelRows,
  preparePanels,
  specHash,
  toDashboard,
  toPanel,
  toSummary,
  touch,
} from "./_store_rows.ts";
import type { Dashboard, DashboardSummary, Grid, Panel, PanelInput } from "./types.ts";

/** What {@link createDashboard} takes. */
export interface NewDashboard {
  userId: string;
  title: string;
  /** Range the dashboard opens with (last 24 hours). */
  defaultRange?: VizRange;
  /** Seconds between refreshes (null: off). */
  refreshSeconds?: number | null;
  /** Panels, in order (none). */
  panels?: PanelInput[];
  /** Creation instant (now). */
  now?: Date;
}

const DEFAULT_RANGE: VizRange = { last: "P1D" };

/**
 * Adds a chart to one of the user's dashboards, after the others. When the
 * same normalized spec is already there, returns that panel with
 * `duplicate: true` and inserts nothing. Throws {@link NotFoundError} when the
 * dashboard is missing or not the user's.
 *
 * @example
 * const { panel, duplicate } = await addPanel(sql, { dashboardId, userId, spec });
 */
export async function addPanel(
  sql: Sql,
  opts: { dashboardId: string; userId: string; spec: VizSpec; grid?: Grid; now?: Date },
): Promise<{ panel: Panel; duplicate: boolean }> {
  const spec = validateSpec(opts.spec);
  const hash = await specHash(spec);
  const grid = opts.grid && checkGrid(opts.grid);
  await ownedRow(sql, opts.dashboardId, opts.userId);
  const existing = await panelRows(sql, opts.dashboardId);
  const same = existing.find((p) => p.spec_hash === hash);
  if (same) return { panel: toPanel(same), duplicate: true };
  if (existing.length >= MAX_PANELS) {
    throw new ValidationError(`Dashboard ${opts.dashboardId} already has ${MAX_PANELS} panels`);
  }
  const place = grid ?? nextSlot(existing.map((p) => toPanel(p).grid));
  const position = Math.max(-1, ...existing.map((p) => p.position)) + 1;
  const [row] = await sql<PanelRow[]>`
    insert into dashboard_panels
      (dashboard_id, spec, spec_hash, grid_x, grid_y, grid_w, grid_h, position, created_at)
    values (${opts.dashboardId}, ${sql.json(spec)}, ${hash}, ${place.x}, ${place.y},
      ${place.w}, ${place.h}, ${position}, ${opts.now ?? new Date()})
    on conflict (dashboard_id, spec_hash) do nothing
    returning ${sql(PANEL_COLUMNS)}`;
  if (!row) {
    // Another request added the same chart between the read and the insert.
    const again = await panelRows(sql, opts.dashboardId);
    return { panel: toPanel(again.find((p) => p.spec_hash === hash) as PanelRow), duplicate: true };
  }
  await touch(sql, opts.dashboardId, opts.now ?? new Date());
  return { panel: toPanel(row), duplicate: false };
}

/** The user's dashboards, in their order, without panels. */
export async function listDashboards(sql: Sql, userId: string): Promise<DashboardSummary[]> {
  const rows = await sql<DashboardRow[]>`
    select ${sql(DASHBOARD_COLUMNS.map((c) => `d.${c}`))},
      (select count(*) from dashboard_panels p where p.dashboard_id = d.id)::int as panel_count
    from dashboards d where d.owner_id = ${userId}
    order by d.position, d.created_at, d.id`;
  return rows.map(toSummary);
}

/** One of the user's dashboards with its panels; {@link NotFoundError} otherwise. */
export async function getDashboard(
  sql: Sql,
  opts: { id: string; userId: string },
): Promise<Dashboard> {
  const row = await ownedRow(sql, opts.id, opts.userId);
  return toDashboard(row, await panelRows(sql, row.id));
}

/**
 * Creates a dashboard at the end of the user's list, with its panels in the
 * order given. Throws {@link ValidationError} when two panels draw the same chart.
 */
export async function createDashboard(sql: Sql, opts: NewDashboard): Promise<Dashboard> {
  const now = opts.now ?? new Date();
  const range = checkRange(opts.defaultRange ?? DEFAULT_RANGE);
  const refresh = checkRefresh(opts.refreshSeconds ?? null);
  const panels = await preparePanels(opts.panels ?? []);
  const id = await sql.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into dashboards
        (owner_id, title, default_range, refresh_seconds, position, created_at, updated_at)
      values (${opts.userId}, ${checkTitle(opts.title)}, ${tx.json(range)}, ${refresh},
        (select coalesce(max(position) + 1, 0) from dashboards where owner_id = ${opts.userId}),
        ${now}, ${now})
      returning id`;
    await insertPanels(tx as unknown as Sql, row.id, panels, now);
    return row.id;
  });
  return await getDashboard(sql, { id, userId: opts.userId });
}

/** What {@link updateDashboard} changes; absent members stay as they are. */
export interface DashboardChanges {
  title?: string;
  defaultRange?: VizRange;
  refreshSeconds?: number | null;
  position?: number;
  /**
   * The complete new panel list, in order. An entry with the `id` of one of
   * the dashboard's panels keeps that id; panels not listed are removed.
   */
  panels?: (PanelInput & { id?: string })[];
}

/** Changes one of the user's dashboards; {@link NotFoundError} when it is not theirs. */
export async function updateDashboard(
  sql: Sql,
  opts: { id: string; userId: string; changes: DashboardChanges; now?: Date },
): Promise<Dashboard> {
  const now = opts.now ?? new Date();
  const current = await ownedRow(sql, opts.id, opts.userId);
  const c = opts.changes;
  const panels = c.panels && await preparePanels(c.panels, await panelRows(sql, current.id));
  const title = c.title === undefined ? current.title : checkTitle(c.title);
  const range = c.defaultRange ? checkRange(c.defaultRange) : current.default_range as VizRange;
  const refresh = c.refreshSeconds === undefined
    ? current.refresh_seconds
    : checkRefresh(c.refreshSeconds);
  await sql.begin(async (tx) => {
    await tx`update dashboards set title = ${title}, default_range = ${tx.json(range)},
      refresh_seconds = ${refresh}, position = ${c.position ?? current.position},
      updated_at = ${now}
      where id = ${current.id}`;
    if (!panels) return;
    await tx`delete from dashboard_panels where dashboard_id = ${current.id}`;
    await insertPanels(tx as unknown as Sql, current.id, panels, now);
  });
  return await getDashboard(sql, opts);
}

/** Deletes one of the user's dashboards and its panels; {@link NotFoundError} otherwise. */
export async function deleteDashboard(
  sql: Sql,
  opts: { id: string; userId: string },
): Promise<void> {
  const row = await ownedRow(sql, opts.id, opts.userId);
  await sql`delete from dashboards where id = ${row.id}`;
}

/**
 * Copies one of the user's dashboards with its panels (new ids, not shared)
 * to the end of their list; the title gets " (copy)" unless one is given.
 */
export async function duplicateDashboard(
  sql: Sql,
  opts: { id: string; userId: string; title?: string; now?: Date },
): Promise<Dashboard> {
  const source = await getDashboard(sql, opts);
  return await createDashboard(sql, {
    userId: opts.userId,
    title: opts.title ?? `${source.title} (copy)`.slice(0, 120),
    defaultRange: source.defaultRange,
    refreshSeconds: source.refreshSeconds,
    panels: source.panels.map((p) => ({ spec: p.spec, grid: p.grid })),
    now: opts.now,
  });
}

/**
 * Puts the dashboard's panels in the order of `panelIds`, which must list
 * each of its panels exactly once; throws {@link ValidationError} otherwise.
 */
export async function reorderPanels(
  sql: Sql,
  opts: { dashboardId: string; userId: string; panelIds: string[]; now?: Date },
): Promise<Dashboard> {
  await ownedRow(sql, opts.dashboardId, opts.userId);
  const current = (await panelRows(sql, opts.dashboardId)).map((p) => p.id);
  const given = new Set(opts.panelIds);
  const stray = opts.panelIds.find((id) => !current.includes(id));
  const missing = current.find((id) => !given.has(id));
  if (stray !== undefined || missing !== undefined || given.size !== opts.panelIds.length) {
    const why = stray !== undefined
      ? `panel ${stray} is not on the dashboard`
      : missing !== undefined
      ? `panel ${missing} is missing`
      : "a panel is listed twice";
    throw new ValidationError(`Panel order must list every panel once: ${why}`, {
      parameter: "panel_ids",
    });
  }
  await sql`update dashboard_panels p set position = o.position::int
    from unnest(${opts.panelIds}::uuid[]) with ordinality as o(id, position)
    where p.id = o.id and p.dashboard_id = ${opts.dashboardId}`;
  await touch(sql, opts.dashboardId, opts.now ?? new Date());
  return await getDashboard(sql, { id: opts.dashboardId, userId: opts.userId });
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Gives one of the user's dashboards a read-only share token (256 random
 * bits, base64url). Sharing again returns the same token with `created: false`;
 * revoke first to get a new one.
 */
export async function shareDashboard(
  sql: Sql,
  opts: { id: string; userId: string; now?: Date },
): Promise<{ token: string; created: boolean; sharedAt: Date }> {
  await ownedRow(sql, opts.id, opts.userId);
  const fresh = newToken();
  const now = opts.now ?? new Date();
  const [row] = await sql<{ share_token: string; shared_at: Date }[]>`
    update dashboards set share_token = coalesce(share_token, ${fresh}),
      shared_at = coalesce(shared_at, ${now})
    where id = ${opts.id} and owner_id = ${opts.userId}
    returning share_token, shared_at`;
  if (!row) throw new NotFoundError(`Dashboard ${opts.id} not found`);
  return { token: row.share_token, created: row.share_token === fresh, sharedAt: row.shared_at };
}

/** Revokes the share token of one of the user's dashboards (a no-op when not shared). */
export async function revokeShare(
  sql: Sql,
  opts: { id: string; userId: string },
): Promise<void> {
  await ownedRow(sql, opts.id, opts.userId);
  await sql`update dashboards set share_token = null, shared_at = null
    where id = ${opts.id} and owner_id = ${opts.userId}`;
}

/**
 * The dashboard a share token opens, with `sharedBy`, the part of the owner's
 * email before the `@` (accounts have no other name, and the whole address
 * would publish it to anyone holding the link); {@link NotFoundError} for an
 * unknown or revoked token.
 */
export async function getSharedDashboard(
  sql: Sql,
  token: string,
): Promise<Dashboard & { sharedBy: string }> {
  const [row] = TOKEN.test(token)
    ? await sql<(DashboardRow & { shared_by: string })[]>`
      select ${sql(DASHBOARD_COLUMNS)}, 0 as panel_count,
        (select split_part(u.email, '@', 1) from users u where u.id = dashboards.owner_id)
          as shared_by
      from dashboards where share_token = ${token}`
    : [];
  if (!row) throw new NotFoundError("Share link not found; it may have been revoked");
  return { ...toDashboard(row, await panelRows(sql, row.id)), sharedBy: row.shared_by };
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}
