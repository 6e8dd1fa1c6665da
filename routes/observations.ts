/**
 * `GET /api/v1/observations`: one or more series over a window within a
 * point budget, as columnar JSON ready for uPlot (`t` in epoch seconds),
 * streamed CSV or Parquet. JSON and Parquet answers are cached in memory
 * until ingestion writes one of their series; every answer carries a strong
 * `ETag` and a `Cache-Control` sized to the series interval. A catalog series
 * whose feed has not written it yet answers as an empty series (named, with its
 * unit), so a dashboard built on it says "no data yet" rather than failing; a
 * key outside the catalog is a 404. `fill=previous|linear` fills the gaps between an answer's
 * points for display and flags every filled point (db/fill.ts); a downsampled answer is refused.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps } from "./deps.ts";
import type { Sql } from "../db/client.ts";
import { cacheControlFor, parseSeriesAndExpr, resolveWindow, type Window } from "../http/params.ts";
import { ExprQueryFields, integerParam, oneOf, problemResponses } from "../http/schemas.ts";
import { csvStream, dataEtag, parquetBytes } from "../http/export.ts";
import { ifNoneMatchHits, serveCached } from "../http/cache.ts";
import {
  type Agg,
  BUCKET_SECONDS,
  queryObservations,
  type Resolution,
  type SeriesData,
} from "../db/query.ts";
import { type Fill, fillGaps, FILLS } from "../db/fill.ts";
import { queryExpression } from "../db/expr.ts";
import type { Expr } from "../domain/expr.ts";
import { NotFoundError, UnprocessableError } from "../domain/errors.ts";
import { findSeries } from "../domain/catalog.ts";
import { derivedSeries } from "../domain/derived.ts";
import { READS } from "../http/access.ts";

const FORMATS = ["json", "csv", "parquet"] as const;
type Format = typeof FORMATS[number];
const PARQUET = "application/vnd.apache.parquet";
/** Series names, units and intervals change only with a release: reuse them for 30 s. */
const CATALOG_MAX_AGE_MS = 30_000;

const Query = z.object({
  series: z.string().optional().openapi({
    description: "Comma-separated series keys; this, expr, or both",
    example: "spp.rt.hb_west,spp.rt.hb_north",
  }),
  ...ExprQueryFields,
  start: z.string().max(64).optional().openapi({
    description: "Window start, ISO 8601 with Z or offset (YYYY-MM-DD: Central midnight)",
    example: "2025-06-01T05:00:00Z",
  }),
  end: z.string().max(64).optional().openapi({ description: "Window end (exclusive)" }),
  last: z.string().max(40).optional().openapi({
    description: "ISO 8601 duration ending at the next whole minute; not with start/end",
    example: "PT24H",
  }),
  resolution: z.enum(["auto", "raw", "5m", "15m", "1h", "1d"], {
    error: oneOf(["auto", "raw", "5m", "15m", "1h", "1d"]),
  }).default("auto"),
  agg: z.enum(["avg", "min", "max", "sum", "last"], {
    error: oneOf(["avg", "min", "max", "sum", "last"]),
  }).default("avg"),
  max_points: integerParam(2, 20000, 1000).openapi({
    description: "Most points per series (2 to 20000, default 1000)",
  }),
  format: z.enum(FORMATS, { error: oneOf(FORMATS) }).optional().openapi({
    description: "json (default), csv or parquet; also chosen by Accept",
  }),
  fill: z.enum(FILLS, { error: oneOf(FILLS) }).default("none").openapi({
    description: "Fill gaps for display: none (default), previous (carry the last value " +
      "forward) or linear (interpolate by time). Only the instants missing from the answer's " +
      "grid (its bucket width, or the native interval for raw) between two points are filled, " +
      "never before the first or after the last; filled points are flagged (JSON `filled`, a " +
      "CSV `filled` column, a Parquet boolean column) and stored data is never changed. An " +
      "answer that would be downsampled to fit max_points is refused (422): ask for a coarser " +
      "resolution or more points",
  }),
});

