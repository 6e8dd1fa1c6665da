/**
 * Time phrases of plain-English requests (conventions in shared/ai-eval/README.md): rolling
 * windows ending now ("last 24 hours", "past week"), Central-time calendar spans ("yesterday",
 * "last month", "February 2021", "Feb 13 to Feb 19, 2021", "year to date") and the current value
 * ("now", "latest").
 *
 * @module
 */
import { formatInstant, type VizRange } from "../domain/vizspec.ts";
import { addCentralMonths } from "../domain/central.ts";
import {
  ANY_DATE,
  DAY_DATE,
  localDay,
  MONTH,
  monthSpan,
  quarterSpan,
  rangeSpan,
  readDateRef,
  refSpan,
  type Span,
  weekdaySpan,
  weekSpan,
  withYear,
  YEAR,
  yearSpan,
} from "./_rules_dates.ts";

/** What a request says about time. */
export interface TimeReading {
  /** The window to chart. */
  range: VizRange;
  /** How the title names the window, e.g. `last 24 hours`, `Feb 14, 2021`. */
  label: string;
  /** True when the request asks for the current value and names no window. */
  current: boolean;
}

type Found = { range: VizRange; label: string } | string;
type Rule = [RegExp, (m: string[], now: Date) => Found];

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  few: 3,
};
const NUM = `(\\d{1,4}|couple(?:\\s+of)?|${Object.keys(NUMBER_WORDS).join("|")})`;
const UNIT = String.raw`(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?` +
  String.raw`|quarters?|qtrs?|years?|yrs?|y)`;
const WEEKDAY = String.raw`(sun|mon|tue|wed|thu|fri|sat)(?:day|s|sday|nesday|rs|rsday|urday)?` +
  String.raw`(?![a-z])`;
const WEEKDAY_ONLY = new RegExp(`^${WEEKDAY}$`);
const LEAD = String.raw`\b(?:(?:over|in|for|during|within|from)\s+)?(?:the\s+)?`;

function count(word: string | undefined): number {
  if (word === undefined) return 1;
  if (/^\d/.test(word)) return Number(word);
  return word.startsWith("couple") ? 2 : NUMBER_WORDS[word];
}

type Unit = "minute" | "hour" | "day" | "week" | "month" | "quarter" | "year";

function unitOf(word: string): Unit {
  if (word.startsWith("mo")) return "month";
  if (word.startsWith("m")) return "minute";
  return ({ h: "hour", d: "day", w: "week", q: "quarter", y: "year" } as const)[
    word[0] as "h" | "d" | "w" | "q" | "y"
  ];
}

function isoDuration(n: number, unit: Unit): string {
  const forms: Record<Unit, string> = {
    minute: `PT${n}M`,
    hour: `PT${n}H`,
    day: `P${n}D`,
    week: `P${n * 7}D`,
    month: `P${n}M`,
    quarter: `P${n * 3}M`,
    year: `P${n}Y`,
  };
  return forms[unit];
}

function span(s: Span): Found {
  return { range: { start: formatInstant(s.start), end: formatInstant(s.end) }, label: s.label };
}

function checked(s: Span | string): Found {
  return typeof s === "string" ? s : span(s);
}

function rolling(qualifier: string, n: string | undefined, unitWord: string, now: Date): Found {
  const unit = unitOf(unitWord);
  const calendar = n === undefined && /^(last|previous|prior)$/.test(qualifier);
  if (calendar && unit === "month") return span(monthSpan(now, 1));
  if (calendar && unit === "quarter") return span(quarterSpan(now, 1));
  if (calendar && unit === "year") return span(yearSpan(now, 1));
  const k = count(n);
  const label = k > 1
    ? `last ${k} ${unit}s`
    : /month|quarter|year/.test(unit)
    ? `past ${unit}`
    : `last ${unit}`;
  return { range: { last: isoDuration(k, unit) }, label };
}

