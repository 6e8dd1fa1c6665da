/**
 * The read behind a VizSpec `table` with a `cross_section`: which of the two cross-section
 * statements (db/cross_section.ts) it runs, over which instant or window, and the table it
 * answers, with the link to the same rows as CSV from `/api/v1/cross-section`.
 *
 * `at` defaults to the latest interval: now for a rolling range, the last instant before the end
 * of an absolute one. A ranking reads the spec's range as its window.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import {
  type AtRow,
  crossSectionOf,
  crossSectionStatement,
  rankedOf,
  type TopRow,
  topStatement,
} from "./cross_section.ts";
import { type Statement, toFragment } from "./statement.ts";
import { priceFamilyOf } from "../domain/catalog.ts";
import {
  type Family,
  MAX_RANK_WINDOW_MS,
  type PointType,
  type RankAgg,
} from "../domain/cross_section.ts";
import { ValidationError } from "../domain/errors.ts";
import { windowMs } from "../domain/duration.ts";
import { type CrossSectionSpec, resolveRange, type VizRange } from "../domain/vizspec.ts";

/** One row of a cross-section table; `rank` and `intervals` only in a ranking. */
export interface TableRow {
  rank?: number;
  key: string;
  point: string;
  type: PointType;
  value: number;
  intervals?: number;
}

/** A cross-section table as the API and the UI see it; instants are ISO 8601. */
export interface TableData {
  family: Family;
  unit: string;
  interval_seconds: number;
  /** The kind of point shown, or null for every point. */
  type: PointType | null;
  /** `at`: every point at one instant; `top`: a ranking over a window. */
  mode: "at" | "top";
  /** The instant asked for (`at`). */
  requested?: string;
  /** The interval start read (`at`), or null when there was no data. */
  instant?: string | null;
  match?: "containing" | "latest" | "none";
  /** The ranking's window (`top`). */
  start?: string;
  end?: string;
  n?: number;
  agg?: RankAgg;
  order?: "desc" | "asc";
  rows: TableRow[];
  /** `/api/v1/cross-section…` with `format=csv`: the same rows as CSV. */
  csv: string;
}

/** A planned table read: its one statement and how to shape its rows. */
export interface TableRead {
  statement: Statement;
  shape(rows: readonly Record<string, unknown>[]): TableData;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return q.toString();
}

/**
 * Plans the read of a cross-section over `range` at `now`. Throws {@link ValidationError} when a
 * ranking's window is longer than 31 days.
 *
 * @example planTable({ family: "spp.rt", top: { n: 10, agg: "avg", order: "desc" } }, { last: "P1D" }, now)
 */
export function planTable(xs: CrossSectionSpec, range: VizRange, now: Date): TableRead {
  const info = priceFamilyOf(`${xs.family}.x`)!;
  const base = {
    family: xs.family,
    unit: info.unit,
    interval_seconds: info.interval,
    type: xs.type ?? null,
  };
  const { start, end } = resolveRange(range, now);
  if (!xs.top) {
    const at = xs.at ? new Date(xs.at) : "last" in range ? end : new Date(end.getTime() - 1);
    return {
      statement: crossSectionStatement({ family: xs.family, at, type: xs.type }),
      shape: (rows) => {
        const got = crossSectionOf(rows as unknown as AtRow[], {
          at,
          intervalSeconds: info.interval,
        });
        const params = { family: xs.family, at: at.toISOString(), type: xs.type, format: "csv" };
        return {
          ...base,
          mode: "at",
          requested: at.toISOString(),
          instant: got.instant?.toISOString() ?? null,
          match: got.match,
          rows: got.rows,
          csv: `/api/v1/cross-section?${query(params)}`,
        };
      },
    };
  }
  // A rolling range is measured as written: a month back on the calendar may hold a DST hour more.
  const span = "last" in range ? windowMs(range.last) ?? Infinity : end.getTime() - start.getTime();
  if (span > MAX_RANK_WINDOW_MS) {
    throw new ValidationError(
      `The window from ${start.toISOString()} to ${end.toISOString()} is longer than ` +
        `${MAX_RANK_WINDOW_MS / 86_400_000} days, the most a ranking reads`,
      { parameter: "range" },
    );
  }
  const { n, agg, order } = xs.top;
  return {
    statement: topStatement({ family: xs.family, start, end, n, agg, order, type: xs.type }),
    shape: (rows) => {
      const window = { start: start.toISOString(), end: end.toISOString() };
      const params = { family: xs.family, ...window, n, agg, order, type: xs.type };
      return {
        ...base,
        mode: "top",
        ...window,
        n,
        agg,
        order,
        rows: rankedOf(rows as unknown as TopRow[]),
        csv: `/api/v1/cross-section/top?${query({ ...params, format: "csv" })}`,
      };
    },
  };
}

/**
 * Reads a cross-section table through `sql` (the read handle where there is one).
 *
 * @example const table = await readTable(sql, spec.cross_section, spec.range, clock());
 */
export async function readTable(
  sql: Sql,
  xs: CrossSectionSpec,
  range: VizRange,
  now: Date,
): Promise<TableData> {
  const read = planTable(xs, range, now);
  return read.shape(await toFragment(sql, read.statement));
}
