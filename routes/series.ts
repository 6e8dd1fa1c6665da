/**
 * `GET /api/v1/series` and `GET /api/v1/series/{key}`: the catalog with
 * each series' first and last instant, how fresh it is and whether it is stale;
 * the list pages (`limit`, `cursor`) and searches (`prefix`, `q`, `type`).
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps } from "./deps.ts";
import {
  listSeriesStats,
  SERIES_TYPES,
  type SeriesStats,
  type SeriesType,
} from "../db/series_stats.ts";
import { derivedRow, derivedStats } from "../db/derived_stats.ts";
import { derivedSeries, listedDerived } from "../domain/derived.ts";
import { PHYSICAL_HUBS } from "../domain/catalog.ts";
import { NotFoundError } from "../domain/errors.ts";
import { integerParam, oneOf, ProblemSchema } from "../http/schemas.ts";
import { serveCached } from "../http/cache.ts";
import { READS } from "../http/access.ts";

/** One series as the API shows it, the example of both series answers. */
const SERIES_EXAMPLE = {
  key: "spp.rt.hb_west",
  name: "Real-time SPP, West hub",
  unit: "$/MWh",
  interval_seconds: 900,
  feed: "np6_905",
  type: "hub" as const,
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
  type: z.enum(SERIES_TYPES).openapi({
    description: "hub, zone (load zone or DC tie) or node (resource node) for settlement " +
      "point prices; system for every other stored series; derived for computed ones",
  }),
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
  count: z.number().int().openapi({ description: "Series matching the filters, on all pages" }),
  next_cursor: z.string().nullable().openapi({
    description: "The next page's `cursor`; null on the last page",
  }),
  next: z.string().nullable().openapi({
    description: "The next page's path and query; null on the last page",
  }),
  as_of: z.string(),
}).openapi("SeriesList", {
  example: {
    series: [SERIES_EXAMPLE],
    count: 1,
    next_cursor: null,
    next: null,
    as_of: "2025-06-01T15:06:00Z",
  },
});

const ListQuery = z.object({
  prefix: z.string().max(200).optional().openapi({
    description: "Keys starting with this text",
    example: "spp.rt.",
  }),
  q: z.string().max(200).optional().openapi({
    description: "Words that must all appear, in any order and case, in the key or name " +
      "(or the words people use for a catalog series)",
    example: "alvin rt",
  }),
  type: z.string().max(100).optional().superRefine((v, ctx) => {
    const bad = v?.split(",").find((t) => !(SERIES_TYPES as readonly string[]).includes(t.trim()));
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: oneOf(SERIES_TYPES)({ input: bad }) });
    }
  }).openapi({
    description: `Only series of these types, comma-separated: ${SERIES_TYPES.join(", ")}`,
    example: "hub,zone",
  }),
  limit: integerParam(1, 5000, 500).openapi({
    description: "Most series per page (1 to 5000, default 500)",
  }),
  cursor: z.string().max(200).optional().openapi({
    description: "Where the page starts: the previous page's `next_cursor`",
  }),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  ...READS,
  tags: ["series"],
  summary: "The series catalog, paged and searched",
  request: { query: ListQuery },
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
    type: s.type,
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

/** The path and query of the page after `cursor`, with the same filters and limit. */
function nextLink(path: string, query: z.infer<typeof ListQuery>, cursor: string): string {
  const params = new URLSearchParams();
  for (const name of ["prefix", "q", "type"] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  params.set("limit", String(query.limit));
  params.set("cursor", cursor);
  return `${path}?${params}`;
}

/** The derived series the catalog lists, paged and searched with the stored ones. */
const LISTED_DERIVED = listedDerived(PHYSICAL_HUBS).map(derivedRow);

/** Series catalog routes. */
export function seriesRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { prefix, q, type, limit, cursor } = query;
    const now = new Date(Math.floor(deps.clock().getTime() / 1000) * 1000);
    const cacheKey = ["series", prefix ?? "", q ?? "", type ?? "", limit, cursor ?? ""];
    return await sendCatalog(c, deps, now, cacheKey, async () => {
      const types = type?.split(",").map((t) => t.trim() as SeriesType);
      const filter = { prefix, q, types, limit, after: cursor, extra: LISTED_DERIVED };
      const page = await deps.readSql.run((sql) => listSeriesStats(sql, filter));
      const series = page.rows.map((s) => describe(s, now));
      const nextCursor = page.more ? page.rows[page.rows.length - 1].key : null;
      return {
        body: {
          series,
          count: page.count,
          next_cursor: nextCursor,
          next: nextCursor === null ? null : nextLink(c.req.path, query, nextCursor),
          as_of: now.toISOString(),
        },
        keys: page.rows.flatMap((r) => [r.key, ...derivedSeries(r.key)?.inputs ?? []]),
      };
    });
  });
  app.openapi(oneRoute, async (c) => {
    const { key } = c.req.valid("param");
    const now = new Date(Math.floor(deps.clock().getTime() / 1000) * 1000);
    return await sendCatalog(c, deps, now, ["series/one", key], async () => {
      const [row] = await deps.readSql.run(async (sql) =>
        derivedSeries(key)
          ? await derivedStats(sql, [key])
          : (await listSeriesStats(sql, { key })).rows
      );
      if (!row) {
        throw new NotFoundError(`Unknown series "${key}"`, { parameter: "key", series: key });
      }
      return { body: describe(row, now), keys: [key, ...derivedSeries(key)?.inputs ?? []] };
    });
  });
  return app;
}
