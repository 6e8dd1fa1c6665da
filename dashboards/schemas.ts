/**
 * Request and response schemas of the dashboard routes (`api.ts`,
 * `builtin_api.ts`, `panels_api.ts`, `share_links_api.ts`, `pdf_api.ts`), and
 * the mappers from stored dashboards to response bodies.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { ValidationError } from "../domain/errors.ts";
import type { Dashboard, DashboardSummary, Panel } from "./types.ts";
import type { PanelData } from "./data.ts";
import { CrossSectionTableSchema } from "../http/table_schema.ts";
import type { Board, BoardPanel } from "./model.ts";
import { type VizRange, VizSpecSchema } from "../domain/vizspec.ts";

/** A VizSpec, validated with the one schema in `domain/vizspec.ts`. */
export const SpecSchema = VizSpecSchema;

/** A range: `{ last }` or `{ start, end }`. */
export const RangeSchema = VizSpecSchema.shape.range;

/** A panel's cell on the 24-column grid. */
export const GridSchema = z.object({
  x: z.number().int().min(0).max(23),
  y: z.number().int().min(0).max(10000),
  w: z.number().int().min(1).max(24),
  h: z.number().int().min(1).max(100),
}).refine((g) => g.x + g.w <= 24, { message: "Grid x + w must not exceed 24 columns" })
  .openapi("DashboardGrid");

/** A panel to add: a spec, and a cell (placed after the others when absent). */
export const PanelInputSchema = z.object({ spec: SpecSchema, grid: GridSchema.optional() })
  .openapi("DashboardPanelInput");

/** A panel change: a new spec and/or a new cell. */
export const PanelPatchSchema = z.object({
  spec: SpecSchema.optional(),
  grid: GridSchema.optional(),
})
  .refine((p) => p.spec !== undefined || p.grid !== undefined, {
    message: "Give a spec, a grid or both",
  }).openapi("DashboardPanelChange");

const Title = z.string().trim().min(1).max(120);
const Refresh = z.number().int().min(5).max(86400).nullable().openapi({
  description: "Seconds between refreshes; null for none",
});

/** The body of `POST /api/dashboards`. */
export const NewDashboardSchema = z.object({
  title: Title,
  default_range: RangeSchema.optional(),
  refresh_seconds: Refresh.optional(),
  panels: z.array(PanelInputSchema).max(100).optional(),
}).openapi("NewDashboard");

/** The body of `PUT /api/dashboards/{id}`: members given are changed. */
export const DashboardChangeSchema = z.object({
  title: Title.optional(),
  default_range: RangeSchema.optional(),
  refresh_seconds: Refresh.optional(),
  position: z.number().int().min(0).max(100000).optional(),
  panels: z.array(PanelInputSchema.extend({ id: z.uuid().optional() })).max(100).optional()
    .openapi({
      description: "The complete panel list in order; an entry with an existing panel's id " +
        "keeps it, panels left out are removed",
    }),
}).openapi("DashboardChange");

/** The body of `PUT /api/dashboards/{id}/order`. */
export const OrderSchema = z.object({ panel_ids: z.array(z.uuid()).max(100) })
  .openapi("PanelOrder");

/** The optional body of `POST /api/dashboards/{id}/duplicate`. */
export const DuplicateSchema = z.object({ title: Title.optional() }).openapi("DuplicateDashboard");

/** A panel of a user's dashboard. */
export const PanelSchema = z.object({
  id: z.uuid(),
  dashboard_id: z.uuid(),
  position: z.number().int(),
  grid: GridSchema,
  spec: SpecSchema,
}).openapi("DashboardPanel");

const ShareSchema = z.object({
  token: z.string(),
  page_url: z.string().openapi({
    description: "The read-only page in the browser UI, no account needed",
  }),
  url: z.string().openapi({ description: "The shared dashboard as JSON, no account needed" }),
  data_url: z.string(),
  shared_at: z.string(),
}).openapi("DashboardShare");

/** A share link. */
export const ShareOut = ShareSchema;

/** A dashboard in the list. */
export const DashboardSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  default_range: RangeSchema,
  refresh_seconds: z.number().int().nullable(),
  position: z.number().int(),
  panel_count: z.number().int(),
  share: ShareSchema.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
}).openapi("DashboardSummary");

/** A dashboard with its panels. */
export const DashboardSchema = DashboardSummarySchema.extend({ panels: z.array(PanelSchema) })
  .openapi("Dashboard");

const BindingSchema = z.object({ variable: z.enum(["hub", "zone"]), point: z.string() });

