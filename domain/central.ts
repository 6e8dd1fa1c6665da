/**
 * ERCOT's clock, US Central prevailing time (America/Chicago), on `Temporal`: the wall clock at
 * an instant, the instants of a wall-clock time, Central days of 23, 24 or 25 hours and calendar
 * steps by days and months. ERCOT's labels (dates, hour endings, DST flags, timestamps) are read
 * by `ercot_time.ts` on top of this (DESIGN.md "Time conventions").
 *
 * A wall-clock time in the repeated fall-back hour shows on the clock twice (CDT, then CST); one
 * in the spring-forward gap never does. Each function says which pass it takes.
 *
 * @module
 */
import { ParseError } from "./errors.ts";

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

/** The Central wall clock at an instant; `weekday` is 0 (Sunday) to 6. */
export interface CentralParts extends CentralDateTime {
  weekday: number;
}

/** Options naming the field a value came from, for error messages. */
export interface FieldOptions {
  /** Field (column or key) name used in error messages. */
  field?: string;
}

/** The IANA zone of ERCOT's clock. */
export const CENTRAL_ZONE = "America/Chicago";

const HOUR_MS = 3_600_000;

function zoned(instant: Date): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(CENTRAL_ZONE);
}

function plainDate(date: CentralDate): Temporal.PlainDate {
  const { year, month, day } = date;
  return Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
}

function plainDateTime(wall: CentralDateTime): Temporal.PlainDateTime {
  const { year, month, day, hour, minute, second } = wall;
  return Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, {
    overflow: "reject",
  });
}

function toDate(at: Temporal.ZonedDateTime): Date {
  return new Date(at.epochMilliseconds);
}

/**
 * Offset of Central prevailing time from UTC at `instant`, in minutes:
 * −300 during CDT, −360 during CST.
 *
 * @example centralOffsetMinutes(new Date("2025-07-01T12:00:00Z")) // -300
 */
export function centralOffsetMinutes(instant: Date): number {
  return zoned(instant).offsetNanoseconds / 60e9;
}

/**
 * The Central wall clock at an instant, to the second.
 *
 * @example centralParts(new Date("2026-11-27T18:00:00Z")).hour // 12
 */
export function centralParts(at: Date): CentralParts {
  const { year, month, day, hour, minute, second, dayOfWeek } = zoned(at);
  return { year, month, day, hour, minute, second, weekday: dayOfWeek % 7 };
}

/** The Central calendar date that contains `instant`. */
export function centralDateOf(instant: Date): CentralDate {
  const { year, month, day } = zoned(instant);
  return { year, month, day };
}

/**
 * Every instant a Central clock shows `wall`, earliest first: none in the spring-forward gap,
 * two in the repeated fall-back hour (CDT, then CST), else one.
 */
export function centralInstants(wall: CentralDateTime): Date[] {
  const local = plainDateTime(wall);
  const [first, second] = (["earlier", "later"] as const)
    .map((disambiguation) => local.toZonedDateTime(CENTRAL_ZONE, { disambiguation }));
  if (!first.toPlainDateTime().equals(local)) return [];
  return first.equals(second) ? [toDate(first)] : [toDate(first), toDate(second)];
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
  const found = centralInstants(wall);
  if (found.length === 0) {
    const field = opts.field ?? "Central time";
    throw new ParseError(
      `${field} "${
        formatWall(wall)
      }" does not exist: clocks skip that hour on a spring-forward day`,
    );
  }
  return opts.repeated ? found[found.length - 1] : found[0];
}

/**
 * The instant of a Central wall time for calendar arithmetic. Fields overflow like `Date.UTC`
 * (month 13 is January of the next year, day 0 the last day of the previous month). In the
 * repeated fall-back hour it takes the second, CST pass; a time in the spring-forward gap moves
 * an hour later.
 *
 * @example centralInstant(2026, 11, 27).toISOString() // "2026-11-27T06:00:00.000Z"
 */
export function centralInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  // One unit per step: a Temporal duration cannot mix signs (day 0 with hour 1).
  const local = new Temporal.PlainDateTime(year, 1, 1)
    .add({ months: month - 1 })
    .add({ days: day - 1 })
    .add({ seconds: (hour * 60 + minute) * 60 + second });
  return toDate(local.toZonedDateTime(CENTRAL_ZONE, { disambiguation: "later" }));
}

/** Days in a month of a year (month 1..12; others overflow into the next or previous years). */
export function daysInMonth(year: number, month: number): number {
  return new Temporal.PlainYearMonth(year, 1).add({ months: month - 1 }).daysInMonth;
}

/**
 * The instant `months` calendar months after `at` (negative: before) at the same Central wall
 * time, the day clamped to the end of a shorter month; as {@linkcode centralInstant} in the
 * repeated hour and the gap.
 *
 * @example addCentralMonths(new Date("2026-03-31T17:00:00Z"), -1) // 2026-02-28T18:00:00Z
 */
export function addCentralMonths(at: Date, months: number): Date {
  if (months === 0) return new Date(at);
  const local = zoned(at).toPlainDateTime().add({ months });
  return toDate(local.toZonedDateTime(CENTRAL_ZONE, { disambiguation: "later" }));
}

/** The Central date `days` days after `date` (negative: before). */
export function addCentralDays(date: CentralDate, days: number): CentralDate {
  const { year, month, day } = plainDate(date).add({ days });
  return { year, month, day };
}

/** `{ year, month, day }` when it names a calendar date, else null (February 30, month 13). */
export function validCentralDate(year: number, month: number, day: number): CentralDate | null {
  try {
    plainDate({ year, month, day });
  } catch {
    return null;
  }
  return { year, month, day };
}

/** UTC instant of local midnight that starts a Central day. */
export function centralDayStart(date: CentralDate): Date {
  return toDate(plainDate(date).toZonedDateTime(CENTRAL_ZONE));
}

/** UTC instant that ends a Central day (exclusive): the next day's local midnight. */
export function centralDayEnd(date: CentralDate): Date {
  return centralDayStart(addCentralDays(date, 1));
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
