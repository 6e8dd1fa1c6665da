/**
 * The explorer's state, kept entirely in the URL so a view can be shared:
 * `?series=a,b&last=P7D` or `&start=…&end=…`, `res`, `agg`, `fill`, `chart`, and an
 * expression drawn as one more line (`expr`, with its `label`).
 *
 * @module
 */
import type { ObservationQuery } from "./data.ts";
import { durationMs, durationText } from "./format.ts";
import type { PlotKind } from "./plot.ts";
import { chartRead } from "../../domain/chart_read.ts";
import type { VizSpec } from "../../domain/vizspec.ts";

/** Range presets offered as buttons, as ISO 8601 durations. */
export const PRESETS: [string, string][] = [
  ["PT6H", "6 h"],
  ["P1D", "24 h"],
  ["P7D", "7 d"],
  ["P30D", "30 d"],
  ["P90D", "90 d"],
  ["P1Y", "1 y"],
];
/** Resolutions the API accepts. */
export const RESOLUTIONS = ["auto", "raw", "5m", "15m", "1h", "1d"];
/** Aggregates the API accepts. */
export const AGGS = ["avg", "min", "max", "sum", "last"];
/** Gap fills the API accepts (filled stretches are drawn dashed). */
export const FILLS = ["none", "previous", "linear"];
/** Chart kinds the explorer draws: time plots, a heat map and a duration curve. */
export type ExploreKind = PlotKind | "heatmap" | "duration";
/** Chart kinds the explorer offers. */
export const KINDS: ExploreKind[] = ["line", "area", "bar", "scatter", "heatmap", "duration"];

