/**
 * The vocabulary of reading observations at a level: resolutions, levels, aggregates, bucket
 * widths and the level plan. Shared by the stored-series reader (db/query.ts, which re-exports
 * it) and the derived-series reader (db/derived.ts).
 *
 * @module
 */

/** Requested resolution. */
export type Resolution = "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
/** A level actually read. */
export type Level = Exclude<Resolution, "auto">;
/** Aggregation within a bucket. */
export type Agg = "avg" | "min" | "max" | "sum" | "last";

/** Bucket width in seconds of each level above raw. */
export const BUCKET_SECONDS: Record<Exclude<Level, "raw">, number> = {
  "5m": 300,
  "15m": 900,
  "1h": 3600,
  "1d": 86400,
};

/** The level plan for one series: what to read and how many points it may give. */
export interface Plan {
  level: Level;
  /** Bucket width in seconds (native interval for raw). */
  width: number;
  /** Aligned window start, epoch ms. */
  alignedStart: number;
  /** Upper bound on points the level gives over the window. */
  estimate: number;
}

/** An aggregate over raw rows, as SQL over the given value and instant columns. */
export function aggregateSql(agg: Agg, value: string, ts: string): string {
  return agg === "last" ? `(array_agg(${value} order by ${ts} desc))[1]` : `${agg}(${value})`;
}