const UNIT_SIZE: Record<Unit, { months: number; ms: number }> = {
  minute: { months: 0, ms: 60e3 },
  hour: { months: 0, ms: 3600e3 },
  day: { months: 0, ms: 864e5 },
  week: { months: 0, ms: 6048e5 },
  month: { months: 1, ms: 0 },
  quarter: { months: 3, ms: 0 },
  year: { months: 12, ms: 0 },
};

function ahead(n: string | undefined, unitWord: string, now: Date): Found {
  const unit = unitOf(unitWord);
  const k = count(n);
  const size = UNIT_SIZE[unit];
  const end = size.months
    ? addCentralMonths(now, size.months * k)
    : new Date(now.getTime() + size.ms * k);
  return span({ start: now, end, label: k === 1 ? `next ${unit}` : `next ${k} ${unit}s` });
}

function since(what: string, now: Date): Found {
  const day = /^(yesterday|midnight|today)$/.exec(what);
  const weekday = WEEKDAY_ONLY.exec(what);
  const start = day
    ? localDay(now, day[1] === "yesterday" ? -1 : 0)
    : weekday
    ? weekdaySpan(now, weekday[1], false)
    : refSpan(withYear(readDateRef(what), now));
  if (typeof start === "string") return start;
  if (start.start >= now) return `Window since ${start.label} starts in the future`;
  return span({ start: start.start, end: now, label: `since ${start.label}` });
}

function between(a: string, b: string, now: Date): Found {
  const from = readDateRef(a);
  if (/^(now|today|present)$/.test(b)) {
    const first = refSpan(withYear(from, now));
    if (typeof first === "string") return first;
    const end = b === "today" ? localDay(now).end : now;
    return checked(
      end > first.start
        ? { ...first, end, label: `${first.label} to ${b}` }
        : "Range ends before it starts",
    );
  }
  return checked(rangeSpan(from, readDateRef(b), now));
}

const re = (source: string) => new RegExp(source);
const TO = String.raw`\s*(?:-|to|through|thru|until|till)\s*`;
const TO_OR_AND = String.raw`\s*(?:-|to|through|thru|until|till|and)\s*`;
const ORD = String.raw`(?:st|nd|rd|th)?`;

