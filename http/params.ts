/**
 * Parsing shared by the data routes: instants, ISO 8601 durations, time
 * windows and series lists, each failing with a
 * {@link ValidationError} that names the parameter and the value; and the
 * `Cache-Control` lifetime of a data answer.
 *
 * @module
 */
import { ValidationError } from "../domain/errors.ts";
import { centralDayStart, validCentralDate } from "../domain/central.ts";
import { windowMs } from "../domain/duration.ts";
import { type Expr, labelProblem, parseExpr } from "../domain/expr.ts";

const DAY_MS = 86_400_000;
const YEAR_MS = 365.2425 * DAY_MS;
/** Longest window any data route reads: 10 years. */
export const MAX_WINDOW_MS: number = 10 * YEAR_MS;
/** Most series one request may name. */
export const MAX_SERIES = 50;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;
const SERIES_KEY = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*$/;

/**
 * Parses an ISO 8601 instant with `Z` or an offset; a bare `YYYY-MM-DD` is
 * that day's Central (America/Chicago) midnight.
 *
 * @example parseInstant("2025-06-01T05:00:00Z", "start")
 */
export function parseInstant(text: string, parameter: string): Date {
  const m = INSTANT.exec(text.trim());
  const date = m && validCentralDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const clockOk = m && (m[4] === undefined ||
    (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60));
  if (!m || !date || !clockOk) {
    throw new ValidationError(
      `${parameter} "${text}" is not an ISO 8601 instant with Z or an offset (e.g. 2025-06-01T05:00:00Z) or a YYYY-MM-DD date`,
      { parameter },
    );
  }
  return m[4] === undefined ? centralDayStart(date) : new Date(Date.parse(text.trim()));
}

/**
 * Milliseconds in an ISO 8601 duration (`PnYnMnWnDTnHnMnS`); a year counts
 * 365.2425 days and a month a twelfth of that.
 *
 * @example parseDuration("PT24H", "last") // 86400000
 */
export function parseDuration(text: string, parameter: string): number {
  const ms = windowMs(text.trim());
  if (ms === undefined) {
    throw new ValidationError(
      `${parameter} "${text}" is not an ISO 8601 duration (e.g. PT24H, P7D, P1M)`,
      { parameter },
    );
  }
  if (ms <= 0) throw new ValidationError(`${parameter} "${text}" is zero`, { parameter });
  return Math.round(ms);
}

/** A resolved time window; `relative` when it came from `last` (or no time at all). */
export interface Window {
  start: Date;
  end: Date;
  relative: boolean;
}

/**
 * Resolves `start`/`end` or `last` against `now`. With neither, the last 24
 * hours. A relative window ends at the next whole minute so repeated polls
 * share one cached answer. `end` alone reads the 24 hours before it; `start`
 * alone reads up to that minute.
 */
export function resolveWindow(
  q: { start?: string; end?: string; last?: string },
  now: Date,
): Window {
  if (q.last !== undefined && (q.start !== undefined || q.end !== undefined)) {
    throw new ValidationError(
      `last "${q.last}" cannot be combined with start or end; give one or the other`,
      { parameter: "last" },
    );
  }
  const nextMinute = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
  if (q.start === undefined && q.end === undefined) {
    const span = parseDuration(q.last ?? "PT24H", "last");
    checkSpan(span, "last", q.last ?? "PT24H");
    return { start: new Date(nextMinute.getTime() - span), end: nextMinute, relative: true };
  }
  const end = q.end !== undefined ? parseInstant(q.end, "end") : nextMinute;
  const start = q.start !== undefined
    ? parseInstant(q.start, "start")
    : new Date(end.getTime() - DAY_MS);
  if (start.getTime() >= end.getTime()) {
    throw new ValidationError(
      `start ${start.toISOString()} must be before end ${end.toISOString()}`,
      { parameter: "start" },
    );
  }
  checkSpan(end.getTime() - start.getTime(), "start", q.start ?? "");
  return { start, end, relative: q.end === undefined };
}

function checkSpan(ms: number, parameter: string, value: string): void {
  if (ms > MAX_WINDOW_MS) {
    throw new ValidationError(
      `The window ${value ? `from ${parameter} "${value}" ` : ""}spans ${
        Math.round(ms / DAY_MS)
      } days; the most is 10 years`,
      { parameter },
    );
  }
}

/**
 * Splits `a,b,c` into distinct series keys, checking their shape and count.
 *
 * @example parseSeriesList("spp.rt.hb_west, spp.rt.hb_north")
 */
export function parseSeriesList(text: string, parameter = "series"): string[] {
  const keys = [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
  if (keys.length === 0) {
    throw new ValidationError(`${parameter} names no series`, { parameter });
  }
  if (keys.length > MAX_SERIES) {
    throw new ValidationError(
      `${parameter} names ${keys.length} series; the most is ${MAX_SERIES}`,
      { parameter },
    );
  }
  const bad = keys.find((k) => !SERIES_KEY.test(k));
  if (bad) {
    throw new ValidationError(
      `${parameter} "${bad}" is not a series key (lower-case words joined by dots)`,
      { parameter },
    );
  }
  return keys;
}

/**
 * `Cache-Control` for a data answer. A window that ended more than two days
 * ago changes only by revision: an hour. Otherwise a quarter of the finest
 * series interval, from 5 s to 5 min.
 *
 * @example cacheControlFor(900, end, now) // "public, max-age=225"
 */
export function cacheControlFor(intervalSeconds: number, end: Date, now: Date): string {
  const historical = now.getTime() - end.getTime() > 2 * DAY_MS;
  const maxAge = historical ? 3600 : Math.min(300, Math.max(5, Math.round(intervalSeconds / 4)));
  return `public, max-age=${maxAge}`;
}

/**
 * The `series`, `expr` and `label` query parameters of a read that charts series, an
 * expression, or both (the observations read, the Explore PDF): the keys (none without
 * `series`) and the parsed expression with its label. Neither series nor expression, a label
 * without an expression, or a refused one is a `ValidationError` naming the parameter.
 */
export function parseSeriesAndExpr(
  q: { series?: string; expr?: string; label?: string },
): { keys: string[]; expr?: { expr: Expr; label: string } } {
  const expr = parseExprParams(q.expr, q.label);
  if (q.series === undefined && !expr) {
    throw new ValidationError("Give series, expr, or both", { parameter: "series" });
  }
  return { keys: q.series === undefined ? [] : parseSeriesList(q.series), expr };
}

/** The parsed expression with its label (the expression text when none), or undefined. */
function parseExprParams(
  expr: string | undefined,
  label: string | undefined,
): { expr: Expr; label: string } | undefined {
  if (expr === undefined) {
    if (label === undefined) return undefined;
    throw new ValidationError("label names no expression: give expr too", { parameter: "label" });
  }
  const parsed = parseExpr(expr);
  const problem = label === undefined ? undefined : labelProblem(label);
  if (problem) {
    throw new ValidationError(`${problem}: ${JSON.stringify(label)}`, { parameter: "label" });
  }
  return { expr: parsed, label: label?.trim() ?? parsed.text };
}
