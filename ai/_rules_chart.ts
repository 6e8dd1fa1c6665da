/**
 * Presentation words of plain-English requests: chart kind ("table", "bar chart", "scatter",
 * "stacked area", "gauge"), bucket width ("daily", "hourly", "15-minute") and aggregate
 * ("average", "peak", "total").
 *
 * @module
 */
import type { VizSpec } from "../domain/vizspec.ts";

/** What a request says about how to draw. */
export interface Presentation {
  chart?: VizSpec["chart"];
  stacked: boolean;
  resolution?: VizSpec["resolution"];
  agg?: VizSpec["agg"];
}

const w = (source: string) => new RegExp(String.raw`\b(?:${source})\b`);
const GRAIN = String.raw`(?:\s+(?:intervals?|resolution|data|granularity))?`;
const KIND = String.raw`(?:\s+(?:charts?|graphs?|plots?|views?))`;

const CHARTS: [RegExp, VizSpec["chart"]][] = [
  [
    w(String.raw`heat[ -]?maps?|heat[ -]?charts?|calendar\s+(?:heat\s*)?(?:maps?|charts?)`),
    "heatmap",
  ],
  [w(String.raw`duration(?:\s+curves?|${KIND})?|exceedance\s+curves?`), "duration"],
  [
    w(String.raw`scatter(?:\s*plots?)?${KIND}?|correlat\w*|relationships?|x[ -]?y\s+plots?`),
    "scatter",
  ],
  [w(String.raw`gauges?|dials?|speedometers?`), "gauge"],
  [w(String.raw`tables?|tabular|tabulated?|list|listing|spreadsheet|csv`), "table"],
  [w(String.raw`bars?${KIND}?|columns?${KIND}|histograms?`), "bar"],
  [w(String.raw`(?:stacked\s+)?area${KIND}|(?:as|in)\s+an?\s+(?:stacked\s+)?area`), "area"],
  [w(String.raw`stat|single\s+(?:value|number|stat)|big\s+number|kpi|headline\s+number`), "stat"],
  [w(String.raw`line${KIND}|(?:as|in)\s+a\s+line|lines|trend\s*lines?|time\s*series`), "line"],
];

const RESOLUTIONS: [RegExp, VizSpec["resolution"]][] = [
  [
    w(String.raw`(?:15|fifteen)[ -]?min(?:ute)?s?${GRAIN}|quarter[ -]hour(?:ly)?`),
    "15m",
  ],
  [
    w(String.raw`(?:5|five)[ -]?min(?:ute)?s?${GRAIN}`),
    "5m",
  ],
  [w(String.raw`hourly|(?:per|by|each|every)\s+hour|hour[ -]by[ -]hour`), "1h"],
  [w(String.raw`daily|(?:per|by|each|every)\s+day|day[ -]by[ -]day`), "1d"],
  [
    w(String.raw`raw|every\s+interval|all\s+intervals|(?:full|native)\s+resolution|unaggregated`),
    "raw",
  ],
];

const AGGS: [RegExp, VizSpec["agg"]][] = [
  [w(String.raw`averages?|averaged|avg|mean`), "avg"],
  [w(String.raw`max|maxes|maximums?|maxima|peaks?|peaking|highest|highs`), "max"],
  [w(String.raw`min|minimums?|minima|lowest|lows|troughs?`), "min"],
  [w(String.raw`sum|summed|cumulative`), "sum"],
  [w(String.raw`closing|end[ -]of[ -](?:day|hour)|final`), "last"],
];
const TOTAL = w("totals?");
const STACKED = w("stacked|stack");

function take<T>(text: string, rules: [RegExp, T][]): [T | undefined, string] {
  for (const [pattern, value] of rules) {
    const m = pattern.exec(text);
    if (m) return [value, `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`];
  }
  return [undefined, text];
}

/**
 * Reads chart, stacking, resolution and aggregate words from the rewritten request and removes
 * them. "total" is a sum only beside a bucket word ("daily total"): "total load" is system load.
 */
export function readPresentation(text: string): { presentation: Presentation; rest: string } {
  const [resolution, afterResolution] = take(text, RESOLUTIONS);
  let [agg, rest] = take(afterResolution, AGGS);
  if (!agg && resolution && TOTAL.test(rest)) [agg, rest] = ["sum", rest.replace(TOTAL, " ")];
  const [chart, afterChart] = take(rest, CHARTS);
  const stacked = STACKED.test(afterChart) || /\bstacked\b/.test(text);
  return {
    presentation: { chart, stacked, resolution, agg },
    rest: afterChart.replace(STACKED, " "),
  };
}
