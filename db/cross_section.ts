/**
 * Cross-sectional reads over a price family (`spp.rt`, `spp.da`, `lmp.rt`): every settlement
 * point at one instant, and the top N points by an aggregate over a window. Both find the
 * family's series by key prefix in the catalog table (resource nodes included), then read
 * `observations` by primary key: one index probe per point.
 *
 * @module
 */
import type { Sql } from "./client.ts";

/** The price families a cross-section reads. */
export const FAMILIES = ["spp.rt", "spp.da", "lmp.rt"] as const;
/** A price family's key prefix. */
export type Family = typeof FAMILIES[number];
/** Kinds of settlement point: trading hubs, load zones, and every other point (nodes, DC ties). */
export const POINT_TYPES = ["hub", "zone", "node"] as const;
/** A kind of settlement point. */
export type PointType = typeof POINT_TYPES[number];
/** Aggregates a ranking may use. */
export const RANK_AGGS = ["avg", "max", "min"] as const;
/** An aggregate a ranking may use. */
export type RankAgg = typeof RANK_AGGS[number];

/** How far back {@link crossSectionAt} looks for the latest instant at or before `at`. */
export const LOOKBACK_MS = 31 * 86_400_000;

/**
 * The kind of a settlement point from its lower-case name: `hb_*` hubs, `lz_*` load zones
 * (energy-weighted ones too), anything else a node.
 *
 * @example pointType("hb_west") // "hub"
 */
export function pointType(point: string): PointType {
  if (point.startsWith("hb_")) return "hub";
  if (point.startsWith("lz_")) return "zone";
  return "node";
}

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

interface Point {
  id: number;
  key: string;
  point: string;
  type: PointType;
}

/** The family's stored series, optionally of one kind, by id. */
async function familyPoints(sql: Sql, family: Family, type?: PointType): Promise<Point[]> {
  const rows = await sql<{ id: number; key: string }[]>`
    select id, key from series where key like ${`${family}.%`}`;
  return rows.map((r) => {
    const point = r.key.slice(family.length + 1);
    return { id: r.id, key: r.key, point, type: pointType(point) };
  }).filter((p) => !type || p.type === type);
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
  const points = await familyPoints(sql, opts.family, opts.type);
  if (points.length === 0) return { instant: null, match: "none", rows: [] };
  const ids = points.map((p) => p.id);
  const from = new Date(opts.at.getTime() - LOOKBACK_MS);
  const [{ instant }] = await sql<{ instant: Date | null }[]>`
    select max(l.ts) as instant
    from unnest(${ids}::int[]) as p(id)
    cross join lateral (
      select ts from observations o
      where o.series_id = p.id and o.ts <= ${opts.at} and o.ts > ${from}
      order by o.ts desc limit 1) l`;
  if (!instant) return { instant: null, match: "none", rows: [] };
  const values = await sql<{ series_id: number; value: number }[]>`
    select series_id, value from observations
    where series_id = any(${ids}::int[]) and ts = ${instant}`;
  const byId = new Map(points.map((p) => [p.id, p]));
  const rows = values.map((v) => ({ ...byId.get(v.series_id)!, value: v.value }))
    .map(({ key, point, type, value }) => ({ key, point, type, value }))
    .sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const containing = opts.at.getTime() < instant.getTime() + opts.intervalSeconds * 1000;
  return { instant, match: containing ? "containing" : "latest", rows };
}

/** One ranked point: its aggregate and how many intervals it covers. */
export interface RankedPoint extends PointValue {
  rank: number;
  intervals: number;
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
  opts: {
    family: Family;
    start: Date;
    end: Date;
    n: number;
    order: "asc" | "desc";
    agg: RankAgg;
    type?: PointType;
  },
): Promise<RankedPoint[]> {
  const points = await familyPoints(sql, opts.family, opts.type);
  if (points.length === 0) return [];
  const ids = points.map((p) => p.id);
  const aggregate = opts.agg === "max"
    ? sql`max(value)`
    : opts.agg === "min"
    ? sql`min(value)`
    : sql`avg(value)`;
  const rows = await sql<{ series_id: number; value: number; intervals: number }[]>`
    select series_id, ${aggregate} as value, count(*)::int as intervals
    from observations
    where series_id = any(${ids}::int[]) and ts >= ${opts.start} and ts < ${opts.end}
    group by series_id`;
  const byId = new Map(points.map((p) => [p.id, p]));
  const sign = opts.order === "desc" ? -1 : 1;
  return rows.map((r) => {
    const { key, point, type } = byId.get(r.series_id)!;
    return { key, point, type, value: r.value, intervals: r.intervals, rank: 0 };
  }).sort((a, b) => sign * (a.value - b.value) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, opts.n)
    .map((r, i) => ({ ...r, rank: i + 1 }));
}
