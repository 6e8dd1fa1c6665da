/**
 * The series catalog with each series' first and last instant. Both come
 * from the `(series_id, ts)` primary key: one index probe at each end per
 * series, so the catalog stays cheap however many observations there are.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { SeriesRow } from "./series.ts";

/** A catalog row with its observed extent. */
export interface SeriesStats extends SeriesRow {
  /** Earliest observation instant, or null when there is none. */
  first: Date | null;
  /** Latest observation instant, or null when there is none. */
  last: Date | null;
}

/** Filters of {@link listSeriesStats}. */
export interface SeriesFilter {
  /** Keys starting with this text. */
  prefix?: string;
  /** Case-insensitive text found in the key or the name. */
  q?: string;
  /** Exactly this key. */
  key?: string;
}

/**
 * Lists catalog rows matching every filter given, ordered by key.
 *
 * @example
 * const hubs = await listSeriesStats(sql, { prefix: "spp.rt.hb_" });
 */
export async function listSeriesStats(sql: Sql, filter: SeriesFilter = {}): Promise<SeriesStats[]> {
  const where = [sql`true`];
  if (filter.prefix) where.push(sql`starts_with(s.key, ${filter.prefix})`);
  if (filter.key) where.push(sql`s.key = ${filter.key}`);
  if (filter.q) {
    where.push(sql`(strpos(lower(s.key), ${filter.q.toLowerCase()}) > 0
      or strpos(lower(s.name), ${filter.q.toLowerCase()}) > 0)`);
  }
  const condition = where.reduce((acc, part) => sql`${acc} and ${part}`);
  return await sql<SeriesStats[]>`
    select s.id, s.key, s.name, s.unit, s.interval_seconds as "intervalSeconds", s.feed,
      (select o.ts from observations o where o.series_id = s.id order by o.ts asc limit 1) as first,
      (select o.ts from observations o where o.series_id = s.id order by o.ts desc limit 1) as last
    from series s
    where ${condition}
    order by s.key`;
}
