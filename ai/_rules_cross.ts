/**
 * Cross-section requests of the rule parser: many settlement points side by side rather than a
 * few over time. "top 10 nodes by average price yesterday", "cheapest 5 load zones last week by
 * day-ahead price" and "highest real-time prices right now" rank points over a window; "prices at
 * every hub now" shows every point of a kind at the latest interval. Each becomes a `table` with
 * a `cross_section`. A request that names anything else (a hub, a series, a chart shape) is left
 * to the series reader.
 *
 * @module
 */
import {
  type Family,
  MAX_RANK_WINDOW_MS,
  MAX_TABLE_ROWS,
  type PointType,
  type RankAgg,
} from "../domain/cross_section.ts";
import { windowMs } from "../domain/duration.ts";
import type { CrossSectionSpec, VizRange } from "../domain/vizspec.ts";
import { isStopword } from "./_rules_text.ts";
import type { TimeReading } from "./_rules_time.ts";

/** A cross-section read from a request, with the words for its title. */
export interface CrossReading {
  crossSection: CrossSectionSpec;
  range: VizRange;
  title: string;
}

const FAMILY_WORDS: [RegExp, Family, string][] = [
  [/\b(?:day[- ]ahead|da|dam)\b/g, "spp.da", "day-ahead price"],
  [/\b(?:lmps?|sced|locational\s+marginal)\b/g, "lmp.rt", "SCED LMP"],
  [/\b(?:real[- ]time|rt|spps?)\b/g, "spp.rt", "real-time price"],
];
const TYPE_WORDS: [RegExp, PointType | undefined, string][] = [
  [/\b(?:load\s+zones?|lzs?|zones?)\b/g, "zone", "load zones"],
  [/\b(?:trading\s+)?hubs?\b/g, "hub", "hubs"],
  [/\b(?:resource\s+)?(?:nodes?|buses)\b/g, "node", "nodes"],
  [/\b(?:settlement\s+)?points?\b/g, undefined, "settlement points"],
];
const RANK =
  /\b(?:(\d{1,4})\s+)?(top(?![- ]bottom)|highest|most\s+expensive|priciest|(?<!top[- ])bottom|lowest|cheapest|least\s+expensive)\b(?:\s+(\d{1,4})\b)?/;
const ASCENDING = /^(?:bottom|lowest|cheapest|least expensive)$/;
const BY_AGG: [RegExp, RankAgg][] = [
  [/\b(?:by|on)\s+(?:(?:the|their)\s+)?(?:average|avg|mean)\b/g, "avg"],
  [/\b(?:by|on)\s+(?:(?:the|their)\s+)?(?:max|maximum|peak)\b/g, "max"],
  [/\b(?:by|on)\s+(?:(?:the|their)\s+)?(?:min|minimum)\b/g, "min"],
  [/\b(?:average|avg|mean)\b/g, "avg"],
  [/\b(?:peak|maximum|max)\b/g, "max"],
  [/\b(?:minimum|min)\b/g, "min"],
];
const EVERY = /\b(?:every|all|each)\b/g;
const PRICE = /\b(?:prices?|settlement|lmps?|spps?|by|which|are|cost)\b/g;

function take<T>(text: string, rules: [RegExp, T, string][]): [T | undefined, string, string] {
  for (const [pattern, value, label] of rules) {
    if (text.search(pattern) >= 0) return [value, text.replace(pattern, " "), label];
  }
  return [undefined, text, ""];
}

/** Words left once every cross-section phrase is read; only filler may remain. */
function onlyFiller(text: string): boolean {
  return text.split(/[\s,.?!:'()-]+/).filter(Boolean).every((w) => isStopword(w));
}

/**
 * Reads a cross-section request from the request's text once its time phrase is removed, or
 * undefined when it is not one. A ranking longer than 31 days is refused.
 */
export function readCrossSection(
  rest: string,
  time: TimeReading,
): CrossReading | { error: string } | undefined {
  const rank = RANK.exec(rest);
  let text = rank
    ? `${rest.slice(0, rank.index)} ${rest.slice(rank.index + rank[0].length)}`
    : rest;
  const [type, afterType, typeLabel] = take(text, TYPE_WORDS);
  const every = afterType.search(EVERY) >= 0;
  const hasPrices = /\b(?:prices|lmps|spps)\b/.test(afterType);
  if (!rank && !(every && typeLabel && time.current)) return undefined;
  if (rank && !typeLabel && !hasPrices) return undefined;
  const [family = "spp.rt", afterFamily, familyLabel] = take(afterType, FAMILY_WORDS);
  const [agg = "avg", afterAgg] = take(afterFamily, BY_AGG.map(([p, a]) => [p, a, ""]));
  text = afterAgg.replace(EVERY, " ").replace(PRICE, " ");
  if (!onlyFiller(text)) return undefined;
  const kind = familyLabel || "real-time price";
  const what = typeLabel || "settlement points";
  if (!rank) {
    return {
      crossSection: { family, ...(type ? { type } : {}) },
      range: { last: "PT24H" },
      title: `${kind[0].toUpperCase()}${kind.slice(1)}s at every ${what.replace(/s$/, "")}, latest`,
    };
  }
  const n = Number(rank[1] ?? rank[3] ?? 10);
  if (n < 1 || n > MAX_TABLE_ROWS) {
    return { error: `A ranking lists 1 to ${MAX_TABLE_ROWS} points, not ${n}` };
  }
  const order = ASCENDING.test(rank[2].replace(/\s+/g, " ")) ? "asc" : "desc";
  // "Right now" ranks the last hour: the latest intervals, whatever the publication delay.
  const range: VizRange = time.current ? { last: "PT1H" } : time.range;
  const span = "last" in range
    ? windowMs(range.last) ?? 0
    : Date.parse(range.end) - Date.parse(range.start);
  if (span > MAX_RANK_WINDOW_MS) {
    return {
      error: `A ranking reads at most ${MAX_RANK_WINDOW_MS / 86_400_000} days; ` +
        `ask for a shorter window than ${time.label}`,
    };
  }
  const word = order === "desc" ? "Top" : "Lowest";
  const aggWord = { avg: "average", max: "maximum", min: "minimum" }[agg];
  return {
    crossSection: { family, ...(type ? { type } : {}), top: { n, agg, order } },
    range,
    title: `${word} ${n} ${what} by ${aggWord} ${kind}, ${time.current ? "last hour" : time.label}`,
  };
}
