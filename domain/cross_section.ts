/**
 * The vocabulary of cross-sectional reads (every settlement point at one instant, or the top N
 * points over a window), shared by the API, the VizSpec `table` shape and the browser. Kept free
 * of the schema library so the browser can import it.
 *
 * @module
 */

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
/** Orders of a ranking: highest first, or lowest first. */
export const RANK_ORDERS = ["desc", "asc"] as const;
/** Longest window a ranking reads, in milliseconds (31 days). */
export const MAX_RANK_WINDOW_MS = 31 * 86_400_000;
/** Most points a VizSpec table ranks. */
export const MAX_TABLE_ROWS = 100;

/**
 * The name prefixes of hubs and of load zones; every other point is a node. DC ties count as
 * load zones, as ERCOT types them (`LZ_DC` in NP6-905). Each is three characters long. The
 * catalog's types (db/series_stats.ts), the cross-section reads (db/cross_section.ts) and
 * ingestion's point scopes (ingest/feeds/points.ts) all classify by these.
 */
export const POINT_PREFIXES = { hub: ["hb_"], zone: ["lz_", "dc_"] } as const;

/**
 * The kind of a settlement point from its name, in either case: `hb_*` hubs, `lz_*` load zones
 * (energy-weighted ones too) and `dc_*` DC ties as zones, anything else a node.
 *
 * @example pointType("hb_west") // "hub"
 * @example pointType("DC_E") // "zone"
 */
export function pointType(point: string): PointType {
  const prefix = point.slice(0, 3).toLowerCase();
  if ((POINT_PREFIXES.hub as readonly string[]).includes(prefix)) return "hub";
  if ((POINT_PREFIXES.zone as readonly string[]).includes(prefix)) return "zone";
  return "node";
}
