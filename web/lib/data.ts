/**
 * The data API as the UI reads it: the series catalog, observations
 * (columnar, ready for uPlot), per-feed freshness and the grid condition.
 *
 * @module
 */
import { query } from "./api.ts";
import { client, ok } from "./client.ts";
import type { components, paths } from "./api_schema.ts";

type ObservationsParams = NonNullable<
  paths["/api/v1/observations"]["get"]["parameters"]["query"]
>;
type Resolution = ObservationsParams["resolution"];
type Agg = ObservationsParams["agg"];
type Fill = ObservationsParams["fill"];

type Schemas = components["schemas"];

/** One catalog entry of `GET /api/v1/series`. */
export type SeriesInfo = Schemas["Series"];

/** One series of `GET /api/v1/observations`: `t` in epoch seconds. */
export type SeriesColumns = Schemas["SeriesColumns"];

/**
 * What a chart draws: the columns every series answer carries (observations,
 * dashboard data and chart previews alike; dashboard data declares no
 * `interval_seconds` or `agg`).
 */
export type DrawnSeries =
  & Pick<SeriesColumns, "key" | "name" | "unit" | "resolution" | "downsampled" | "t" | "v">
  & Partial<Pick<SeriesColumns, "filled">>;

/** What to read: a relative (`last`) or absolute (`start`, `end`) window. */
export interface ObservationQuery {
  series: string[];
  /** Expressions over keys, each read as one more series named by its label, else its text. */
  exprs?: { expr: string; label?: string }[];
  last?: string;
  start?: string;
  end?: string;
  resolution?: string;
  agg?: string;
  maxPoints?: number;
  /** Gaps filled for display (none). */
  fill?: string;
}

/** Per-feed ingestion status of `GET /health/scrapers`. */
export type FeedStatus = Schemas["Scrapers"]["feeds"][number];

/** ERCOT's grid condition of `GET /api/v1/grid-status`. */
export type GridStatus = Schemas["GridStatus"];

let catalog: Promise<SeriesInfo[]> | null = null;

// Answers carry Cache-Control; after a live event says data changed, the browser's copy is
// revalidated (`no-cache`) rather than trusted.
const revalidate = (fresh: boolean): RequestCache => (fresh ? "no-cache" : "default");

/**
 * Every series but the resource nodes (hubs, load zones, system and derived series: a few
 * hundred, one request), fetched once per page load unless `fresh`. Pickers find nodes too,
 * through the server's search (`series_search.ts`).
 */
export function fetchCatalog(fresh = false): Promise<SeriesInfo[]> {
  if (fresh || !catalog) {
    const query = { type: "hub,zone,system,derived", limit: 5000 };
    catalog = ok(client.GET("/api/v1/series", { params: { query }, cache: revalidate(fresh) }))
      .then((r) => r.series);
    catalog.catch(() => catalog = null);
  }
  return catalog;
}

/**
 * The query string of an observations request; one request answers at most one expression (the
 * first), after the series.
 */
export function observationsQuery(q: ObservationQuery, format?: "csv"): string {
  return query({
    series: q.series.length || !q.exprs?.length ? q.series.join(",") : undefined,
    expr: q.exprs?.[0]?.expr,
    label: q.exprs?.[0]?.label,
    last: q.last,
    start: q.start,
    end: q.end,
    resolution: q.resolution,
    agg: q.agg,
    max_points: q.maxPoints,
    fill: q.fill,
    format,
  });
}

/** Observations of one or more series; `fresh` revalidates a cached answer. */
export async function fetchObservations(
  q: ObservationQuery,
  signal?: AbortSignal,
  fresh = false,
): Promise<SeriesColumns[]> {
  const common = {
    last: q.last,
    start: q.start,
    end: q.end,
    resolution: q.resolution as Resolution | undefined,
    agg: q.agg as Agg | undefined,
    max_points: q.maxPoints,
    fill: q.fill as Fill | undefined,
  };
  const read = async (
    query: typeof common & { series?: string; expr?: string; label?: string },
  ) => {
    const answer = await ok(client.GET("/api/v1/observations", {
      params: { query },
      signal,
      cache: revalidate(fresh),
    }));
    // Asked without format or Accept, the answer is the JSON one.
    return (answer as Exclude<typeof answer, string>).series;
  };
  const parts = await Promise.all([
    ...(q.series.length ? [read({ ...common, series: q.series.join(",") })] : []),
    ...(q.exprs ?? []).map(({ expr, label }) => read({ ...common, expr, label })),
  ]);
  return parts.flat();
}

/** Per-feed ingestion status. */
export async function fetchScrapers(): Promise<FeedStatus[]> {
  return (await ok(client.GET("/health/scrapers", { cache: "no-cache" }))).feeds;
}

/** The current grid condition. */
export async function fetchGridStatus(): Promise<GridStatus> {
  return await ok(client.GET("/api/v1/grid-status", { cache: "no-cache" }));
}

const FAILED_RUNS = new Set(["failed", "schema_changed", "partial"]);

/** How current a value is: shown as live only when both the series and its feed are fresh. */
export type Freshness =
  | { kind: "live" }
  | { kind: "stale"; why: string }
  | { kind: "failed"; why: string }
  | { kind: "nodata"; why: string };

/**
 * Whether a value of `series` stamped `asOf` may be shown as live at `now`:
 * a feed whose last run failed marks it failed, an old value or a stale feed
 * marks it stale.
 */
export function freshness(
  series: SeriesInfo | undefined,
  asOf: string | null,
  feed: FeedStatus | undefined,
  now: number,
): Freshness {
  if (!series || !asOf) return { kind: "nodata", why: "No data yet" };
  if (feed && feed.last_run_status && FAILED_RUNS.has(feed.last_run_status)) {
    return { kind: "failed", why: `Feed ${feed.title} failed: ${feed.last_error ?? "no detail"}` };
  }
  const age = (now - Date.parse(asOf)) / 1000;
  if (age > series.stale_after_seconds) return { kind: "stale", why: "Older than expected" };
  if (feed?.stale) return { kind: "stale", why: `Feed ${feed.title} has not succeeded lately` };
  return { kind: "live" };
}
