/**
 * The rule-based plain-English parser: the always-on fallback that turns a request such as
 * "daily average west hub price over the last 90 days" into a VizSpec, following the
 * conventions of shared/ai-eval/README.md. No network, no model; well under a millisecond a request once warm.
 *
 * User text never reaches the spec: series come from the catalog, and titles are built from
 * catalog names and the parser's own words.
 *
 * @module
 */
import {
  AS_PRODUCTS,
  DC_TIES,
  findSeries,
  FORECAST_ZONES,
  FUELS,
  LOAD_ZONES,
  PHYSICAL_HUBS,
} from "../domain/catalog.ts";
import { requestSeriesProblem, validateSpec, type VizSpec } from "../domain/vizspec.ts";
import { type Presentation, readPresentation } from "./_rules_chart.ts";
import { readCrossSection } from "./_rules_cross.ts";
import { pickSeries } from "./_rules_pick.ts";
import { readNodes, storedKeySet } from "./_rules_nodes.ts";
import { cleanRequest, leftoverProblem } from "./_rules_text.ts";
import { readTime, type TimeReading } from "./_rules_time.ts";
import { rewriteSeriesWords, tokenize } from "./_rules_words.ts";

/** A parsed request, or a refusal a person can act on. */
export type ParseResult = { spec: VizSpec } | { error: string };

/** Options of {@link parseRequest}. */
export interface ParseOptions {
  /** The instant the request is asked at; rolling windows end here, calendar words count from it. */
  now: Date;
  /**
   * Stored price keys of settlement points beyond the static catalog (resource nodes such as
   * `spp.rt.alvin_rn`, read from the `series` table by the caller): their names resolve.
   */
  storedKeys?: readonly string[];
}

const MARKETS = [
  ["spp.rt", "real-time prices"],
  ["spp.da", "day-ahead prices"],
  ["lmp.rt", "SCED LMPs"],
];
const GROUPS: [string[], string][] = [
  [FUELS.map((f) => `gen.${f}`), "Fuel mix"],
  [AS_PRODUCTS.map((p) => `mcpc.da.${p}`), "Ancillary service clearing prices"],
  [FORECAST_ZONES.map((z) => `load.actual.${z}`), "Actual load by forecast zone"],
  [FORECAST_ZONES.map((z) => `load.forecast.${z}`), "Load forecast by forecast zone"],
  ...MARKETS.flatMap(([prefix, label]): [string[], string][] => [
    [PHYSICAL_HUBS.map((p) => `${prefix}.${p}`), `Hub ${label}`],
    [LOAD_ZONES.map((p) => `${prefix}.${p}`), `Load zone ${label}`],
    [LOAD_ZONES.map((p) => `${prefix}.${p}_ew`), `Energy-weighted load zone ${label}`],
    [DC_TIES.map((p) => `${prefix}.${p}`), `DC tie ${label}`],
  ]),
];
const RESOLUTION_WORD: Record<string, string> = {
  "1d": "daily",
  "1h": "hourly",
  "15m": "15-minute",
  "5m": "5-minute",
  raw: "raw",
};
const AGG_WORD: Record<string, string> = {
  avg: "average",
  max: "maximum",
  min: "minimum",
  sum: "total",
  last: "closing",
};
const MAX_TITLE = 120;

/** A stored resource node's name for titles: `spp.rt.alvin_rn` → "ALVIN_RN real-time price". */
function nodeName(key: string): string {
  const market = MARKETS.find(([prefix]) => key.startsWith(`${prefix}.`));
  if (!market) return key;
  return `${key.slice(market[0].length + 1).toUpperCase()} ${market[1].replace(/s$/, "")}`;
}

function describeSeries(keys: string[], joiner: string, room: number): string {
  const left = new Set(keys);
  const parts: string[] = [];
  for (const [members, label] of GROUPS) {
    if (!members.every((k) => left.has(k))) continue;
    parts.push(label);
    members.forEach((k) => left.delete(k));
  }
  for (const key of left) parts.push(findSeries(key)?.name ?? nodeName(key));
  const full = parts.length <= 2
    ? parts.join(joiner)
    : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return full.length <= room ? full : `${parts[0]} and ${parts.length - 1} more series`;
}