const SeriesColumns = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  interval_seconds: z.number().int(),
  resolution: z.enum(["raw", "5m", "15m", "1h", "1d"]),
  agg: z.enum(["avg", "min", "max", "sum", "last"]),
  downsampled: z.boolean().openapi({ description: "Min/max per window kept to fit max_points" }),
  t: z.array(z.number()).openapi({ description: "Interval starts, epoch seconds" }),
  v: z.array(z.number()),
  filled: z.array(z.boolean()).optional().openapi({
    description: "Only when fill is not none: one flag per point, true where the point was " +
      "filled for display rather than stored",
  }),
  state: z.array(z.string()).optional().openapi({
    description: "grid.condition only: ERCOT's state word in effect at each point (e.g. normal)",
  }),
}).openapi("SeriesColumns");

const Observations = z.object({
  series: z.array(SeriesColumns),
  start: z.string(),
  end: z.string(),
}).openapi("Observations", {
  example: {
    series: [{
      key: "spp.rt.hb_west",
      name: "Real-time SPP, West hub",
      unit: "$/MWh",
      interval_seconds: 900,
      resolution: "raw",
      agg: "avg",
      downsampled: false,
      t: [1748750400, 1748751300, 1748752200],
      v: [24.31, 23.87, 26.02],
    }],
    start: "2025-06-01T04:00:00.000Z",
    end: "2025-06-01T04:45:00.000Z",
  },
});

const route = createRoute({
  method: "get",
  path: "/",
  ...READS,
  tags: ["observations"],
  summary: "Observations of one or more series, columnar, CSV or Parquet",
  request: { query: Query },
  responses: {
    200: {
      content: {
        "application/json": { schema: Observations },
        "text/csv": {
          schema: z.string(),
          example: "series,ts,value,unit\nspp.rt.hb_west,2025-06-01T04:00:00Z,24.31,$/MWh\n",
        },
        [PARQUET]: { schema: z.string().openapi({ format: "binary" }) },
      },
      description: "Observations",
    },
    304: { description: "Not modified (If-None-Match)" },
    ...problemResponses,
  },
});

function negotiate(accept: string | undefined): Format {
  if (accept?.includes("text/csv")) return "csv";
  if (accept?.includes(PARQUET)) return "parquet";
  return "json";
}

function columnsJson(data: Answer[], window: Window): string {
  return JSON.stringify({
    series: data.map((s) => ({
      key: s.key,
      name: s.name,
      unit: s.unit,
      interval_seconds: s.intervalSeconds,
      resolution: s.resolution,
      agg: s.agg,
      downsampled: s.downsampled,
      t: s.t.map((ms) => ms / 1000),
      v: s.v,
      ...(s.filled ? { filled: s.filled } : {}),
      ...(s.state ? { state: s.state } : {}),
    })),
    start: window.start.toISOString(),
    end: window.end.toISOString(),
  });
}

interface Parsed {
  keys: string[];
  /** An expression answered after the series, with its label. */
  expr?: { expr: Expr; label: string };
  window: Window;
  resolution: Resolution;
  agg: Agg;
  maxPoints: number;
  fill: Fill;
}

/** One series' answer, with fill flags when gaps were filled. */
type Answer = SeriesData & { filled?: boolean[] };

async function read(deps: AppDeps, p: Parsed): Promise<Answer[]> {
  const data = await deps.readSql.run((sql) => readFrom(sql, p));
  if (p.fill === "none") return data;
  return data.map((s) => {
    if (s.downsampled) {
      throw new UnprocessableError(
        `fill=${p.fill} cannot fill ${s.key}: its answer is downsampled to ${p.maxPoints} ` +
          `points at resolution ${s.resolution}; ask for a coarser resolution or a larger max_points`,
        { parameter: "fill" },
      );
    }
    const widthSeconds = s.resolution === "raw" ? s.intervalSeconds : BUCKET_SECONDS[s.resolution];
    const out = fillGaps(s, { method: p.fill, widthSeconds });
    return { ...s, ...out, ...(s.state ? { state: carried(s.state, out.filled) } : {}) };
  });
}

/** Per-point words (grid.condition's state) for filled columns: a filled point keeps the last. */
function carried(words: string[], filled: boolean[]): string[] {
  let stored = -1;
  return filled.map((f) => words[f ? stored : ++stored]);
}

/**
 * The observations of `p` from one read source (a replica or the primary), so
 * the data and whether a key is stored are that source's view; an expression comes last.
 */
async function readFrom(sql: Sql, p: Parsed): Promise<SeriesData[]> {
  const series = p.keys.length ? await readSeries(sql, p) : [];
  if (!p.expr) return series;
  const { expr, label } = p.expr;
  const o = { ...p.window, resolution: p.resolution, agg: p.agg, maxPoints: p.maxPoints };
  return [...series, await queryExpression(sql, expr, label, o)];
}

