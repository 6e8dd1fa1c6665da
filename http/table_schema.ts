/**
 * The wire schema of a cross-section table (db/table_read.ts `TableData`): what the plain-English
 * preview and a dashboard's table panel answer for a VizSpec `table` with a `cross_section`.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { FAMILIES, POINT_TYPES, RANK_AGGS, RANK_ORDERS } from "../domain/cross_section.ts";

/** A cross-section table: every point at one instant (`at`) or a ranking over a window (`top`). */
export const CrossSectionTableSchema = z.object({
  family: z.enum(FAMILIES),
  unit: z.string(),
  interval_seconds: z.number().int(),
  type: z.enum(POINT_TYPES).nullable().openapi({ description: "Kind of point shown; null: all" }),
  mode: z.enum(["at", "top"]),
  requested: z.string().optional().openapi({ description: "at: the instant asked for" }),
  instant: z.string().nullable().optional().openapi({
    description: "at: start of the interval read; null when there was no data",
  }),
  match: z.enum(["containing", "latest", "none"]).optional(),
  start: z.string().optional().openapi({ description: "top: window start" }),
  end: z.string().optional().openapi({ description: "top: window end (exclusive)" }),
  n: z.number().int().optional(),
  agg: z.enum(RANK_AGGS).optional(),
  order: z.enum(RANK_ORDERS).optional(),
  rows: z.array(z.object({
    rank: z.number().int().optional(),
    key: z.string(),
    point: z.string(),
    type: z.enum(POINT_TYPES),
    value: z.number(),
    intervals: z.number().int().optional(),
  })),
  csv: z.string().openapi({
    description: "Path of the same rows as CSV from /api/v1/cross-section",
    example: "/api/v1/cross-section?family=spp.rt&at=2026-12-07T09%3A00%3A00.000Z&format=csv",
  }),
}).openapi("CrossSectionTable");
