/**
 * The data API as the UI reads it: the series catalog, observations
 * (columnar, ready for uPlot), per-feed freshness and the grid condition.
 *
 * @module
 */
import { query } from "./api.ts";
import { client, ok } from "./client.ts";
import type { paths } from "./api_schema.ts";

type ObservationsParams = NonNullable<
  paths["/api/v1/observations"]["get"]["parameters"]["query"]
>;
type Resolution = ObservationsParams["resolution"];
type Agg = ObservationsParams["agg"];

/** One catalog entry of `GET /api/v1/series`. */
export interface SeriesInfo {
  key: string;
  name: string;
  unit: string;
  interval_seconds: number;
  feed: string;
  first: string | null;
  last: string | null;
  stale_after_seconds: number;
  stale: boolean;
}

/**
 * One series of `GET /api/v1/observations`: `t` in epoch seconds. Dashboard
 * data and chart previews declare no `interval_seconds` or `agg`.
 */
export interface SeriesColumns {
  key: string;
  name: string;
  unit: string;
  interval_seconds?: number;
  resolution: string;
  agg?: string;
  downsampled: boolean;
  t: number[];
  v: number[];
}

/** What to read: a relative (`last`) or absolute (`start`, `end`) window. */
export interface ObservationQuery {
  series: string[];
  last?: string;
  start?: string;
  end?: string;
  resolution?: string;
  agg?: string;
  maxPoints?: number;
}

/** Per-feed ingestion status of `GET /health/scrapers`. */
export interface FeedStatus {
  feed: string;
  title: string;
  last_run_status: string | null;
  last_success_at: string | null;
  last_data_at: string | null;
  stale: boolean;
  last_error: string | null;
  last_error_at: string | null;
}

/** ERCOT's grid condition of `GET /api/v1/grid-status`. */
export interface GridStatus {
  state: string;
  title: string;
  note: string;
  eea_level: number | null;
  prc_mw: number | null;
  as_of: string | null;
}

let catalog: Promise<SeriesInfo[]> | null = null;

// Answers carry Cache-Control; after a live event says data changed, the browser's copy is
// revalidated (`no-cache`) rather than trusted.
const revalidate = (fresh: boolean): RequestCache => (fresh ? "no-cache" : "default");

/** The series catalog, fetched once per page load unless `fresh`. */
export function fetchCatalog(fresh = false): Promise<SeriesInfo[]> {
  if (fresh || !catalog) {
    catalog = ok(client.GET("/api/v1/series", { cache: revalidate(fresh) }))
      .then((r) => r.series);
    catalog.catch(() => catalog = null);
  }
  return catalog;
}

/** The query string of an observations request. */
export function observationsQuery(q: ObservationQuery, format?: "csv"): string {
  return query({
    series: q.series.join(","),
    last: q.last,
    start: q.start,
    end: q.end,
    resolution: q.resolution,
    agg: q.agg,
    max_points: q.maxPoints,
    format,
  });
}

/** Observations of one or more series; `fresh` revalidates a cached answer. */
export async function fetchObservations(
  q: ObservationQuery,
  signal?: AbortSignal,
  fresh = false,
): Promise<SeriesColumns[]> {
  const query = {
    series: q.series.join(","),
    last: q.last,
    start: q.start,
    end: q.end,
    resolution: q.resolution as Resolution | undefined,
    agg: q.agg as Agg | undefined,
    max_points: q.maxPoints,
  };
  const answer = await ok(client.GET("/api/v1/observations", {
    params: { query },
    signal,
    cache: revalidate(fresh),
  }));
  // Asked without format or Accept, the answer is the JSON one.
  return (answer as Exclude<typeof answer, string>).series;
}

/** Per-feed ingestion status. */
export async function fetchScrapers(): Promise<FeedStatus[]> {
  return (await ok(client.GET("/health/scrapers", { cache: "no-cache" }))).feeds as FeedStatus[];
}

/** The current grid condition. */
export async function fetchGridStatus(): Promise<GridStatus> {
  return await ok(client.GET("/api/v1/grid-status", { cache: "no-cache" })) as GridStatus;
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