/** A built-in panel. */
export const BoardPanelSchema = z.object({
  id: z.string(),
  spec: SpecSchema,
  grid: GridSchema,
  description: z.string().optional(),
  bind: BindingSchema.optional().openapi({
    description: "In Grafana the point follows this template variable",
  }),
}).openapi("BuiltinPanel");

/** A built-in dashboard. */
export const BoardSchema = z.object({
  uid: z.string(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  default_range: RangeSchema,
  refresh_seconds: z.number().int().nullable(),
  panels: z.array(BoardPanelSchema),
}).openapi("BuiltinDashboard");

/** One panel's data. */
export const PanelDataSchema = z.object({
  panel_id: z.string(),
  title: z.string(),
  chart: z.string(),
  start: z.string(),
  end: z.string(),
  series: z.array(z.object({
    key: z.string(),
    name: z.string(),
    unit: z.string(),
    resolution: z.enum(["raw", "5m", "15m", "1h", "1d"]),
    downsampled: z.boolean(),
    t: z.array(z.number()).openapi({ description: "Interval starts, epoch seconds" }),
    v: z.array(z.number()),
  })),
  missing: z.array(z.string()).openapi({ description: "Series with no data stored yet" }),
  table: CrossSectionTableSchema.optional().openapi({
    description: "A cross-section table's rows (then series is empty)",
  }),
}).openapi("PanelData");

/** Query of the data routes: one range for every panel, or each panel's own. */
export const DataQuerySchema = z.object({
  last: z.string().max(40).optional().openapi({ description: "ISO 8601 duration ending now" }),
  start: z.string().max(64).optional(),
  end: z.string().max(64).optional(),
});

/** A share link's page and API paths for a token. */
export function shareBody(token: string, sharedAt: Date): z.infer<typeof ShareSchema> {
  return {
    token,
    page_url: `/shared/${token}`,
    url: `/api/shared/${token}`,
    data_url: `/api/shared/${token}/data`,
    shared_at: sharedAt.toISOString(),
  };
}

/** A stored panel as the API shows it. */
export function panelBody(p: Panel): z.infer<typeof PanelSchema> {
  return {
    id: p.id,
    dashboard_id: p.dashboardId,
    position: p.position,
    grid: p.grid,
    spec: p.spec,
  };
}

/** A dashboard summary as the API shows it. */
export function summaryBody(d: DashboardSummary): z.infer<typeof DashboardSummarySchema> {
  return {
    id: d.id,
    title: d.title,
    default_range: d.defaultRange,
    refresh_seconds: d.refreshSeconds,
    position: d.position,
    panel_count: d.panelCount,
    share: d.shareToken && d.sharedAt ? shareBody(d.shareToken, d.sharedAt) : null,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

/** A dashboard with panels as the API shows it. */
export function dashboardBody(d: Dashboard): z.infer<typeof DashboardSchema> {
  return { ...summaryBody(d), panels: d.panels.map(panelBody) };
}

/** A built-in panel as the API shows it. */
export function boardPanelBody(p: BoardPanel): z.infer<typeof BoardPanelSchema> {
  return {
    id: p.id,
    spec: p.spec,
    grid: p.grid,
    ...(p.description ? { description: p.description } : {}),
    ...(p.bind ? { bind: p.bind } : {}),
  };
}

/** A built-in board as the API shows it. */
export function boardBody(b: Board): z.infer<typeof BoardSchema> {
  return {
    uid: b.uid,
    title: b.title,
    description: b.description,
    tags: [...b.tags],
    default_range: b.defaultRange,
    refresh_seconds: b.refreshSeconds,
    panels: b.panels.map(boardPanelBody),
  };
}

/** Panel data as the API shows it. */
export function panelDataBody(d: PanelData): z.infer<typeof PanelDataSchema> {
  return {
    panel_id: d.panelId,
    title: d.title,
    chart: d.chart,
    start: d.start.toISOString(),
    end: d.end.toISOString(),
    series: d.series,
    missing: d.missing,
    ...(d.table ? { table: d.table } : {}),
  };
}

/**
 * A range from `last`, or `start` and `end`, of a data request; undefined when
 * none is given. Throws {@link ValidationError} naming a bad one.
 */
export function queryRange(q: z.infer<typeof DataQuerySchema>): VizRange | undefined {
  if (q.last === undefined && q.start === undefined && q.end === undefined) return undefined;
  const candidate = q.last !== undefined ? { last: q.last } : { start: q.start, end: q.end };
  const parsed = RangeSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ValidationError(`Range: ${issue?.message ?? "give last, or start and end"}`, {
    parameter: q.last !== undefined ? "last" : "start",
  });
}
