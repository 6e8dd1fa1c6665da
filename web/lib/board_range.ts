/**
 * A dashboard's shared time range, kept in the URL so a reload or a shared
 * link shows the same window: `?range=P7D` (any ISO 8601 duration ending
 * now), `?range=today`, `yesterday` or `month` (Central calendar), or
 * `?from=2026-06-01&to=2026-06-07` (Central dates, both days included).
 * No range means every panel shows its own.
 *
 * @module
 */
import { CENTRAL, durationMs, durationText } from "./format.ts";

/** A dashboard-wide range. */
export type BoardRange =
  | { kind: "last"; last: string }
  | { kind: "today" | "yesterday" | "month" }
  | { kind: "dates"; from: string; to: string };

/** What the URL asked for: a range (null for the panels' own), and why it was refused. */
export interface ParsedRange {
  range: BoardRange | null;
  /** Set when the URL's range is invalid and was ignored. */
  problem?: string;
}

/** Relative presets offered as buttons: URL value and label. */
export const BOARD_PRESETS: [string, string][] = [
  ["P1D", "Last 24 h"],
  ["P7D", "Last 7 d"],
  ["today", "Today"],
  ["yesterday", "Yesterday"],
  ["month", "This month"],
];

const DAY_MS = 86_400_000;
const MAX_SPAN_MS = 20 * 365.2425 * DAY_MS;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NAMED = new Set(["today", "yesterday", "month"]);

/** Why `text` is not a `YYYY-MM-DD` calendar date, or undefined when it is one. */
function dateProblem(name: string, text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return `${name} "${text}" is not a date like 2026-06-01`;
  const [y, mo, d] = m.slice(1).map(Number);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return `${name} "${text}" is not a calendar date`;
  }
  return undefined;
}

/**
 * Reads the range from a query string. An invalid one is ignored with a
 * `problem` that says what was wrong, so the page can say so.
 *
 * @example parseBoardRange(new URLSearchParams("range=P7D")) // { range: { kind: "last", last: "P7D" } }
 */
export function parseBoardRange(q: URLSearchParams): ParsedRange {
  const range = q.get("range");
  const from = q.get("from");
  const to = q.get("to");
  if (range !== null && (from !== null || to !== null)) {
    return { range: null, problem: "Give either range or from and to, not both" };
  }
  if (range !== null) {
    if (NAMED.has(range)) return { range: { kind: range as "today" } };
    const ms = durationMs(range);
    if (!Number.isFinite(ms) || ms <= 0) {
      return {
        range: null,
        problem: `Range "${range}" is not one of today, yesterday, month or a duration like P7D`,
      };
    }
    if (ms > MAX_SPAN_MS) return { range: null, problem: `Range "${range}" is over 20 years` };
    return { range: { kind: "last", last: range } };
  }
  if (from === null && to === null) return { range: null };
  if (from === null || to === null) {
    return { range: null, problem: `Give both from and to (got only ${from ? "from" : "to"})` };
  }
  const problem = dateProblem("From", from) ?? dateProblem("To", to);
  if (problem) return { range: null, problem };
  if (from > to) return { range: null, problem: `From ${from} is after to ${to}` };
  if (Date.parse(to) - Date.parse(from) > MAX_SPAN_MS) {
    return { range: null, problem: `From ${from} to ${to} is over 20 years` };
  }
  return { range: { kind: "dates", from, to } };
}

/** The query string for a range (`""` for none), e.g. `?range=P7D`. */
export function boardRangeQuery(range: BoardRange | null): string {
  if (!range) return "";
  if (range.kind === "dates") return `?from=${range.from}&to=${range.to}`;
  return `?range=${range.kind === "last" ? range.last : range.kind}`;
}

const wallParts = new Intl.DateTimeFormat("en-US", {
  timeZone: CENTRAL,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

/** The Central wall clock at `ms` as if it were UTC, epoch ms. */
function wallMs(ms: number): number {
  const p = Object.fromEntries(wallParts.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The Central calendar date at `ms`, as `[year, month, day]`. */
function centralDate(ms: number): [number, number, number] {
  const d = new Date(wallMs(ms));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * The Central calendar date (`YYYY-MM-DD`) and wall-clock hour (0–23) of `ms`. Both passes of
 * the repeated hour on a fall-back day read hour 1; a spring-forward day has no hour 2.
 *
 * @example centralDayHour(Date.parse("2025-11-02T07:30:00Z")) // { date: "2025-11-02", hour: 1 }
 */
export function centralDayHour(ms: number): { date: string; hour: number } {
  const d = new Date(wallMs(ms));
  return { date: d.toISOString().slice(0, 10), hour: d.getUTCHours() };
}

/** Epoch ms of Central midnight starting a day (fields overflow like `Date.UTC`). */
export function centralMidnight(year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  // Midnight is never in a DST gap in Chicago, so two offset lookups settle it.
  let ms = wall + 6 * 3_600_000;
  for (let i = 0; i < 2; i++) ms = wall - (wallMs(ms) - ms);
  return ms;
}

/** Epoch ms of Central midnight starting a `YYYY-MM-DD` date. */
export function centralDateStart(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return centralMidnight(y, m, d);
}

/** The `YYYY-MM-DD` Central date containing `ms`. */
export function centralDateText(ms: number): string {
  const [y, m, d] = centralDate(ms);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The absolute window `[start, end)` of a range at `now`, epoch ms. "today"
 * and "this month" end now (at least a minute after they start).
 */
export function boardWindow(range: BoardRange, now: number): { start: number; end: number } {
  if (range.kind === "last") return { start: now - durationMs(range.last), end: now };
  if (range.kind === "dates") {
    const [y, m, d] = range.to.split("-").map(Number);
    return { start: centralDateStart(range.from), end: centralMidnight(y, m, d + 1) };
  }
  const [y, m, d] = centralDate(now);
  if (range.kind === "yesterday") {
    return { start: centralMidnight(y, m, d - 1), end: centralMidnight(y, m, d) };
  }
  const start = range.kind === "today" ? centralMidnight(y, m, d) : centralMidnight(y, m, 1);
  return { start, end: Math.max(now, start + 60_000) };
}

/**
 * The data API's range parameters for a range: `last` for a duration (so the
 * server's clock ends it), else `start` and `end` instants.
 */
export function boardRangeParams(
  range: BoardRange,
  now: number,
): { last: string } | { start: string; end: string } {
  if (range.kind === "last") return { last: range.last };
  const w = boardWindow(range, now);
  return { start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() };
}

/** A range in words, e.g. "last 7 days", "2026-06-01 to 2026-06-07 (Central)". */
export function boardRangeText(range: BoardRange): string {
  if (range.kind === "last") return `last ${durationText(range.last)}`;
  if (range.kind === "dates") return `${range.from} to ${range.to} (Central)`;
  return range.kind === "month" ? "this month" : range.kind;
}
