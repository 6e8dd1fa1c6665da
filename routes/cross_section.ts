/**
 * Cross-sectional reads of a price family (`spp.rt`, `spp.da`, `lmp.rt`), for price maps and
 * screening:
 *
 * - `GET /api/v1/cross-section?family=&at=`: every settlement point at one instant: the interval
 *   containing `at`, or else the latest one before it (within 31 days); `match` says which.
 * - `GET /api/v1/cross-section/top?family=&start=&end=&n=&order=&agg=`: the top N points by an
 *   aggregate of their values over a window (at most 31 days); ties are ranked by key.
 *
 * Both filter by `type` (hub, zone, node) and answer JSON or CSV (`format=csv` or
 * `Accept: text/csv`). Reads go through the deployment's read handle when it has one.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps } from "./deps.ts";
import { cacheControlFor, parseInstant, resolveWindow } from "../http/params.ts";
import { integerParam, oneOf, problemResponses } from "../http/schemas.ts";
import { isoInstant } from "../http/export.ts";
import { READS } from "../http/access.ts";
import { ValidationError } from "../domain/errors.ts";
import { priceFamilyOf } from "../domain/catalog.ts";
import { MAX_RANK_WINDOW_MS } from "../domain/cross_section.ts";
import {
  crossSectionAt,
  FAMILIES,
  POINT_TYPES,
  RANK_AGGS,
  topPoints,
} from "../db/cross_section.ts";

const family = z.enum(FAMILIES, { error: oneOf(FAMILIES) }).openapi({
  description: "Price family: spp.rt (15 min), spp.da (hourly) or lmp.rt (SCED, 5 min)",
  example: "spp.rt",
});
const type = z.enum(POINT_TYPES, { error: oneOf(POINT_TYPES) }).optional().openapi({
  description: "Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes (every other point)",
});
const format = z.enum(["json", "csv"], { error: oneOf(["json", "csv"]) }).optional().openapi({
  description: "json (default) or csv; also chosen by Accept",
});

const AtQuery = z.object({
  family,
  at: z.string().max(64).optional().openapi({
    description: "Instant, ISO 8601 with Z or offset (YYYY-MM-DD: Central midnight); default now",
    example: "2025-06-01T17:05:00Z",
  }),
  type,
  format,
});

const TopQuery = z.object({
  family,
  start: z.string().max(64).optional().openapi({
    description: "Window start, ISO 8601 with Z or offset (YYYY-MM-DD: Central midnight)",
    example: "2025-06-01",
  }),
  end: z.string().max(64).optional().openapi({ description: "Window end (exclusive)" }),
  last: z.string().max(40).optional().openapi({
    description: "ISO 8601 duration ending at the next whole minute; not with start/end",
    example: "P1D",
  }),
  n: integerParam(1, 1000, 10).openapi({ description: "How many points (1 to 1000, default 10)" }),
  order: z.enum(["desc", "asc"], { error: oneOf(["desc", "asc"]) }).default("desc").openapi({
    description: "desc: highest first (default); asc: lowest first",
  }),
  agg: z.enum(RANK_AGGS, { error: oneOf(RANK_AGGS) }).default("avg"),
  type,
  format,
});

const Point = z.object({
  key: z.string().openapi({ example: "spp.rt.hb_west" }),
  point: z.string().openapi({ description: "Settlement point, lower case", example: "hb_west" }),
  type: z.enum(POINT_TYPES),
  value: z.number(),
});

const CrossSection = z.object({
  family: z.enum(FAMILIES),
  unit: z.string(),
  interval_seconds: z.number().int(),
  requested: z.string().openapi({ description: "The instant asked for" }),
  instant: z.string().nullable().openapi({ description: "Start of the interval read" }),
  match: z.enum(["containing", "latest", "none"]).openapi({
    description: "containing: the interval holds the requested instant; latest: the latest " +
      "interval before it with data (within 31 days); none: no data in that span",
  }),
  rows: z.array(Point),
}).openapi("CrossSection");

const Ranked = Point.extend({
  rank: z.number().int(),
  intervals: z.number().int().openapi({ description: "Intervals aggregated" }),
});

const TopPoints = z.object({
  family: z.enum(FAMILIES),
  unit: z.string(),
  agg: z.enum(RANK_AGGS),
  order: z.enum(["desc", "asc"]),
  start: z.string(),
  end: z.string(),
  rows: z.array(Ranked),
}).openapi("TopPoints");

const csvContent = (example: string) => ({ schema: z.string(), example });

const atRoute = createRoute({
  method: "get",
  path: "/",
  ...READS,
  tags: ["observations"],
  summary: "Every settlement point of a price family at one instant",
  request: { query: AtQuery },
  responses: {
    200: {
      content: {
        "application/json": { schema: CrossSection },
        "text/csv": csvContent(
          "key,point,type,instant,value,unit\nspp.rt.hb_west,hb_west,hub,2025-06-01T17:00:00Z,24.31,$/MWh\n",
        ),
      },
      description: "The cross-section",
    },
    ...problemResponses,
  },
});

const topRoute = createRoute({
  method: "get",
  path: "/top",
  ...READS,
  tags: ["observations"],
  summary: "Top settlement points of a price family by an aggregate over a window",
  request: { query: TopQuery },
  responses: {
    200: {
      content: {
        "application/json": { schema: TopPoints },
        "text/csv": csvContent(
          "rank,key,point,type,value,intervals,unit\n1,spp.rt.hb_west,hb_west,hub,41.2,96,$/MWh\n",
        ),
      },
      description: "The ranking",
    },
    ...problemResponses,
  },
});

function wantsCsv(c: Context, format: "json" | "csv" | undefined): boolean {
  return (format ?? (c.req.header("accept")?.includes("text/csv") ? "csv" : "json")) === "csv";
}

function csv(c: Context, text: string, name: string, cacheControl: string): Response {
  return c.body(text, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}.csv"`,
    "cache-control": cacheControl,
    vary: "Accept",
  });
}

/** The cross-section routes, mounted at `/api/v1/cross-section`. */
export function crossSectionRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(atRoute, async (c) => {
    const q = c.req.valid("query");
    const now = deps.clock();
    const at = q.at === undefined ? now : parseInstant(q.at, "at");
    const info = priceFamilyOf(`${q.family}.x`)!;
    const xs = await deps.readSql.run((sql) =>
      crossSectionAt(sql, {
        family: q.family,
        at,
        intervalSeconds: info.interval,
        type: q.type,
      })
    );
    const cacheControl = cacheControlFor(info.interval, xs.instant ?? at, now);
    if (wantsCsv(c, q.format)) {
      const instant = xs.instant ? isoInstant(xs.instant.getTime()) : "";
      const lines = xs.rows.map((r) =>
        `${r.key},${r.point},${r.type},${instant},${r.value},${info.unit}\n`
      );
      const text = `key,point,type,instant,value,unit\n${lines.join("")}`;
      return csv(c, text, "cross-section", cacheControl);
    }
    return c.json(
      {
        family: q.family,
        unit: info.unit,
        interval_seconds: info.interval,
        requested: at.toISOString(),
        instant: xs.instant?.toISOString() ?? null,
        match: xs.match,
        rows: xs.rows,
      },
      200,
      { "cache-control": cacheControl, vary: "Accept" },
    );
  });
  app.openapi(topRoute, async (c) => {
    const q = c.req.valid("query");
    const now = deps.clock();
    const window = resolveWindow(q, now);
    if (window.end.getTime() - window.start.getTime() > MAX_RANK_WINDOW_MS) {
      const parameter = q.last !== undefined ? "last" : "start";
      throw new ValidationError(
        `The window from ${window.start.toISOString()} to ${window.end.toISOString()} is longer ` +
          `than ${MAX_RANK_WINDOW_MS / 86_400_000} days, the most a ranking reads`,
        { parameter },
      );
    }
    const info = priceFamilyOf(`${q.family}.x`)!;
    const rows = await deps.readSql.run((sql) =>
      topPoints(sql, {
        family: q.family,
        start: window.start,
        end: window.end,
        n: q.n,
        order: q.order,
        agg: q.agg,
        type: q.type,
      })
    );
    const cacheControl = cacheControlFor(info.interval, window.end, now);
    if (wantsCsv(c, q.format)) {
      const lines = rows.map((r) =>
        `${r.rank},${r.key},${r.point},${r.type},${r.value},${r.intervals},${info.unit}\n`
      );
      const text = `rank,key,point,type,value,intervals,unit\n${lines.join("")}`;
      return csv(c, text, "cross-section-top", cacheControl);
    }
    return c.json(
      {
        family: q.family,
        unit: info.unit,
        agg: q.agg,
        order: q.order,
        start: window.start.toISOString(),
        end: window.end.toISOString(),
        rows,
      },
      200,
      { "cache-control": cacheControl, vary: "Accept" },
    );
  });
  return app;
}
