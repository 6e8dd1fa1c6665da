/**
 * The extent of derived series (domain/derived.ts), which no series row
 * backs: from their inputs' first and last instants.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { SeriesRow } from "./series.ts";

/** A derived series with its extent (`SeriesStats` of `series_stats.ts`, which reads this). */
export interface DerivedStats extends SeriesRow {
  type: "derived";
  first: Date | null;
  last: Date | null;
}
import { type DerivedSeries, derivedSeries } from "../domain/derived.ts";

/** The catalog fields of a derived series, as a stored series row has them (`id` 0). */
export function derivedRow(d: DerivedSeries): SeriesRow & { type: "derived" } {
  return {
    id: 0,
    key: d.key,
    name: d.name,
    unit: d.unit,
    intervalSeconds: d.interval,
    feed: "derived",
    type: "derived",
  };
}

/**
 * The derived series among `keys` (any valid derived key, listed or not), in
 * the order asked, with their extent: the latest first and the earliest last
 * among their inputs (the grid condition: its assessments), which
 * approximates the span where every input has data (`id` 0, type `derived`).
 *
 * @example
 * const [dart] = await derivedStats(sql, ["dart.hb_north"]);
 */
export async function derivedStats(sql: Sql, keys: readonly string[]): Promise<DerivedStats[]> {
  const matching = keys.flatMap((k) => derivedSeries(k) ?? []);
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
      ...derivedRow(d),
      first: complete ? new Date(Math.max(...times("first"))) : null,
      last: complete ? new Date(Math.min(...times("last"))) : null,
    };
  });
}