/** The explorer's state. */
export interface ExploreState {
  series: string[];
  /** A relative window, or null when `start`/`end` are set. */
  last: string | null;
  start: number | null;
  end: number | null;
  res: string;
  agg: string;
  /** Gaps filled for display: none, previous or linear. */
  fill: string;
  chart: ExploreKind;
  /** An expression over series keys drawn as one more line; empty for none. */
  expr: string;
  /** The expression's name in the legend; empty to name it by its text. */
  label: string;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? value as T : fallback;

const validLast = (last: string | null): last is string => Boolean(last) && durationMs(last!) > 0;

/** Reads the state from a query string; anything missing or invalid takes its default. */
export function readState(q: URLSearchParams): ExploreState {
  const start = Date.parse(q.get("start") ?? "");
  const end = Date.parse(q.get("end") ?? "");
  const absolute = Number.isFinite(start) && Number.isFinite(end) && start < end;
  const last = q.get("last");
  return {
    series: (q.get("series") ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    last: absolute ? null : validLast(last) ? last : "P1D",
    start: absolute ? start : null,
    end: absolute ? end : null,
    res: pick(q.get("res"), RESOLUTIONS, "auto"),
    agg: pick(q.get("agg"), AGGS, "avg"),
    fill: pick(q.get("fill"), FILLS, "none"),
    chart: pick(q.get("chart"), KINDS, "line"),
    expr: q.get("expr")?.trim() ?? "",
    label: q.get("expr")?.trim() ? q.get("label")?.trim() ?? "" : "",
  };
}

/**
 * Why the range a link asks for cannot be shown (the view then falls back to the last 24 h), or
 * undefined when the link names a usable range or none.
 *
 * @example linkRangeProblem(new URLSearchParams("start=2026-06-02&end=2026-06-01"))
 * // 'The link's range was invalid (start "2026-06-02" is not before end "2026-06-01"); …'
 */
export function linkRangeProblem(q: URLSearchParams): string | undefined {
  const [startText, endText, last] = [q.get("start"), q.get("end"), q.get("last")];
  const fallback = `showing the last ${validLast(last) ? durationText(last) : "24 h"}`;
  let why: string | undefined;
  if (startText !== null || endText !== null) {
    const [start, end] = [Date.parse(startText ?? ""), Date.parse(endText ?? "")];
    if (startText === null || endText === null) {
      why = `it has ${startText === null ? "an end" : "a start"} but no ${
        startText === null ? "start" : "end"
      }`;
    } else if (!Number.isFinite(start)) why = `start "${startText}" is not a date`;
    else if (!Number.isFinite(end)) why = `end "${endText}" is not a date`;
    else if (start >= end) why = `start "${startText}" is not before end "${endText}"`;
    if (!why) return undefined;
  } else if (last !== null && !validLast(last)) {
    why = `"${last}" is not a duration such as P7D or PT6H`;
  }
  return why ? `The link's range was invalid (${why}); ${fallback}` : undefined;
}

// Commas and colons are safe in a query; leaving them readable keeps shared links legible.
const encode = (v: string) => encodeURIComponent(v).replace(/%2C/g, ",").replace(/%3A/g, ":");
const instant = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** The URL of a state. */
export function stateUrl(s: ExploreState): string {
  const q: [string, string][] = [];
  if (s.series.length) q.push(["series", s.series.join(",")]);
  if (s.start !== null && s.end !== null) {
    q.push(["start", instant(s.start)], ["end", instant(s.end)]);
  } else if (s.last) q.push(["last", s.last]);
  if (s.res !== "auto") q.push(["res", s.res]);
  if (s.agg !== "avg") q.push(["agg", s.agg]);
  if (s.fill !== "none") q.push(["fill", s.fill]);
  if (s.chart !== "line") q.push(["chart", s.chart]);
  if (s.expr) q.push(["expr", s.expr]);
  if (s.expr && s.label) q.push(["label", s.label]);
  const text = q.map(([k, v]) => `${k}=${encode(v)}`).join("&");
  return `/explore${text ? `?${text}` : ""}`;
}

/** The window a state covers, in epoch ms, relative ranges ending at `now`. */
export function windowOf(s: ExploreState, now: number): { start: number; end: number } {
  if (s.start !== null && s.end !== null) return { start: s.start, end: s.end };
  return { start: now - durationMs(s.last ?? "P1D"), end: now };
}

/** The observations request of a state. */
export function stateQuery(s: ExploreState): ObservationQuery {
  const absolute = s.start !== null && s.end !== null;
  // A heat map reads every hour of its window; only the window's span matters here.
  const w = windowOf(s, 0);
  const read = chartRead(
    { chart: s.chart, resolution: s.res as VizSpec["resolution"] },
    new Date(w.start),
    new Date(w.end),
    2000,
  );
  return {
    series: s.series,
    // Unlabelled, the API names the expression by its text, which may be longer than a label.
    exprs: s.expr ? [{ expr: s.expr, ...s.label ? { label: s.label } : {} }] : undefined,
    last: absolute ? undefined : s.last ?? "P1D",
    start: absolute ? new Date(s.start!).toISOString() : undefined,
    end: absolute ? new Date(s.end!).toISOString() : undefined,
    resolution: read.resolution,
    agg: s.agg,
    maxPoints: read.maxPoints,
    fill: s.fill === "none" ? undefined : s.fill,
  };
}

const second = (ms: number) => Math.round(ms / 1000) * 1000;

/** The state moved to an absolute window, whole seconds (zoom and pan resample at `auto`). */
export function withWindow(s: ExploreState, start: number, end: number): ExploreState {
  return { ...s, last: null, start: second(start), end: second(end), res: "auto" };
}

/** The window shifted by `fraction` of its span (negative: earlier). */
export function panned(s: ExploreState, fraction: number, now: number): ExploreState {
  const w = windowOf(s, now);
  const shift = (w.end - w.start) * fraction;
  return withWindow(s, w.start + shift, w.end + shift);
}

/** The window scaled by `factor` around its middle (2 zooms out, 0.5 zooms in). */
export function zoomed(s: ExploreState, factor: number, now: number): ExploreState {
  const w = windowOf(s, now);
  const mid = (w.start + w.end) / 2;
  const half = Math.max((w.end - w.start) * factor / 2, 60_000);
  return withWindow(s, mid - half, mid + half);
}
