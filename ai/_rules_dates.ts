/**
 * Calendar pieces of plain-English requests: date expressions ("Feb 14 2021", "2021-02-14",
 * "February 2021", "2021") and the Central-time spans they cover.
 *
 * @module
 */
import { centralInstant, centralParts, daysInMonth } from "../domain/central.ts";

const MONTH_SHORT = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const MONTH_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Regex source of a month name, e.g. `feb`, `february`, `sept.`. */
export const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?` +
  String.raw`|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
/** Regex source of a four-digit year 1900–2099. */
export const YEAR = String.raw`(?:19|20)\d{2}`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?(?!\d)`;
/** Regex source of a day: ISO, US numeric, "Feb 14[, 2021]" or "14 Feb[ 2021]". */
export const DAY_DATE = [
  String.raw`${YEAR}-\d{1,2}-\d{1,2}`,
  String.raw`\d{1,2}/\d{1,2}(?:/(?:${YEAR}|\d{2}))?(?![\d/])`,
  String.raw`${MONTH}\s+${DAY}(?:,?\s+${YEAR})?`,
  String.raw`${DAY}\s+(?:of\s+)?${MONTH}(?:,?\s+${YEAR})?`,
].join("|");
/** Regex source of any date expression: a day, a month with optional year, or a year. */
export const ANY_DATE = `(?:${DAY_DATE}|${MONTH}(?:,?\\s+${YEAR})?|${YEAR})`;

/** A date expression as read: a day, a month or a year; `y` may be missing. */
export interface DateRef {
  y?: number;
  m?: number;
  d?: number;
}

/** A resolved `[start, end)` with its title label. */
export interface Span {
  start: Date;
  end: Date;
  label: string;
}

const READERS: [RegExp, (g: string[]) => DateRef][] = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, ([y, m, d]) => ({ y: +y, m: +m, d: +d })],
  [/^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/, ([m, d, y]) => ({ y: shortYear(y), m: +m, d: +d })],
  [
    /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/,
    ([m, d, y]) => ({ y: opt(y), m: month(m), d: +d }),
  ],
  [
    /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$/,
    ([d, m, y]) => ({ y: opt(y), m: month(m), d: +d }),
  ],
  [/^([a-z]+)\.?(?:,?\s+(\d{4}))?$/, ([m, y]) => ({ y: opt(y), m: month(m) })],
  [/^(\d{4})$/, ([y]) => ({ y: +y })],
];

function opt(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function shortYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function month(name: string): number {
  return MONTH_SHORT.findIndex((s) => name.startsWith(s.toLowerCase())) + 1;
}

/** Reads a date expression matched by {@link ANY_DATE}. */
export function readDateRef(text: string): DateRef {
  const clean = text.trim().replace(/\s+/g, " ");
  for (const [re, make] of READERS) {
    const m = re.exec(clean);
    if (m) return make(m.slice(1));
  }
  return {};
}

/** The title label of a Central day, e.g. `Feb 14, 2021`; fields overflow like `Date.UTC`. */
function dayLabel(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${MONTH_SHORT[t.getUTCMonth()]} ${t.getUTCDate()}, ${t.getUTCFullYear()}`;
}

/** The Central span of a date reference with a year, or an error naming the bad date. */
export function refSpan(ref: DateRef): Span | string {
  const { y, m, d } = ref;
  if (y === undefined) return "Date has no year";
  if (m === undefined) {
    return { start: centralInstant(y, 1, 1), end: centralInstant(y + 1, 1, 1), label: `${y}` };
  }
  if (m < 1 || m > 12) return `Month ${m} does not exist`;
  if (d === undefined) {
    return {
      start: centralInstant(y, m, 1),
      end: centralInstant(y, m + 1, 1),
      label: `${MONTH_LONG[m - 1]} ${y}`,
    };
  }
  if (d < 1 || d > daysInMonth(y, m)) return `There is no ${MONTH_LONG[m - 1]} ${d}, ${y}`;
  return {
    start: centralInstant(y, m, d),
    end: centralInstant(y, m, d + 1),
    label: dayLabel(y, m, d),
  };
}

/**
 * A reference with its year filled: `year` when given, else the Central year of `now`, stepped
 * back a year when that would start in the future ("in March" asked in January).
 */