async function readSeries(sql: Sql, p: Parsed): Promise<SeriesData[]> {
  try {
    return await readStored(sql, p, p.keys);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const rows = await sql<{ key: string }[]>`
      select key from series where key = any(${p.keys}::text[])`;
    const stored = new Set(rows.map((r) => r.key));
    const unstored = p.keys.filter((k) => !stored.has(k));
    if (!unstored.every((k) => findSeries(k))) {
      throw new NotFoundError(err.message, { ...err.extra, parameter: "series" });
    }
    // Derived keys have no series row of their own: the reader computes them from their inputs.
    const present = p.keys.filter((k) => stored.has(k) || derivedSeries(k));
    const data = present.length ? await readStored(sql, p, present) : [];
    const byKey = new Map(data.map((s) => [s.key, s]));
    return p.keys.map((k) => byKey.get(k) ?? notYetWritten(k, p));
  }
}

function readStored(sql: Sql, p: Parsed, keys: string[]): Promise<SeriesData[]> {
  return queryObservations(sql, {
    keys,
    start: p.window.start,
    end: p.window.end,
    resolution: p.resolution,
    agg: p.agg,
    maxPoints: p.maxPoints,
    catalogMaxAgeMs: CATALOG_MAX_AGE_MS,
  });
}

/** A catalog series no feed has written yet: no points, named and with its unit. */
function notYetWritten(key: string, p: Parsed): SeriesData {
  const info = findSeries(key)!;
  return {
    key,
    name: info.name,
    unit: info.unit,
    intervalSeconds: info.interval,
    resolution: p.resolution === "auto" ? "raw" : p.resolution,
    agg: p.agg,
    source: "none",
    downsampled: false,
    t: [],
    v: [],
  };
}

/** What invalidates a cached answer: its keys, and a derived series' inputs (or grid status). */
function cacheTags(key: string): string[] {
  const d = derivedSeries(key);
  if (!d) return [key];
  return [key, ...(d.derivation.kind === "condition" ? ["grid_status"] : d.inputs)];
}

function cacheControl(data: Answer[], p: Parsed, now: Date): string {
  const finest = Math.min(...data.map((s) => s.intervalSeconds));
  return cacheControlFor(finest, p.window.end, now);
}

async function sendCsv(c: Context, deps: AppDeps, p: Parsed, now: Date): Promise<Response> {
  const data = await read(deps, p);
  const etag = dataEtag(`csv;fill=${p.fill}`, data);
  const headers = { etag, "cache-control": cacheControl(data, p, now), vary: "Accept" };
  if (ifNoneMatchHits(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
  return c.body(csvStream(data), 200, {
    ...headers,
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="observations.csv"`,
  });
}

/** Cache tags of an expression: those of each key it names. */
function exprTags(expr: Expr | undefined): string[] {
  return (expr?.keys ?? []).flatMap(cacheTags);
}

/** The observations route. */
export function observationsRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const now = deps.clock();
    const p: Parsed = {
      ...parseSeriesAndExpr(q),
      window: resolveWindow(q, now),
      resolution: q.resolution,
      agg: q.agg,
      maxPoints: q.max_points,
      fill: q.fill,
    };
    const format = q.format ?? negotiate(c.req.header("accept"));
    if (format === "csv") return await sendCsv(c, deps, p, now);
    const key = JSON.stringify([
      "observations",
      format,
      p.keys,
      p.expr ? [p.expr.expr.text, p.expr.label] : null,
      p.window.start.getTime(),
      p.window.end.getTime(),
      p.resolution,
      p.agg,
      p.maxPoints,
      p.fill,
    ]);
    return await serveCached(c, deps.cache, now.getTime(), {
      key,
      tags: [...p.keys.flatMap(cacheTags), ...exprTags(p.expr?.expr)],
      contentType: format === "json" ? "application/json" : PARQUET,
      disposition: format === "parquet" ? `attachment; filename="observations.parquet"` : undefined,
      expiresAt: p.window.relative ? p.window.end.getTime() : undefined,
      build: async () => {
        const data = await read(deps, p);
        const body = format === "json" ? columnsJson(data, p.window) : parquetBytes(data);
        return { body, cacheControl: cacheControl(data, p, now) };
      },
    });
  });
  return app;
}
