/**
 * US Central (America/Chicago) wall-clock arithmetic for calendar words: local dates of an
 * instant, and the instant of a local wall time. DST-aware: a local day is 23, 24 or 25 hours.
 *
 * @module
 */

/** A Central-time wall-clock date and time; `weekday` is 0 (Sunday) to 6. */
export interface CentralParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const FORMAT = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Chicago",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  weekday: "short",
});
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The Central-time wall clock at an instant. */
export function centralParts(at: Date): CentralParts {
  const p: Record<string, string> = {};
  for (const { type, value } of FORMAT.formatToParts(at)) p[type] = value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAYS.indexOf(p.weekday),
  };
}

function offsetAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = centralParts(new Date(whole));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/**
 * The instant of a Central wall time. Fields overflow like `Date.UTC` (month 13 is January of
 * the next year, day 0 the last day of the previous month).
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
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const guess = naive - offsetAt(naive + 6 * 3600_000);
  return new Date(naive - offsetAt(guess));
}

/** Days in a month of a year (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant `months` calendar months after `at` (negative: before) at the same Central wall
 * time, the day clamped to the end of a shorter month.
 */
export function addCentralMonths(at: Date, months: number): Date {
  if (months === 0) return new Date(at);
  const p = centralParts(at);
  const index = p.year * 12 + p.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  const wall = centralInstant(year, month, day, p.hour, p.minute, p.second);
  return new Date(wall.getTime() + at.getUTCMilliseconds());
}
