/**
 * ERCOT time conventions: Central prevailing time (America/Chicago) to UTC,
 * hour-ending labels, DST flags and Central-time day boundaries.
 *
 * No timezone library: offsets come from `Intl.DateTimeFormat`, and a local
 * wall-clock time is resolved by trying both Central offsets (CDT, UTC−5, and
 * CST, UTC−6) and keeping those that format back to the same wall clock.
 *
 * Errors are `ParseError`s whose message starts with the field name and the
 * offending value (`DeliveryHour "26" is not an hour ending 1-24`), so a feed
 * parser can prefix the file and row.
 *
 * @module
 */
import { ParseError } from "../errors.ts";

/** A calendar date in Central prevailing time. */
export interface CentralDate {
  year: number;
  month: number;
  day: number;
}

/** A Central wall-clock date and time (24-hour clock). */
export interface CentralDateTime extends CentralDate {
  hour: number;
  minute: number;
  second: number;
}

/** Options naming the field a value came from, for error messages. */
export interface FieldOptions {
  /** Field (column or key) name used in error messages. */
  field?: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const QUARTER_MS = 15 * MINUTE_MS;
/** Central offsets to try, in minutes east of UTC: CDT first, then CST. */
const CENTRAL_OFFSETS = [-300, -360];

const CENTRAL = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Chicago",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function wallClock(ms: number): CentralDateTime {
  const parts: Record<string, number> = {};
  for (const part of CENTRAL.formatToParts(new Date(ms))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts;
  return { year, month, day, hour, minute, second };
}

function wallMs(t: CentralDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/**
 * Offset of Central prevailing time from UTC at `instant`, in minutes:
 * −300 during CDT, −360 during CST.
 *
 * @example centralOffsetMinutes(new Date("2025-07-01T12:00:00Z")) // -300
 */
export function centralOffsetMinutes(instant: Date): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return (wallMs(wallClock(ms)) - ms) / MINUTE_MS;
}

/** Every UTC instant (ms) showing `wall` on a Central clock: none, one, or two (fall-back). */
function instantsOf(wall: CentralDateTime): number[] {
  const naive = wallMs(wall);
  return CENTRAL_OFFSETS.map((offset) => naive - offset * MINUTE_MS)
    .filter((ms) => centralOffsetMinutes(new Date(ms)) === (naive - ms) / MINUTE_MS);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Formats a Central date as `YYYY-MM-DD`. */
export function formatCentralDate(date: CentralDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

function formatWall(t: CentralDateTime): string {
  return `${formatCentralDate(t)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/**
 * UTC instant of a Central wall-clock time. During the repeated fall-back
 * hour `repeated: false` (DSTFlag `N`, the default) picks the first, CDT
 * pass and `repeated: true` (DSTFlag `Y`) the second, CST pass; outside that
 * hour the flag has no effect. A time skipped by spring-forward is rejected.
 *
 * @example centralToUtc({ year: 2025, month: 11, day: 2, hour: 1, minute: 0, second: 0 },
 *   { repeated: true }) // 2025-11-02T07:00:00Z
 */
export function centralToUtc(
  wall: CentralDateTime,
  opts: { repeated?: boolean } & FieldOptions = {},
): Date {
  const found = instantsOf(wall);
  if (found.length === 0) {
    const field = opts.field ?? "Central time";
    throw new ParseError(
      `${field} "${
        formatWall(wall)
      }" does not exist: clocks skip that hour on a spring-forward day`,
    );
  }
  return new Date(opts.repeated ? found[found.length - 1] : found[0]);
}

/** The Central calendar date that contains `instant`. */
export function centralDateOf(instant: Date): CentralDate {
  const { year, month, day } = wallClock(instant.getTime());
  return { year, month, day };
}

function addDays(date: CentralDate, days: number): CentralDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** UTC instant of local midnight that starts a Central day. */
export function centralDayStart(date: CentralDate): Date {
  return centralToUtc({ ...date, hour: 0, minute: 0, second: 0 });
}

/** UTC instant that ends a Central day (exclusive): the next day's local midnight. */
export function centralDayEnd(date: CentralDate): Date {
  return centralDayStart(addDays(date, 1));
}

/** Hours in a Central day: 23 on spring-forward day, 25 on fall-back day, else 24. */
export function hoursInCentralDay(date: CentralDate): number {
  return (centralDayEnd(date).getTime() - centralDayStart(date).getTime()) / HOUR_MS;
}

/** Quarter-hours in a Central day: 92, 96 or 100. */
export function quarterHoursInCentralDay(date: CentralDate): number {
  return hoursInCentralDay(date) * 4;
}

/** Whether the Central day repeats an hour (first Sunday of November). */
export function isFallBackDay(date: CentralDate): boolean {
  return hoursInCentralDay(date) === 25;
}

function validDate(year: number, month: number, day: number): CentralDate | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  const ok = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day;
  return ok ? { year, month, day } : null;
}

/**
 * Parses an ERCOT date, `MM/DD/YYYY` or `YYYY-MM-DD`.
 *
 * @example parseCentralDate("11/02/2025") // { year: 2025, month: 11, day: 2 }
 */
export function parseCentralDate(text: string, opts: FieldOptions = {}): CentralDate {
  const s = text.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const date = us
    ? validDate(Number(us[3]), Number(us[1]), Number(us[2]))
    : iso
    ? validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    : null;
  if (!date) {
    throw new ParseError(
      `${opts.field ?? "Date"} "${text}" is not a date (MM/DD/YYYY or YYYY-MM-DD)`,
    );
  }
  return date;
}