export function withYear(ref: DateRef, now: Date, year?: number): DateRef {
  if (ref.y !== undefined) return ref;
  if (year !== undefined) return { ...ref, y: year };
  const current = { ...ref, y: centralParts(now).year };
  const span = refSpan(current);
  return typeof span !== "string" && span.start > now ? { ...ref, y: current.y - 1 } : current;
}

/**
 * The span from the start of `a` to the end of `b` (inclusive of the whole of `b`), sharing a
 * year named on one side only: "Feb 13 to Feb 19, 2021", "Dec 20 to Jan 5 2021" (a later month
 * before an earlier one crosses a new year).
 */
export function rangeSpan(a: DateRef, b: DateRef, now: Date): Span | string {
  let [from, to] = [a, b];
  if (to.y === undefined && from.y !== undefined) {
    to = withYear(to, now, from.y + ((to.m ?? 13) < (from.m ?? 0) ? 1 : 0));
  } else if (from.y === undefined) {
    to = withYear(to, now);
    from = withYear(from, now, (to.y as number) - ((from.m ?? 0) > (to.m ?? 13) ? 1 : 0));
  }
  const first = refSpan(from);
  const last = refSpan(to);
  if (typeof first === "string") return first;
  if (typeof last === "string") return last;
  if (last.end <= first.start) {
    return `Range from ${first.label} to ${last.label} ends before it starts`;
  }
  return { start: first.start, end: last.end, label: `${first.label} to ${last.label}` };
}

/** The Central day `days` after the local day of `now`. */
export function localDay(now: Date, days = 0): Span {
  const p = centralParts(now);
  const start = centralInstant(p.year, p.month, p.day + days);
  return {
    start,
    end: centralInstant(p.year, p.month, p.day + days + 1),
    label: dayLabel(p.year, p.month, p.day + days),
  };
}

/** The Central month `back` months before that of `now`; to `now` itself when `toNow`. */
export function monthSpan(now: Date, back: number, toNow = false): Span {
  const p = centralParts(now);
  const first = new Date(Date.UTC(p.year, p.month - 1 - back, 1));
  const label = `${MONTH_LONG[first.getUTCMonth()]} ${first.getUTCFullYear()}`;
  return {
    start: centralInstant(p.year, p.month - back, 1),
    end: toNow ? now : centralInstant(p.year, p.month - back + 1, 1),
    label: toNow ? `${label} to date` : label,
  };
}

/** The Central year `back` years before that of `now`; to `now` itself when `toNow`. */
export function yearSpan(now: Date, back: number, toNow = false): Span {
  const y = centralParts(now).year - back;
  const end = toNow ? now : centralInstant(y + 1, 1, 1);
  return { start: centralInstant(y, 1, 1), end, label: toNow ? `${y} to date` : `${y}` };
}

/** A Central calendar quarter: `back` quarters before that of `now`, or `quarter` of `year`. */
export function quarterSpan(now: Date, back: number, year?: number, quarter?: number): Span {
  const p = centralParts(now);
  const index = year === undefined
    ? p.year * 4 + Math.floor((p.month - 1) / 3) - back
    : year * 4 + (quarter as number) - 1;
  const [y, q] = [Math.floor(index / 4), index % 4];
  return {
    start: centralInstant(y, q * 3 + 1, 1),
    end: centralInstant(y, q * 3 + 4, 1),
    label: `Q${q + 1} ${y}`,
  };
}

/** The Monday-to-Monday Central week of `now`; to `now` itself when `toNow`. */
export function weekSpan(now: Date, toNow: boolean): Span {
  const p = centralParts(now);
  const monday = p.day - (p.weekday + 6) % 7;
  const end = toNow ? now : centralInstant(p.year, p.month, monday + 7);
  return {
    start: centralInstant(p.year, p.month, monday),
    end,
    label: `week of ${dayLabel(p.year, p.month, monday)}`,
  };
}

/**
 * The latest Central day named `name` (`mon`, `tue`, ...) on or before today, strictly before
 * today when `strictlyBefore` ("last Monday").
 */
export function weekdaySpan(now: Date, name: string, strictlyBefore: boolean): Span {
  const wanted = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].indexOf(name);
  const back = (centralParts(now).weekday - wanted + 7) % 7 || (strictlyBefore ? 7 : 0);
  return localDay(now, -back);
}
