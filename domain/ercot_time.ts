/**
 * ERCOT's time labels read into Central dates and UTC instants (DESIGN.md "Time conventions"):
 * delivery dates, hour-ending labels 1..24 (25 on a fall-back day in files without a DST flag),
 * 15-minute interval numbers, DST flags (`Y` marks the second, CST pass of the repeated hour)
 * and timestamps; and the API's `YYYY-MM-DD` Central dates. The clock itself is `central.ts`.
 *
 * Errors are `ParseError`s whose message starts with the field name and the
 * offending value (`DeliveryHour "26" is not an hour ending 1-24`), so a feed
 * parser can prefix the file and row.
 *
 * @module
 */
import { ParseError, ValidationError } from "./errors.ts";
import {
  type CentralDate,
  centralDayStart,
  centralInstants,
  centralToUtc,
  type FieldOptions,
  formatCentralDate,
  isFallBackDay,
  validCentralDate,
} from "./central.ts";

const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;

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
    ? validCentralDate(Number(us[3]), Number(us[1]), Number(us[2]))
    : iso
    ? validCentralDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    : null;
  if (!date) {
    throw new ParseError(
      `${opts.field ?? "Date"} "${text}" is not a date (MM/DD/YYYY or YYYY-MM-DD)`,
    );
  }
  return date;
}

/**
 * Parses a `YYYY-MM-DD` Central date given as the request parameter `parameter`; anything else
 * is a {@link ValidationError} naming the parameter and the value.
 *
 * @example parseCentralDay("2025-11-02", "start_date") // { year: 2025, month: 11, day: 2 }
 */
export function parseCentralDay(text: string, parameter: string): CentralDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = m && validCentralDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) {
    throw new ValidationError(`${parameter} "${text}" is not a date (YYYY-MM-DD)`, { parameter });
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
    ? [new Date(centralDayStart(date).getTime() + (hourEnding - 1) * HOUR_MS)]
    : centralInstants({ ...date, hour: hourEnding - 1, minute: 0, second: 0 });
  if (found.length === 0) {
    throw new ParseError(
      `${field} "${hourEnding}" does not exist on ${
        formatCentralDate(date)
      }: clocks skip that hour on a spring-forward day`,
    );
  }
  const start = opts.dst ? found[found.length - 1] : found[0];
  return new Date(start.getTime() + (interval - 1) * QUARTER_MS);
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
      ? validCentralDate(Number(m[1]), Number(m[2]), Number(m[3]))
      : validCentralDate(Number(m[6]), Number(m[4]), Number(m[5])));
  const hour = m ? Number(m[7]) : NaN;
  const minute = m ? Number(m[8]) : NaN;
  const second = m?.[9] ? Number(m[9]) : 0;
  if (!m || !date || hour > 23 || minute > 59 || second > 59) {
    throw new ParseError(`${field} "${text}" is not a timestamp`);
  }
  const wall = { ...date, hour, minute, second };
  if (!m[10]) return centralToUtc(wall, { repeated: opts.repeated, field });
  const utc = Temporal.PlainDateTime.from(wall).toZonedDateTime("UTC").epochMilliseconds;
  return new Date(utc - parseOffsetMinutes(m[10]) * 60_000);
}
