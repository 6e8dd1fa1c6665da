/**
 * Series search for the picker: every word of the query, in any order, must
 * appear in a series' key, name, unit or the words people use for it (the
 * catalog's aliases, so "north dam" finds the North hub day-ahead price and
 * "west price" the West hub's prices).
 *
 * @module
 */
import { findSeries } from "../../domain/catalog.ts";
import type { SeriesInfo } from "./data.ts";

/** What the search reads of a series. */
export type Searchable = Pick<SeriesInfo, "key" | "name" | "unit">;

// Prices are in $/MWh (energy) or $/MW (ancillary services): either unit answers "price".
const unitWords = (unit: string) => unit.startsWith("$/") ? `${unit} price` : unit;

/** The lower-case text a series is searched by. */
export function searchText(s: Searchable): string {
  const aliases = findSeries(s.key)?.aliases ?? [];
  return [s.key, s.name, unitWords(s.unit), ...aliases].join(" ").toLowerCase();
}

/**
 * The series matching every word of `query`, in catalog order; all of them for a blank query.
 *
 * @example searchSeries(catalog, "west price").map((s) => s.key) // ["lmp.rt.hb_west", …]
 */
export function searchSeries<T extends Searchable>(series: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...series];
  return series.filter((s) => {
    const text = searchText(s);
    return words.every((w) => text.includes(w));
  });
}