/**
 * Parses an hour-ending label: `"01:00"`, `"1:00"`, `"24:00"`, `14`, `"01"`,
 * `"1"`; 25 is accepted here and checked against the day by
 * {@linkcode hourEndingStart}. HE 0, 26 or `"24:30"` are rejected.
 */
export function parseHourEnding(label: string | number, opts: FieldOptions = {}): number {
  const m = /^(\d{1,2})(?::00)?$/.exec(String(label).trim());
  const he = m ? Number(m[1]) : NaN;
  if (!(he >= 1 && he <= 25)) {
    throw new ParseError(`${opts.field ?? "Hour ending"} "${label}" is not an hour ending 1-24`);
  }
  return he;
}

/** Parses a 15-minute interval number within an hour, 1-4. */
export function parseQuarterHourInterval(label: string | number, opts: FieldOptions = {}): number {
  const s = String(label).trim();
  const n = /^\d$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= 4)) {
    throw new ParseError(`${opts.field ?? "Interval"} "${label}" is not 1-4`);
  }
  return n;
}

/**
 * Parses a DST flag: `Y`/`N` (any case) or boolean `true`/`false` (also as
 * text). `true` marks the second, CST pass of the repeated hour.
 */
export function parseDstFlag(value: unknown, opts: FieldOptions = {}): boolean {
  if (typeof value === "boolean") return value;
  const s = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (s === "y" || s === "true") return true;
  if (s === "n" || s === "false") return false;
  throw new ParseError(`${opts.field ?? "DSTFlag"} "${String(value)}" is not Y or N`);
}

/** Options for {@linkcode hourEndingStart}. */
export interface HourEndingOptions extends FieldOptions {
  /**
   * The row's DST flag (true = second pass). Omit it for files without a
   * flag: on the fall-back day their hours then count elapsed hours from
   * midnight, HE 1…25 (NP3-911-ER); on other days the flag makes no difference.
   */
  dst?: boolean;
  /** 15-minute interval within the hour, 1-4; adds (interval − 1) × 15 min. */
  interval?: number;
}

/**
 * UTC start of the interval labelled by a delivery date and hour ending:
 * local midnight + (HE − 1) h (+ (interval − 1) × 15 min). With a DST flag
 * the hour is read on the wall clock and the flag picks the pass of the
 * repeated hour. Without a flag, HE 25 is allowed on a fall-back day only;
 * the hour skipped on a spring-forward day (HE 3) is rejected.
 *
 * @example hourEndingStart({ year: 2025, month: 11, day: 2 }, 2, { dst: true })
 * // 2025-11-02T07:00:00Z (01:00 CST)
 */
export function hourEndingStart(
  date: CentralDate,
  hourEnding: number,
  opts: HourEndingOptions = {},
): Date {
  const field = opts.field ?? "Hour ending";
  const interval = opts.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 4) {
    throw new ParseError(`Interval "${interval}" is not 1-4`);
  }
  const elapsed = opts.dst === undefined && isFallBackDay(date);
  const last = elapsed ? 25 : 24;
  if (!Number.isInteger(hourEnding) || hourEnding < 1 || hourEnding > last) {
    throw new ParseError(
      `${field} "${hourEnding}" is not an hour ending 1-${last} on ${formatCentralDate(date)}`,
    );
  }
  const found = elapsed
    ? [centralDayStart(date).getTime() + (hourEnding - 1) * HOUR_MS]
    : instantsOf({ ...date, hour: hourEnding - 1, minute: 0, second: 0 });
  if (found.length === 0) {
    throw new ParseError(
      `${field} "${hourEnding}" does not exist on ${
        formatCentralDate(date)
      }: clocks skip that hour on a spring-forward day`,
    );
  }
  const start = opts.dst ? found[found.length - 1] : found[0];
  return new Date(start + (interval - 1) * QUARTER_MS);
}

const TIMESTAMP =
  /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\/(\d{1,2})\/(\d{4}))[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

function parseOffsetMinutes(text: string): number {
  if (text === "Z") return 0;
  const digits = text.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return text[0] === "-" ? -minutes : minutes;
}

/**
 * Parses an ERCOT timestamp: `YYYY-MM-DD HH:MM[:SS]` or `MM/DD/YYYY HH:MM[:SS]`,
 * with an optional offset (`-0500`, `-05:00`, `Z`). With an offset the
 * instant is exact; without one it is Central wall-clock time and `repeated`
 * picks the pass of the repeated fall-back hour (see {@linkcode centralToUtc}).
 *
 * @example parseCentralTimestamp("2025-10-08 00:04:56-0500") // 2025-10-08T05:04:56Z
 * @example parseCentralTimestamp("06/25/2026 00:40:18") // 2026-06-25T05:40:18Z
 */
export function parseCentralTimestamp(
  text: string,
  opts: { repeated?: boolean } & FieldOptions = {},
): Date {
  const field = opts.field ?? "Timestamp";
  const m = TIMESTAMP.exec(text.trim());
  const date = m &&
    (m[1]
      ? validDate(Number(m[1]), Number(m[2]), Number(m[3]))
      : validDate(Number(m[6]), Number(m[4]), Number(m[5])));
  const hour = m ? Number(m[7]) : NaN;
  const minute = m ? Number(m[8]) : NaN;
  const second = m?.[9] ? Number(m[9]) : 0;
  if (!m || !date || hour > 23 || minute > 59 || second > 59) {
    throw new ParseError(`${field} "${text}" is not a timestamp`);
  }
  const wall = { ...date, hour, minute, second };
  if (m[10]) return new Date(wallMs(wall) - parseOffsetMinutes(m[10]) * MINUTE_MS);
  return centralToUtc(wall, { repeated: opts.repeated, field });
}
