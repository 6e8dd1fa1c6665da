/**
 * Cross-sectional reads over a price family (`spp.rt`, `spp.da`, `lmp.rt`): every settlement
 * point at one instant, and the top N points by an aggregate over a window. Both find the
 * family's series by key prefix in the catalog table (resource nodes included), then read
 * `observations` by primary key: one index probe per point. Each is one statement
 * ({@link crossSectionStatement}, {@link topStatement}) that the API runs, the VizSpec `table`
 * preview shows as `$n` text and Grafana runs as literal SQL.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import {
  type Family,
  POINT_PREFIXES,
  type PointType,
  pointType,
  type RankAgg,
} from "../domain/cross_section.ts";
import {
  bind,
  type Bound,
  type Fixed,
  fixed,
  type Statement,
  statement,
  toFragment,
} from "./statement.ts";

export {
  FAMILIES,
  type Family,
  POINT_TYPES,
  type PointType,
  pointType,
  RANK_AGGS,
  type RankAgg,
} from "../domain/cross_section.ts";
/** How far back {@link crossSectionAt} looks for the latest instant at or before `at`. */
export const LOOKBACK_MS = 31 * 86_400_000;

/** One settlement point's value. */
export interface PointValue {
  key: string;
  /** Lower-case settlement point name, the key without the family prefix. */
  point: string;
  type: PointType;
  value: number;
}

/** Every point of a family at one instant. */
export interface CrossSection {
  /** Interval start read, or null when the family has no data in the lookback. */
  instant: Date | null;
  /** `containing`: the interval holds `at`; `latest`: the latest interval before it. */
  match: "containing" | "latest" | "none";
  rows: PointValue[];
}

/** An instant of a cross-section statement: a bound value, or fixed SQL such as a Grafana macro. */
export type InstantPart = Bound | Fixed;

const at = (instant: Date | InstantPart): InstantPart =>
  instant instanceof Date ? bind(instant, "timestamptz") : instant;

/** `('hb_', …)`: an SQL list of point prefixes (constants of domain/cross_section.ts). */
const prefixList = (prefixes: readonly string[]) => `(${prefixes.map((p) => `'${p}'`).join(", ")})`;

/** The family's stored series (of `type` when given) as `p(id, key, point)`. */
function familyPoints(family: Family, type?: PointType): Statement {
  const from = fixed(String(family.length + 2));
  const prefix = `left(substr(key, ${family.length + 2}), 3)`;
  const kind = type === "hub" || type === "zone"
    ? fixed(`and ${prefix} in ${prefixList(POINT_PREFIXES[type])}`)
    : type === "node"
    ? fixed(`and ${prefix} not in ${prefixList([...POINT_PREFIXES.hub, ...POINT_PREFIXES.zone])}`)
    : fixed("");
  return statement`select id, key, substr(key, ${from}) as point from series
  where key like ${bind(`${family}.%`, "text")} ${kind}`;
}

/**
 * The one statement of {@link crossSectionAt}, answering `(key, point, value, instant)` rows in
 * key order. `at` is bound, or fixed SQL (Grafana's `$__timeTo()`).
 */
export function crossSectionStatement(
  opts: { family: Family; at: Date | InstantPart; type?: PointType },
): Statement {
  const instant = at(opts.at);
  // A bound lower bound when `at` is one: TimescaleDB excludes chunks only by constants.
  const lower = opts.at instanceof Date
    ? bind(new Date(opts.at.getTime() - LOOKBACK_MS), "timestamptz")
    : statement`${instant} - ${fixed(`interval '${LOOKBACK_MS / 86_400_000} days'`)}`;
  // One probe per point for its latest row at or before `at`, within the window's constant
  // bounds: the instant is the newest of them, and the points whose latest row is at that
  // instant are exactly those with a value there. Joined on the computed instant alone,
  // TimescaleDB decompressed every row of every chunk (2 s for a year of 1,000 points); a second
  // probe per point for the value doubled the work (BENCHMARKS.md, "Scale").
  return statement`with p as (${familyPoints(opts.family, opts.type)}),
l as (
  select p.key, p.point, o.ts, o.value from p cross join lateral (
    select o.ts, o.value from observations o
    where o.series_id = p.id and o.ts <= ${instant} and o.ts > ${lower}
    order by o.ts desc limit 1) o)
select key, point, value, ts as instant from l
where ts = (select max(ts) from l)
order by key collate "C"`;
}

