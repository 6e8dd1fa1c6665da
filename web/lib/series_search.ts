/**
 * Series search for the picker. The server answers (`GET /api/v1/series?q=`)
 * among every series the service keeps, resource nodes included, a page at a
 * time, so the catalog is never downloaded whole: every word of the query, in
 * any order and case, must appear in a series' key, name or the words people
 * use for it (the catalog's aliases, so "north dam" finds the North hub
 * day-ahead price). While it answers, {@link matchSeries} gives the same kind
 * of matches at once among the series already loaded (`fetchCatalog`: all but
 * the nodes), so a choice typed fast is never lost.
 *
 * @module
 */
import { findSeries } from "../../domain/catalog.ts";
import { client, ok } from "./client.ts";
import type { SeriesInfo } from "./data.ts";

/** What the local search reads of a series. */
export type Searchable = Pick<SeriesInfo, "key" | "name" | "unit">;

// Prices are in $/MWh (energy) or $/MW (ancillary services): either unit answers "price".
const unitWords = (unit: string) => unit.startsWith("$/") ? `${unit} price` : unit;

/** The lower-case text a series is searched by locally. */
export function searchText(s: Searchable): string {
  const aliases = findSeries(s.key)?.aliases ?? [];
  return [s.key, s.name, unitWords(s.unit), ...aliases].join(" ").toLowerCase();
}

/**
 * The series among `series` matching every word of `query`, in their order; all of them for a
 * blank query.
 *
 * @example matchSeries(catalog, "west price").map((s) => s.key) // ["lmp.rt.hb_west", …]
 */
export function matchSeries<T extends Searchable>(series: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...series];
  return series.filter((s) => {
    const text = searchText(s);
    return words.every((w) => text.includes(w));
  });
}

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
