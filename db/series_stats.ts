/**
 * The series catalog with each series' first and last instant. Both come
 * from the `(series_id, ts)` primary key: one index probe at each end per
 * series, so the catalog stays cheap however many observations there are.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { SeriesRow } from "./series.ts";
import { derivedSeries, listedDerived } from "../domain/derived.ts";
import { PHYSICAL_HUBS } from "../domain/catalog.ts";

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

/**
 * The derived series (domain/derived.ts) matching every filter given, ordered by key: those the
 * catalog lists, or with `key` any valid derived key. Their extent comes from their inputs: the
 * latest first and the earliest last among them (the grid condition: its assessments), which
 * approximates the span where every input has data. No series row backs them (`id` 0).
 *
 * @example
 * const darts = await listDerivedStats(sql, { prefix: "dart." });
 */
export async function listDerivedStats(
  sql: Sql,
  filter: SeriesFilter = {},
): Promise<SeriesStats[]> {
  const q = filter.q?.toLowerCase();
  const candidates = filter.key
    ? [derivedSeries(filter.key)].filter((d) => d !== undefined)
    : listedDerived(PHYSICAL_HUBS);
  const matching = candidates.filter((d) =>
    (!filter.prefix || d.key.startsWith(filter.prefix)) &&
    (!q || d.key.toLowerCase().includes(q) || d.name.toLowerCase().includes(q))
  );
  if (matching.length === 0) return [];
  const inputs = [...new Set(matching.flatMap((d) => d.inputs))];
  const extents = await sql<{ key: string; first: Date | null; last: Date | null }[]>`
    select s.key,
      (select o.ts from observations o where o.series_id = s.id order by o.ts asc limit 1) as first,
      (select o.ts from observations o where o.series_id = s.id order by o.ts desc limit 1) as last
    from series s where s.key = any(${inputs}::text[])
    union all
    select 'grid_status', min(assessed_at), max(assessed_at) from grid_status`;
  const byKey = new Map(extents.map((e) => [e.key, e]));
  return matching.map((d) => {
    const spans = (d.derivation.kind === "condition" ? ["grid_status"] : d.inputs)
      .map((k) => byKey.get(k));
    const complete = spans.every((e) => e?.first && e.last);
    const times = (pick: "first" | "last") => spans.map((e) => e![pick]!.getTime());
    return {
      id: 0,
      key: d.key,
      name: d.name,
      unit: d.unit,
      intervalSeconds: d.interval,
      feed: "derived",
      first: complete ? new Date(Math.max(...times("first"))) : null,
      last: complete ? new Date(Math.min(...times("last"))) : null,
    };
  }).sort((a, b) => a.key < b.key ? -1 : 1);
}
