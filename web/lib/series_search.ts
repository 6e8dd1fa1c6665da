/**
 * Series search for the picker, answered by the server (`GET /api/v1/series?q=`):
 * every word of the query, in any order and case, must appear in a series'
 * key, name or the words people use for it (the catalog's aliases, so "north
 * dam" finds the North hub day-ahead price), among every series the service
 * keeps, resource nodes included. A page at a time; the catalog is never
 * downloaded whole.
 *
 * @module
 */
import { client, ok } from "./client.ts";
import type { SeriesInfo } from "./data.ts";

/** One page of matches. */
export interface SeriesMatches {
  series: SeriesInfo[];
  /** How many series match in all. */
  count: number;
  /** The next page's cursor, or null on the last page. */
  nextCursor: string | null;
}

/** How long typing must pause before the picker asks the server. */
export const SEARCH_DEBOUNCE_MS = 200;

/**
 * A page of the series matching every word of `query` (all series for a blank one), in key order.
 *
 * @example (await searchSeries("alvin sced")).series[0].key // "lmp.rt.alvin_rn"
 */
export async function searchSeries(
  query: string,
  opts: { limit?: number; cursor?: string; signal?: AbortSignal } = {},
): Promise<SeriesMatches> {
  const q = query.trim().slice(0, 200) || undefined;
  const answer = await ok(client.GET("/api/v1/series", {
    params: { query: { q, limit: opts.limit ?? 40, cursor: opts.cursor } },
    signal: opts.signal,
  }));
  return { series: answer.series, count: answer.count, nextCursor: answer.next_cursor };
}