const RULES: Rule[] = [
  [
    re(`\\b(?:from\\s+)?(${ANY_DATE})${TO}(${ANY_DATE}|now|today|present)\\b`),
    ([a, b], now) => between(a, b, now),
  ],
  [
    re(`\\bbetween\\s+(${ANY_DATE})\\s+and\\s+(${ANY_DATE}|now|today)\\b`),
    ([a, b], now) => between(a, b, now),
  ],
  [
    re(
      `\\b(?:from\\s+|between\\s+)?(${MONTH})\\s+(\\d{1,2})${ORD}${TO_OR_AND}(\\d{1,2})${ORD}(?!\\d)(?:,?\\s+(${YEAR}))?\\b`,
    ),
    ([m, d1, d2, y], now) =>
      between(`${m} ${d1}${y ? ` ${y}` : ""}`, `${m} ${d2}${y ? ` ${y}` : ""}`, now),
  ],
  [
    re(
      `\\b(?:since|starting(?:\\s+(?:on|from))?)\\s+(${ANY_DATE}|yesterday|midnight|today|${WEEKDAY})\\b`,
    ),
    ([w], now) => since(w, now),
  ],
  [
    /\b(?:month[ -]to[ -]date|mtd|so far this month|this month so far)\b/,
    (_, now) => span(monthSpan(now, 0, true)),
  ],
  [
    /\b(?:year[ -]to[ -]date|ytd|so far this year|this year so far)\b/,
    (_, now) => span(yearSpan(now, 0, true)),
  ],
  [
    /\b(?:week[ -]to[ -]date|wtd|so far this week|this week so far)\b/,
    (_, now) => span(weekSpan(now, true)),
  ],
  [
    re(`\\b(?:on\\s+|for\\s+|during\\s+)?(${DAY_DATE})\\b`),
    ([d], now) => checked(refSpan(withYear(readDateRef(d), now))),
  ],
  [/\b(?:the\s+)?day\s+before\s+yesterday\b/, (_, now) => span(localDay(now, -2))],
  [/\byesterday\b/, (_, now) => span(localDay(now, -1))],
  [/\b(?:the\s+)?day\s+after\s+tomorrow\b/, (_, now) => span(localDay(now, 2))],
  [/\btomorrow\b/, (_, now) => span(localDay(now, 1))],
  [
    /\b(?:so\s+far\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b/,
    (_, now) => span(localDay(now)),
  ],
  [/\b(?:this|current)\s+week\b/, (_, now) => span(weekSpan(now, false))],
  [/\b(?:this|current)\s+month\b/, (_, now) => span(monthSpan(now, 0))],
  [/\b(?:this|current)\s+(?:calendar\s+)?year\b/, (_, now) => span(yearSpan(now, 0))],
  [/\b(?:this|current)\s+quarter\b/, (_, now) => span(quarterSpan(now, 0))],
  [
    re(`\\bq([1-4])\\s*,?\\s*(${YEAR})\\b`),
    ([q, y], now) => span(quarterSpan(now, 0, Number(y), Number(q))),
  ],
  [re(`\\b(?:on\\s+|last\\s+)${WEEKDAY}\\b`), ([d], now) => span(weekdaySpan(now, d, true))],
  [
    re(
      `${LEAD}(last|past|previous|prior|trailing|recent|latest)\\s+(?:${NUM}\\s*-?\\s*)?${UNIT}\\b(?![-\\s]ahead)`,
    ),
    ([q, n, u], now) => rolling(q, n, u, now),
  ],
  [
    re(`\\b(?:over|for|during|within)\\s+(?:the\\s+)?(\\d{1,4})\\s*-?\\s*${UNIT}\\b`),
    ([n, u], now) => rolling("past", n, u, now),
  ],
  [
    re(`\\b(\\d{1,4})\\s*-?\\s*${UNIT}\\s+(?:of|worth)\\b`),
    ([n, u], now) => rolling("past", n, u, now),
  ],
  [
    re(`${LEAD}(?:next|coming|upcoming)\\s+(?:${NUM}\\s*-?\\s*)?${UNIT}\\b`),
    ([n, u], now) => ahead(n, u, now),
  ],
  [
    re(`\\b(${MONTH})\\s*,?\\s+(${YEAR})\\b`),
    ([m, y], now) => checked(refSpan(withYear(readDateRef(`${m} ${y}`), now))),
  ],
  [
    re(
      `\\b(?:in|during|for|of|throughout|over|last|this)\\s+(?:the\\s+month\\s+of\\s+)?(${MONTH})(?![a-z0-9])`,
    ),
    ([m], now) => checked(refSpan(withYear(readDateRef(m), now))),
  ],
  [re(`\\b(${YEAR})\\b`), ([y]) => checked(refSpan({ y: Number(y) }))],
];

const CURRENT =
  /\b(?:right\s+now|as\s+of\s+now|now|currently|current|latest|most\s+recent|live|at\s+the\s+moment|at\s+present|presently)\b/g;

/**
 * Reads the first time phrase of a normalised request and removes it from the text. No phrase
 * gives the last 24 hours (and `current` when the request says "now", "current" or "latest").
 */
export function readTime(
  text: string,
  now: Date,
): { reading: TimeReading; rest: string } | { error: string } {
  let rest = text;
  let found: Found | undefined;
  for (const [pattern, read] of RULES) {
    const m = pattern.exec(rest);
    if (!m) continue;
    found = read(m.slice(1), now);
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  if (typeof found === "string") return { error: found };
  const current = rest.search(CURRENT) >= 0;
  rest = rest.replace(CURRENT, " ");
  if (found) return { reading: { ...found, current: false }, rest };
  return {
    reading: { range: { last: "PT24H" }, label: current ? "latest" : "last 24 hours", current },
    rest,
  };
}