/**
 * Every point of `family` (of `type` when given) at the interval containing `at`: the latest
 * interval start at or before `at` for which any point has a value, at most
 * {@link LOOKBACK_MS} back. Rows are in key order; a point without a value there is left out.
 *
 * @example await crossSectionAt(sql, { family: "spp.rt", at: new Date(), intervalSeconds: 900 })
 */
export async function crossSectionAt(
  sql: Sql,
  opts: { family: Family; at: Date; intervalSeconds: number; type?: PointType },
): Promise<CrossSection> {
  const rows = await toFragment(sql, crossSectionStatement(opts)) as unknown as AtRow[];
  return crossSectionOf(rows, opts);
}

/** A row of {@link crossSectionStatement}. */
export interface AtRow {
  key: string;
  point: string;
  value: number;
  instant: Date | string;
}

/** The cross-section answered by the rows of {@link crossSectionStatement}. */
export function crossSectionOf(
  rows: readonly AtRow[],
  opts: { at: Date; intervalSeconds: number },
): CrossSection {
  if (rows.length === 0) return { instant: null, match: "none", rows: [] };
  const instant = new Date(rows[0].instant);
  const containing = opts.at.getTime() < instant.getTime() + opts.intervalSeconds * 1000;
  return {
    instant,
    match: containing ? "containing" : "latest",
    rows: rows.map(({ key, point, value }) => ({ key, point, type: pointType(point), value })),
  };
}

/** One ranked point: its aggregate and how many intervals it covers. */
export interface RankedPoint extends PointValue {
  rank: number;
  intervals: number;
}

/** Options of {@link topStatement} and {@link topPoints}. */
export interface TopOptions {
  family: Family;
  start: Date | InstantPart;
  end: Date | InstantPart;
  n: number;
  order: "asc" | "desc";
  agg: RankAgg;
  type?: PointType;
}

/**
 * The one statement of {@link topPoints}, answering `(rank, key, point, value, intervals)` rows
 * by rank. The window bounds are bound, or fixed SQL (Grafana's `$__timeFrom()`, `$__timeTo()`).
 */
export function topStatement(opts: TopOptions): Statement {
  const aggregate = fixed(`${opts.agg}(o.value)`);
  const direction = fixed(opts.order === "desc" ? "desc" : "asc");
  return statement`with p as (${familyPoints(opts.family, opts.type)}),
a as (
  select p.key, p.point, w.value, w.intervals from p cross join lateral (
    select ${aggregate} as value, count(*)::int as intervals from observations o
    where o.series_id = p.id and o.ts >= ${at(opts.start)} and o.ts < ${at(opts.end)}) w
  where w.intervals > 0)
select (row_number() over (order by value ${direction}, key collate "C"))::int as rank,
  key, point, value, intervals
from a order by rank limit ${bind(opts.n, "int8")}`;
}

/**
 * The `n` points of `family` (of `type` when given) with the highest (`desc`) or lowest (`asc`)
 * aggregate of their values in `[start, end)`; ties are broken by key, ascending, and ranked
 * one after another. Points without a value in the window are left out.
 *
 * @example await topPoints(sql, { family: "spp.rt", start, end, n: 10, order: "desc", agg: "avg" })
 */
export async function topPoints(
  sql: Sql,
  opts: TopOptions & { start: Date; end: Date },
): Promise<RankedPoint[]> {
  const rows = await toFragment(sql, topStatement(opts)) as unknown as TopRow[];
  return rankedOf(rows);
}

/** A row of {@link topStatement}. */
export interface TopRow {
  rank: number;
  key: string;
  point: string;
  value: number;
  intervals: number;
}

/** The ranking answered by the rows of {@link topStatement}, in the API's member order. */
export function rankedOf(rows: readonly TopRow[]): RankedPoint[] {
  return rows.map((r) => ({
    key: r.key,
    point: r.point,
    type: pointType(r.point),
    value: Number(r.value),
    intervals: Number(r.intervals),
    rank: Number(r.rank),
  }));
}
