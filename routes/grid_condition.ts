/**
 * The grid condition, the grid-wide state the original dashboard showed:
 * `GET /api/v1/capacity-monitor` (latest demand, available capacity and
 * reserves, each with its as-of instant) and `GET /api/v1/grid-status`
 * (ERCOT's current condition and EEA level). Before the first daily-prc
 * ingest, grid-status answers `200` with state `unknown` and null fields
 * rather than an error, so a dashboard can always render it. Not to be
 * confused with the 24-column layout grid (`web/lib/grid_layout.ts`).
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps } from "./deps.ts";
import type { Sql } from "../db/client.ts";
import { serveCached } from "../http/cache.ts";
import { latestGridStatus } from "../db/grid_status.ts";
import { READS } from "../http/access.ts";

const CAPACITY_SERIES = {
  demand: "demand.rt",
  capacity: "capacity.available",
  reserves: "reserves.prc",
};

const Reading = z.object({
  series: z.string(),
  value: z.number(),
  unit: z.string(),
  as_of: z.string().openapi({ description: "Interval start of the value, ISO UTC" }),
}).nullable();

const Capacity = z.object({
  demand: Reading,
  capacity: Reading,
  reserves: Reading,
  headroom_mw: z.number().nullable().openapi({ description: "capacity − demand" }),
  as_of: z.string().nullable().openapi({ description: "Newest of the three instants" }),
}).openapi("CapacityMonitor");

const GridStatus = z.object({
  state: z.string().openapi({ description: "ERCOT's state word, or `unknown` before any" }),
  title: z.string(),
  note: z.string(),
  eea_level: z.number().int().nullable(),
  prc_mw: z.number().nullable(),
  as_of: z.string().nullable().openapi({ description: "When ERCOT assessed it" }),
  recorded_at: z.string().nullable(),
}).openapi("GridStatus");

const capacityRoute = createRoute({
  method: "get",
  path: "/capacity-monitor",
  ...READS,
  tags: ["compatibility"],
  summary: "Latest demand, available capacity and reserves",
  responses: {
    200: { content: { "application/json": { schema: Capacity } }, description: "Latest" },
    304: { description: "Not modified" },
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/grid-status",
  ...READS,
  tags: ["compatibility"],
  summary: "Current grid condition, EEA level and PRC",
  responses: {
    200: {
      content: { "application/json": { schema: GridStatus } },
      description: "The newest condition, or state `unknown` when none is recorded yet",
    },
    304: { description: "Not modified" },
  },
});

async function capacityBody(sql: Sql) {
  const keys = Object.values(CAPACITY_SERIES);
  const rows = await sql<{ key: string; unit: string; ts: Date; value: number }[]>`
    select s.key, s.unit, o.ts, o.value from series s
    cross join lateral (select ts, value from observations
                        where series_id = s.id order by ts desc limit 1) o
    where s.key = any(${keys}::text[])`;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const reading = (key: string) => {
    const r = byKey.get(key);
    return r ? { series: key, value: r.value, unit: r.unit, as_of: r.ts.toISOString() } : null;
  };
  const demand = reading(CAPACITY_SERIES.demand);
  const capacity = reading(CAPACITY_SERIES.capacity);
  const newest = rows.reduce((m, r) => Math.max(m, r.ts.getTime()), -Infinity);
  return {
    demand,
    capacity,
    reserves: reading(CAPACITY_SERIES.reserves),
    headroom_mw: demand && capacity ? capacity.value - demand.value : null,
    as_of: rows.length ? new Date(newest).toISOString() : null,
  };
}

async function gridStatusBody(sql: Sql) {
  const s = await latestGridStatus(sql);
  if (!s) {
    return {
      state: "unknown",
      title: "No grid condition recorded yet",
      note: "The daily-prc feed has not been ingested on this database",
      eea_level: null,
      prc_mw: null,
      as_of: null,
      recorded_at: null,
    };
  }
  return {
    state: s.state,
    title: s.title,
    note: s.note,
    eea_level: s.eeaLevel,
    prc_mw: s.prc,
    as_of: s.at.toISOString(),
    recorded_at: s.recordedAt.toISOString(),
  };
}

/** Routes for capacity and grid condition. */
export function gridConditionRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const serve = (c: Context, key: string, tags: string[], build: () => Promise<unknown>) =>
    serveCached(c, deps.cache, deps.clock().getTime(), {
      key,
      tags,
      contentType: "application/json",
      build: async () => ({
        body: JSON.stringify(await build()),
        cacheControl: "public, max-age=15",
      }),
    });
  app.openapi(
    capacityRoute,
    (c) =>
      serve(
        c,
        "capacity-monitor",
        Object.values(CAPACITY_SERIES),
        () => deps.readSql.run(capacityBody),
      ),
  );
  app.openapi(
    statusRoute,
    (c) => serve(c, "grid-status", ["grid_status"], () => deps.readSql.run(gridStatusBody)),
  );
  return app;
}
