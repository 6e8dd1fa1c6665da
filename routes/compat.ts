/**
 * Endpoints the original dashboard called, answered from the series store:
 * `GET /api/v1/settlement-prices` (hub prices by Central date) and
 * `GET /api/v1/demand-forecast` (load forecast against actual load).
 *
 * @module
 */
import { createRoute, OpenAPIHono, type RouteHandler, z } from "@hono/zod-openapi";
import type { AppDeps } from "./deps.ts";
import { cacheControlFor, MAX_WINDOW_MS } from "../http/params.ts";
import { integerParam, problemResponses } from "../http/schemas.ts";
import { serveCached } from "../http/cache.ts";
import {
  addCentralDays,
  type CentralDate,
  centralDateOf,
  centralDayEnd,
  centralDayStart,
  formatCentralDate,
} from "../domain/central.ts";
import { NotFoundError, ValidationError } from "../domain/errors.ts";
import { parseCentralDay } from "../domain/ercot_time.ts";
import type { Sql } from "../db/client.ts";
import { READS } from "../http/access.ts";

const Price = z.object({
  timestamp: z.string().openapi({ description: "Interval start, ISO UTC" }),
  hub: z.string().openapi({ example: "HB_NORTH" }),
  market: z.enum(["rt", "da"]),
  price: z.number().openapi({ description: "$/MWh" }),
}).openapi("SettlementPrice");

const pricesRoute = createRoute({
  method: "get",
  path: "/settlement-prices",
  ...READS,
  tags: ["compatibility"],
  summary: "Settlement point prices by Central date (original dashboard API)",
  request: {
    query: z.object({
      start_date: z.string().max(10).optional().openapi({
        description: "Central date, default today",
      }),
      end_date: z.string().max(10).optional().openapi({ description: "Central date, inclusive" }),
      hub: z.string().max(40).optional().openapi({
        description: "HB_NORTH, hb_north or north; all hubs when absent",
        example: "HB_NORTH",
      }),
      market: z.enum(["rt", "da"], { error: (i) => `"${String(i.input)}" is not one of rt, da` })
        .default("rt"),
      limit: integerParam(1, 10000, 1000).openapi({ description: "Most rows (1 to 10000)" }),
    }),
  },
  responses: {
    200: { content: { "application/json": { schema: z.array(Price) } }, description: "Prices" },
    304: { description: "Not modified" },
    ...problemResponses,
  },
});

const Forecast = z.object({
  zone: z.string(),
  unit: z.literal("MW"),
  start: z.string(),
  end: z.string(),
  rows: z.array(z.object({
    timestamp: z.string(),
    forecast: z.number().nullable(),
    actual: z.number().nullable(),
    error: z.number().nullable().openapi({ description: "forecast − actual" }),
  })),
}).openapi("DemandForecast");

const forecastRoute = createRoute({
  method: "get",
  path: "/demand-forecast",
  ...READS,
  tags: ["compatibility"],
  summary: "Load forecast against actual load (original dashboard API)",
  request: {
    query: z.object({
      start_date: z.string().max(10).optional().openapi({ description: "Default yesterday" }),
      end_date: z.string().max(10).optional().openapi({
        description: "Inclusive; default tomorrow",
      }),
      zone: z.enum(["system", "north", "south", "west", "houston"], {
        error: (i) => `"${String(i.input)}" is not one of system, north, south, west, houston`,
      }).default("system"),
    }),
  },
  responses: {
    200: { content: { "application/json": { schema: Forecast } }, description: "Hourly rows" },
    304: { description: "Not modified" },
    ...problemResponses,
  },
});

/** Resolves Central `start_date`/`end_date` (inclusive) to a UTC window. */
function dayWindow(
  q: { start_date?: string; end_date?: string },
  today: CentralDate,
  from: CentralDate,
  to: CentralDate,
) {
  const first = q.start_date ? parseCentralDay(q.start_date, "start_date") : from;
  const last = q.end_date ? parseCentralDay(q.end_date, "end_date") : to;
  const start = centralDayStart(first), end = centralDayEnd(last);
  if (start.getTime() >= end.getTime()) {
    throw new ValidationError(
      `start_date ${formatCentralDate(first)} is after end_date ${formatCentralDate(last)}`,
      { parameter: "start_date" },
    );
  }
  if (end.getTime() - start.getTime() > MAX_WINDOW_MS) {
    throw new ValidationError(
      `start_date ${formatCentralDate(first)} to end_date ${
        formatCentralDate(last)
      } spans more than 10 years`,
      { parameter: "start_date" },
    );
  }
  // A window that defaults to today's date names another one after Central midnight.
  const relative = !q.start_date || !q.end_date;
  return {
    start,
    end,
    key: `${formatCentralDate(first)}/${formatCentralDate(last)}`,
    expiresAt: relative ? centralDayEnd(today).getTime() : undefined,
  };
}

