/**
 * Request and response schemas of the plain-English chart routes (`ai/api.ts`).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { FALLBACK_REASONS } from "./pipeline.ts";
import { AGGS, CHARTS, RESOLUTIONS } from "../domain/vizspec.ts";
import { FAMILIES, POINT_TYPES, RANK_AGGS, RANK_ORDERS } from "../domain/cross_section.ts";
import { CrossSectionTableSchema } from "../http/table_schema.ts";

/** Why the rule parser answered instead of the LLM. */
export const FallbackReasonSchema = z.enum(FALLBACK_REASONS).openapi({
  description: "Why the rule parser answered (or, for throttled_cached, why a cached LLM answer " +
    "was used); absent when the LLM answered",
});

/** An expression series of a VizSpec. */
export const SeriesExprOut = z.object({
  expr: z.string().openapi({ example: "spp.rt.lz_west - spp.rt.hb_west" }),
  label: z.string().openapi({ example: "West basis" }),
}).openapi("SeriesExpr");

/** A VizSpec as the API shows it. */
export const VizSpecOut = z.object({
  version: z.literal(1),
  title: z.string(),
  chart: z.enum(CHARTS),
  series: z.array(z.union([z.string(), SeriesExprOut])),
  cross_section: z.object({
    family: z.enum(FAMILIES),
    type: z.enum(POINT_TYPES).optional(),
    at: z.string().optional(),
    top: z.object({
      n: z.number().int(),
      agg: z.enum(RANK_AGGS),
      order: z.enum(RANK_ORDERS),
    }).optional(),
  }).optional().openapi({ description: "A table's cross-section, instead of series" }),
  range: z.union([
    z.object({ last: z.string() }),
    z.object({ start: z.string(), end: z.string() }),
  ]),
  resolution: z.enum(RESOLUTIONS),
  agg: z.enum(AGGS),
  stacked: z.boolean(),
}).openapi("VizSpec");

/** The body of `POST /api/ai/visualizations`. */
export const VizRequest = z.object({
  request_text: z.string().min(1, "Request text is empty")
    .max(2000, "Request text is longer than 2000 characters")
    .refine((t) => !t.includes("\u0000"), "Request text contains a NUL character")
    .openapi({ example: "daily average west hub price over the last 90 days" }),
  dashboard_id: z.uuid().optional().openapi({
    description: "Save the chart as a panel of this dashboard (unless dry_run)",
  }),
  dry_run: z.boolean().default(false).openapi({ description: "Preview only; never save" }),
}).openapi("VizRequest");

const PreviewSeries = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  interval_seconds: z.number().int(),
  resolution: z.enum(["raw", "5m", "15m", "1h", "1d"]),
  agg: z.enum(AGGS),
  downsampled: z.boolean(),
  t: z.array(z.number()).openapi({ description: "Interval starts, epoch seconds" }),
  v: z.array(z.number()),
});

const PanelOut = z.object({
  id: z.uuid(),
  dashboard_id: z.uuid(),
  position: z.number().int(),
  grid: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
}).openapi("SavedPanel");

/** What `POST /api/ai/visualizations` answers. */
export const VizAnswerOut = z.object({
  id: z.uuid().openapi({ description: "The history entry of this request" }),
  spec: VizSpecOut,
  provider: z.enum(["bedrock", "rules"]),
  fallback_reason: FallbackReasonSchema.optional(),
  preview: z.object({
    series: z.array(PreviewSeries),
    start: z.string(),
    end: z.string(),
    table: CrossSectionTableSchema.optional().openapi({
      description: "A cross-section table's rows (then series is empty)",
    }),
  }),
  sql: z.string().openapi({ description: "The statement that read the preview; values are $n" }),
  sql_params: z.array(z.union([z.string(), z.number()])),
  panel: PanelOut.optional().openapi({ description: "The dashboard panel, when saved" }),
  duplicate: z.boolean().optional().openapi({
    description: "True when the same normalized spec was already on the dashboard",
  }),
}).openapi("VizAnswer");

/** One history entry. */
export const HistoryItem = z.object({
  id: z.uuid(),
  request_text: z.string(),
  spec: VizSpecOut.nullable(),
  provider: z.enum(["bedrock", "rules"]),
  fallback_reason: z.string().nullable(),
  error: z.string().nullable(),
  dashboard_id: z.uuid().nullable(),
  saved_panel_id: z.uuid().nullable(),
  created_at: z.string(),
}).openapi("VizHistoryItem");

/** What `GET /health/ai` answers. */
export const AiHealth = z.object({
  provider: z.enum(["bedrock", "rules"]),
  configured: z.boolean(),
  model_id: z.string().nullable(),
  region: z.string().nullable(),
  endpoint_host: z.string().nullable().openapi({ description: "Override host, if any" }),
  timeout_ms: z.number(),
  daily_llm_requests_per_user: z.number().int(),
  last_error: z.object({ reason: FallbackReasonSchema, message: z.string(), at: z.string() })
    .nullable(),
}).openapi("AiHealth");
