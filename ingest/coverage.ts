/**
 * Coverage gaps: for each series (of one feed, or all) and each Central-time
 * day, how many intervals were expected and how many were received, read
 * from the `coverage` table the ingest path keeps. A day's expected count
 * follows its real length (23, 24 or 25 hours) divided by the series
 * interval; a day with no row at all is missing whole.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { FEED_IDS, isFeedId } from "./feeds/mod.ts";
import {
  addCentralDays,
  type CentralDate,
  centralDateOf,
  centralDayEnd,
  centralDayStart,
  formatCentralDate,
} from "../domain/central.ts";
import { ValidationError } from "../domain/errors.ts";

/** Options of {@linkcode findCoverageGaps}. */
export interface CoverageOptions {
  /** Only series of this feed (default all). */
  feed?: string;
  /** How many complete Central days before `now`'s day to check (default 7). */
  days?: number;
  /** The instant the days are counted back from (default the current time). */
  now?: Date;
}

/** Expected vs received intervals of one series on one Central day. */
export interface CoverageDay {
  key: string;
  /** Central date, `YYYY-MM-DD`. */
  day: string;
  expected: number;
  received: number;
}

/** What {@linkcode findCoverageGaps} found. */
export interface CoverageReport {
  feed?: string;
  /** The days checked, oldest first. */
  days: string[];
  /** Series checked. */
  series: number;
  /** Series-days with fewer intervals than expected, by key then day. */
  gaps: CoverageDay[];
  /** Intervals expected over every series and day. */
  expected: number;
  /** Intervals received over every series and day. */
  received: number;
}

/**
 * The `n` complete Central days before the day that contains `now`, oldest
 * first: today is left out because it cannot be complete yet.
 */
export function coverageDays(now: Date, n: number): CentralDate[] {
  let day = centralDateOf(now);
  const days: CentralDate[] = [];
  for (let i = 0; i < n; i++) {
    day = addCentralDays(day, -1);
    days.unshift(day);
  }
  return days;
}

/** Intervals of `intervalSeconds` in a Central day: 96 quarter-hours, 100 on fall-back day. */
export function expectedIntervals(day: CentralDate, intervalSeconds: number): number {
  const seconds = (centralDayEnd(day).getTime() - centralDayStart(day).getTime()) / 1000;
  return Math.floor(seconds / intervalSeconds);
}

function checkOptions(options: CoverageOptions): { feed?: string; days: number } {
  const days = options.days ?? 7;
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    throw new ValidationError(`Invalid days ${days}: expected a whole number from 1 to 3660`);
  }
  if (options.feed !== undefined && !isFeedId(options.feed)) {
    throw new ValidationError(
      `Unknown feed "${options.feed}"; feeds are ${FEED_IDS.join(", ")}`,
    );
  }
  return { feed: options.feed, days };
}

/**
 * Expected vs received intervals per series and day over the last `days`
 * complete Central days. Throws a `ValidationError` for an unknown feed or a
 * bad day count.
 *
 * @example
 * const report = await findCoverageGaps(sql, { feed: "np6_905", days: 7 });
 * for (const gap of report.gaps) console.log(gap.key, gap.day, gap.expected - gap.received);
 */
export async function findCoverageGaps(
  sql: Sql,
  options: CoverageOptions = {},
): Promise<CoverageReport> {
  const { feed, days: n } = checkOptions(options);
  const days = coverageDays(options.now ?? new Date(), n);
  const dayText = days.map(formatCentralDate);
  const rows = await sql<{ key: string; interval: number; day: string; received: number }[]>`
    select s.key, s.interval_seconds as interval, d.day::text as day,
           coalesce(c.received, 0)::int as received
    from series s
    cross join unnest(${dayText}::date[]) as d(day)
    left join coverage c on c.series_id = s.id and c.day = d.day
    ${feed ? sql`where s.feed = ${feed}` : sql``}
    order by s.key, d.day`;
  const byText = new Map(days.map((d, i) => [dayText[i], d]));
  const report: CoverageReport = {
    feed,
    days: dayText,
    series: new Set(rows.map((r) => r.key)).size,
    gaps: [],
    expected: 0,
    received: 0,
  };
  for (const r of rows) {
    const expected = expectedIntervals(byText.get(r.day)!, r.interval);
    report.expected += expected;
    report.received += Math.min(r.received, expected);
    if (r.received < expected) {
      report.gaps.push({ key: r.key, day: r.day, expected, received: r.received });
    }
  }
  return report;
}

const num = (n: number) => n.toLocaleString("en-US");

/**
 * The report as lines: one per gap (`key  day  received/expected  N missing`),
 * then a summary line.
 */
export function formatCoverage(report: CoverageReport): string[] {
  const scope = report.feed ?? "all feeds";
  const span = `${report.days[0]}..${report.days.at(-1)}`;
  if (report.series === 0) return [`${scope}: no series to check over ${span}`];
  const width = Math.max(...report.gaps.map((g) => g.key.length), 0);
  const lines = report.gaps.map((g) =>
    `${g.key.padEnd(width)}  ${g.day}  ${String(g.received).padStart(5)}/${
      String(g.expected).padEnd(5)
    } ${num(g.expected - g.received)} missing`
  );
  const missing = report.expected - report.received;
  const gapSeries = new Set(report.gaps.map((g) => g.key)).size;
  const pct = ((report.received / report.expected) * 100).toFixed(2);
  lines.push(
    report.gaps.length === 0
      ? `${scope}: no gaps in ${report.series} series over ${span}; ${
        num(report.received)
      } intervals received`
      : `${scope}: ${report.gaps.length} series-days with gaps in ${gapSeries} of ${report.series} ` +
        `series over ${span}; ${num(missing)} of ${num(report.expected)} intervals missing ` +
        `(${pct} % received)`,
  );
  return lines;
}