/** Normalizes `HB_NORTH`, `hb_north` or `north` to a settlement point name. */
function hubPoint(hub: string): string {
  const s = hub.trim().toLowerCase();
  const point = /^(hb|lz|dc)_/.test(s) ? s : `hb_${s}`;
  if (!/^(hb|lz|dc)_[a-z0-9_]+$/.test(point)) {
    throw new ValidationError(`hub "${hub}" is not a settlement point (e.g. HB_NORTH)`, {
      parameter: "hub",
    });
  }
  return point;
}

async function seriesIds(sql: Sql, where: ReturnType<Sql>): Promise<Map<string, number>> {
  const rows = await sql<{ id: number; key: string }[]>`select id, key from series where ${where}`;
  return new Map(rows.map((r) => [r.key, r.id]));
}

async function priceSeries(sql: Sql, market: string, hub?: string): Promise<Map<string, number>> {
  if (!hub) return await seriesIds(sql, sql`starts_with(key, ${`spp.${market}.hb_`})`);
  const key = `spp.${market}.${hubPoint(hub)}`;
  const ids = await seriesIds(sql, sql`key = ${key}`);
  if (ids.size === 0) {
    throw new NotFoundError(`Unknown hub "${hub}" in market ${market} (no series ${key})`, {
      parameter: "hub",
    });
  }
  return ids;
}

type DayWindow = ReturnType<typeof dayWindow>;

async function priceRows(sql: Sql, ids: number[], w: DayWindow, market: string, limit: number) {
  const rows = await sql<{ ts: Date; key: string; value: number }[]>`
    select o.ts, s.key, o.value from observations o join series s on s.id = o.series_id
    where o.series_id = any(${ids}::int[]) and o.ts >= ${w.start} and o.ts < ${w.end}
    order by o.ts, s.key limit ${limit}`;
  return rows.map((r) => ({
    timestamp: r.ts.toISOString(),
    hub: r.key.split(".")[2].toUpperCase(),
    market,
    price: r.value,
  }));
}

async function forecastRows(sql: Sql, keys: [string, string], w: DayWindow) {
  const ids = await seriesIds(sql, sql`key = any(${keys}::text[])`);
  const rows = await sql<{ ts: Date; forecast: number | null; actual: number | null }[]>`
    select coalesce(f.ts, a.ts) as ts, f.value as forecast, a.value as actual
    from (select ts, value from observations where series_id = ${ids.get(keys[0]) ?? -1}
            and ts >= ${w.start} and ts < ${w.end}) f
    full join (select ts, value from observations where series_id = ${ids.get(keys[1]) ?? -1}
            and ts >= ${w.start} and ts < ${w.end}) a on a.ts = f.ts
    order by 1`;
  return rows.map((r) => ({
    timestamp: r.ts.toISOString(),
    forecast: r.forecast,
    actual: r.actual,
    error: r.forecast !== null && r.actual !== null ? r.forecast - r.actual : null,
  }));
}

function pricesHandler(deps: AppDeps): RouteHandler<typeof pricesRoute> {
  return async (c) => {
    const q = c.req.valid("query");
    const now = deps.clock();
    const today = centralDateOf(now);
    const w = dayWindow(q, today, today, today);
    const ids = await deps.readSql.run((sql) => priceSeries(sql, q.market, q.hub));
    const interval = q.market === "rt" ? 900 : 3600;
    return await serveCached(c, deps.cache, now.getTime(), {
      key: JSON.stringify(["prices", q.market, [...ids.keys()], w.key, q.limit]),
      tags: [...ids.keys()],
      expiresAt: w.expiresAt,
      contentType: "application/json",
      build: async () => ({
        body: JSON.stringify(
          await deps.readSql.run((sql) => priceRows(sql, [...ids.values()], w, q.market, q.limit)),
        ),
        cacheControl: cacheControlFor(interval, w.end, now),
      }),
    });
  };
}

function forecastHandler(deps: AppDeps): RouteHandler<typeof forecastRoute> {
  return async (c) => {
    const q = c.req.valid("query");
    const now = deps.clock();
    const today = centralDateOf(now);
    const w = dayWindow(q, today, addCentralDays(today, -1), addCentralDays(today, 1));
    const suffix = q.zone === "system" ? "" : `.${q.zone}`;
    const keys: [string, string] = [`load.forecast${suffix}`, `load.actual${suffix}`];
    return await serveCached(c, deps.cache, now.getTime(), {
      key: JSON.stringify(["forecast", keys, w.key]),
      tags: keys,
      expiresAt: w.expiresAt,
      contentType: "application/json",
      build: async () => {
        const rows = await deps.readSql.run((sql) => forecastRows(sql, keys, w));
        const start = w.start.toISOString(), end = w.end.toISOString();
        return {
          body: JSON.stringify({ zone: q.zone, unit: "MW", start, end, rows }),
          cacheControl: cacheControlFor(3600, w.end, now),
        };
      },
    });
  };
}

/** The compatibility routes for prices and demand forecasts. */
export function compatRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(pricesRoute, pricesHandler(deps));
  app.openapi(forecastRoute, forecastHandler(deps));
  return app;
}