function buildTitle(
  keys: string[],
  spec: Omit<VizSpec, "title">,
  time: TimeReading,
  shown: Presentation,
): string {
  const words = [
    shown.resolution && RESOLUTION_WORD[shown.resolution],
    shown.agg && AGG_WORD[shown.agg],
  ];
  const how = spec.chart === "stat" || spec.chart === "gauge"
    ? ""
    : words.filter(Boolean).join(" ");
  const suffix = `${how ? ` (${how})` : ""}, ${time.label}`;
  const subject = describeSeries(
    keys,
    spec.chart === "scatter" ? " vs " : " and ",
    MAX_TITLE - suffix.length,
  );
  const title = `${subject}${suffix}`;
  return title.length <= MAX_TITLE ? title : `${title.slice(0, MAX_TITLE - 1).trimEnd()}…`;
}

function draw(keys: string[], time: TimeReading, shown: Presentation): Omit<VizSpec, "title"> {
  const isMix = FUELS.every((f) => keys.includes(`gen.${f}`));
  const chart = shown.chart ?? (time.current ? "stat" : shown.stacked || isMix ? "area" : "line");
  const stackable = chart === "area" || chart === "bar";
  return {
    version: 1,
    chart,
    series: keys,
    range: time.range,
    resolution: shown.resolution ?? "auto",
    agg: shown.agg ?? (chart === "stat" || chart === "gauge" ? "last" : "avg"),
    stacked: stackable && (shown.stacked || isMix),
  };
}

function crossSectionRequest(text: string, now: Date): ParseResult | undefined {
  const time = readTime(text, now);
  if ("error" in time) return undefined;
  const xs = readCrossSection(time.rest, time.reading);
  if (!xs || "error" in xs) return xs;
  const { crossSection, range, title } = xs;
  return {
    spec: validateSpec({ version: 1, title, chart: "table", cross_section: crossSection, range }),
  };
}

function parse(text: string, now: Date, storedKeys: readonly string[]): ParseResult {
  const clean = cleanRequest(text);
  if ("error" in clean) return clean;
  // Before node names are read: "top 10 nodes yesterday" names no node.
  const xs = crossSectionRequest(clean.text, now);
  if (xs) return xs;
  const named = readNodes(clean.text, storedKeys);
  if ("error" in named) return named;
  const time = readTime(named.text, now);
  if ("error" in time) return time;
  const rewritten = rewriteSeriesWords(time.rest);
  const { presentation, rest } = readPresentation(rewritten.text);
  const tokens = tokenize(rest);
  const picked = pickSeries(tokens, rewritten.keys, {
    current: time.reading.current,
    stored: storedKeySet(storedKeys),
  });
  if ("error" in picked) return picked;
  const strong = tokens.some((t) => /^[A-Z]/.test(t) && !t.startsWith("R_"));
  const recognised = !picked.keys.length ? "none" : strong ? "strong" : "weak";
  const problem = leftoverProblem(tokens.filter((t) => /^[a-z]/.test(t)), recognised);
  if (problem) return { error: problem };
  const tooMany = requestSeriesProblem(picked.keys.length);
  if (tooMany) return { error: tooMany };
  const body = draw(picked.keys, time.reading, presentation);
  return {
    spec: validateSpec({
      ...body,
      title: buildTitle(picked.keys, body, time.reading, presentation),
    }),
  };
}

/**
 * Reads a plain-English chart request into a VizSpec, or explains why it cannot. Never throws.
 *
 * @example
 * parseRequest("west hub price yesterday", { now: new Date("2026-11-27T18:00:00Z") })
 * // { spec: { series: ["spp.rt.hb_west"], range: { start: "2026-11-26T06:00:00Z", ... }, ... } }
 */
export function parseRequest(text: string, options: ParseOptions): ParseResult {
  if (typeof text !== "string") return { error: "Request is not text" };
  if (!(options?.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    return { error: "Option now is not a valid date" };
  }
  try {
    return parse(text, options.now, options.storedKeys ?? []);
  } catch (e) {
    return { error: `Cannot read the request: ${e instanceof Error ? e.message : String(e)}` };
  }
}
