/**
 * `GET /api/v1/series` and `GET /api/v1/series/{key}`: the catalog with
 * each series' first and last instant, how fresh it is and whether it is stale.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps } from "./deps.ts";
import { listDerivedStats, listSeriesStats, type SeriesStats } from "../db/series_stats.ts";
import { derivedSeries } from "../domain/derived.ts";
import { NotFoundError } from "../domain/errors.ts";
import { ProblemSchema } from "../http/schemas.ts";
import { serveCached } from "../http/cache.ts";
import { READS } from "../http/access.ts";

/** One series as the API shows it, the example of both series answers. */
const SERIES_EXAMPLE = {
  key: "spp.rt.hb_west",
  name: "Real-time SPP, West hub",
  unit: "$/MWh",
  interval_seconds: 900,
  feed: "np6_905",
  first: "2025-01-01T06:00:00Z",
  last: "2025-06-01T14:45:00Z",
  freshness_seconds: 1260,
  stale_after_seconds: 3600,
  stale: false,
};

const SeriesInfo = z.object({
  key: z.string().openapi({ example: "spp.rt.hb_west" }),
  name: z.string(),
  unit: z.string().openapi({ example: "$/MWh" }),
  interval_seconds: z.number().int(),
  feed: z.string(),
  first: z.string().nullable().openapi({ description: "Earliest instant, ISO UTC" }),
  last: z.string().nullable().openapi({ description: "Latest instant (interval start), ISO UTC" }),
  freshness_seconds: z.number().nullable().openapi({
    description: "Seconds from the latest instant to now; negative for forecasts",
  }),
  stale_after_seconds: z.number().int(),
  stale: z.boolean().openapi({
    description: "True when there is no data or freshness exceeds stale_after_seconds",
  }),
}).openapi("Series", { example: SERIES_EXAMPLE });

const SeriesList = z.object({
  series: z.array(SeriesInfo),
  count: z.number().int(),
  as_of: z.string(),
}).openapi("SeriesList", {
  example: {
    series: [SERIES_EXAMPLE],
    count: 1,
    as_of: "2025-06-01T15:06:00Z",
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  ...READS,
  tags: ["series"],
  summary: "The series catalog",
  request: {
    query: z.object({
      prefix: z.string().max(200).optional().openapi({ example: "spp.rt." }),
      q: z.string().max(200).optional().openapi({ description: "Text in the key or name" }),
    }),
  },
  responses: {
    200: { content: { "application/json": { schema: SeriesList } }, description: "Catalog" },
    304: { description: "Not modified" },
    400: { content: { "application/problem+json": { schema: ProblemSchema } }, description: "Bad" },
  },
});

const oneRoute = createRoute({
  method: "get",
  path: "/{key}",
  ...READS,
  tags: ["series"],
  summary: "One series",
  request: {
    params: z.object({ key: z.string().max(200).openapi({ example: "spp.rt.hb_west" }) }),
  },
  responses: {
    200: { content: { "application/json": { schema: SeriesInfo } }, description: "The series" },
    304: { description: "Not modified" },
    404: {
      content: { "application/problem+json": { schema: ProblemSchema } },
      description: "Unknown key",
    },
  },
});

/**
 * Seconds after which a series counts as stale: three intervals plus 15
 * minutes of publication delay (18 min for 1-minute data, 3 h 15 min for hourly).
 */
export function staleAfterSeconds(intervalSeconds: number): number {
  return 3 * intervalSeconds + 900;
}

function describe(s: SeriesStats, now: Date) {
  const freshness = s.last ? Math.round((now.getTime() - s.last.getTime()) / 1000) : null;
  const staleAfter = staleAfterSeconds(s.intervalSeconds);
  return {
    key: s.key,
    name: s.name,
    unit: s.unit,
    interval_seconds: s.intervalSeconds,
    feed: s.feed,
    first: s.first?.toISOString() ?? null,
    last: s.last?.toISOString() ?? null,
    freshness_seconds: freshness,
    stale_after_seconds: staleAfter,
    stale: freshness === null || freshness > staleAfter,
  };
}

/**
 * Answers from the response cache for the rest of the current second: the
 * body states freshness as of a whole second, so it cannot change within one
 * except by a write, which invalidates it through the tags (the listed keys).
 */
function sendCatalog(
  c: Context,
  deps: AppDeps,
  now: Date,
  key: unknown[],
  build: () => Promise<{ body: unknown; keys: string[] }>,
): Promise<Response> {
  return serveCached(c, deps.cache, now.getTime(), {
    // One entry per filter, replaced each second (the key names no instant).
    key: JSON.stringify(key),
    tags: [],
    contentType: "application/json",
    expiresAt: now.getTime() + 1000,
    build: async () => {
      const built = await build();
      const body = JSON.stringify(built.body);
      return { body, cacheControl: "public, max-age=15", tags: built.keys };
    },
  });
}

/** Series catalog routes. */
export function seriesRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(listRoute, async (c) => {
    const { prefix, q } = c.req.valid("query");
    const now = new Date(Math.floor(deps.clock().getTime() / 1000) * 1000);
    return await sendCatalog(c, deps, now, ["series", prefix ?? "", q ?? ""], async () => {
      const rows = [
        ...await listSeriesStats(deps.sql, { prefix, q }),
        ...await listDerivedStats(deps.sql, { prefix, q }),
      ].sort((a, b) => a.key < b.key ? -1 : 1);
      const series = rows.map((s) => describe(s, now));
      return {
        body: { series, count: series.length, as_of: now.toISOString() },
        keys: rows.flatMap((r) => [r.key, ...derivedSeries(r.key)?.inputs ?? []]),
      };
    });
  });
  app.openapi(oneRoute, async (c) => {
    const { key } = c.req.valid("param");
    const now = new Date(Math.floor(deps.clock().getTime() / 1000) * 1000);
    return await sendCatalog(c, deps, now, ["series/one", key], async () => {
      const [row] = derivedSeries(key)
        ? await listDerivedStats(deps.sql, { key })
        : await listSeriesStats(deps.sql, { key });
      if (!row) {
        throw new NotFoundError(`Unknown series "${key}"`, { parameter: "key", series: key });
      }
      return { body: describe(row, now), keys: [key, ...derivedSeries(key)?.inputs ?? []] };
    });
  });
  return app;
}
