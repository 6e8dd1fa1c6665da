/**
 * The series catalog table: registering series and looking them up by key.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import { NotFoundError } from "../domain/errors.ts";

/** What the catalog stores about one series. */
export interface SeriesDef {
  /** Catalog key, e.g. `spp.rt.hb_west`. */
  key: string;
  /** Human name. */
  name: string;
  /** Unit, e.g. `$/MWh`. */
  unit: string;
  /** Native interval in seconds. */
  intervalSeconds: number;
  /** Feed id that produces it. */
  feed: string;
}

/** A catalog row with its id. */
export interface SeriesRow extends SeriesDef {
  id: number;
}

/**
 * Makes sure every definition has a row and returns key → id. Existing rows
 * keep their id; their name, unit, interval and feed are brought up to date.
 */
export async function ensureSeries(sql: Sql, defs: SeriesDef[]): Promise<Map<string, number>> {
  const unique = [...new Map(defs.map((d) => [d.key, d])).values()];
  if (unique.length === 0) return new Map();
  const rows = await sql<{ id: number; key: string }[]>`
    insert into series (key, name, unit, interval_seconds, feed)
    select * from unnest(
      ${unique.map((d) => d.key)}::text[], ${unique.map((d) => d.name)}::text[],
      ${unique.map((d) => d.unit)}::text[], ${unique.map((d) => d.intervalSeconds)}::int[],
      ${unique.map((d) => d.feed)}::text[])
    on conflict (key) do update set
      name = excluded.name, unit = excluded.unit,
      interval_seconds = excluded.interval_seconds, feed = excluded.feed
    where (series.name, series.unit, series.interval_seconds, series.feed)
      is distinct from (excluded.name, excluded.unit, excluded.interval_seconds, excluded.feed)
    returning id, key`;
  // Only rows inserted or changed come back: a document of known series leaves the cache alone.
  if (rows.length > 0) catalogVersion++;
  const ids = new Map(rows.map((r) => [r.key, r.id]));
  const missing = unique.filter((d) => !ids.has(d.key)).map((d) => d.key);
  if (missing.length > 0) {
    for (
      const r of await sql<{ id: number; key: string }[]>`
      select id, key from series where key = any(${missing}::text[])`
    ) ids.set(r.key, r.id);
  }
  return ids;
}

/** Rows read by {@link getSeries} per database handle, with when they were read. */
let recent = new WeakMap<Sql, Map<string, { row: SeriesRow; at: number }>>();
/**
 * Increases whenever {@link ensureSeries} adds or changes a series in this
 * process, through any handle (ingestion uses a transaction's): rows read
 * before are not reused.
 */
let catalogVersion = 0;
let versionOfRecent = 0;

/**
 * Looks up series by key, in the order asked. Throws {@link NotFoundError}
 * naming the first unknown key. With `maxAgeMs`, rows this process read at
 * most that long ago are reused without a query (a data read then costs one
 * round trip, not two); an unknown key always asks the database, and
 * {@link ensureSeries} adding or changing a series anywhere in this process
 * makes every row be read again
 * (another replica's changes show within `maxAgeMs`).
 */
export async function getSeries(
  sql: Sql,
  keys: string[],
  opts: { maxAgeMs?: number } = {},
): Promise<SeriesRow[]> {
  const now = Date.now();
  const version = catalogVersion;
  const known = version === versionOfRecent ? recent.get(sql) : undefined;
  if (opts.maxAgeMs && known) {
    const hits = keys.map((k) => known.get(k)).filter((e) => e && now - e.at <= opts.maxAgeMs!);
    if (hits.length === keys.length) return hits.map((e) => e!.row);
  }
  const rows = await sql<SeriesRow[]>`
    select id, key, name, unit, interval_seconds as "intervalSeconds", feed
    from series where key = any(${keys}::text[])`;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // Rows read across an ensureSeries() may predate it: not kept.
  if (version === catalogVersion) {
    if (versionOfRecent !== version) recent = new WeakMap();
    versionOfRecent = version;
    const kept = recent.get(sql) ?? new Map<string, { row: SeriesRow; at: number }>();
    for (const row of rows) kept.set(row.key, { row, at: now });
    recent.set(sql, kept);
  }
  return keys.map((k) => {
    const row = byKey.get(k);
    if (!row) throw new NotFoundError(`Unknown series "${k}"`, { series: k });
    return row;
  });
}

/**
 * The interval of each series id, read from the catalog; an id it does not hold is a
 * `RangeError` naming it. Writers call it before writing rows: `observations` keeps no
 * foreign key to `series` (migration 0160).
 */
export async function seriesIntervals(sql: Sql, ids: number[]): Promise<Map<number, number>> {
  const found = await sql<{ id: number; interval: number }[]>`
    select id, interval_seconds as interval from series where id = any(${ids}::int[])`;
  const intervals = new Map(found.map((s) => [s.id, s.interval]));
  const missing = ids.find((id) => !intervals.has(id));
  if (missing !== undefined) throw new RangeError(`Series id ${missing} is not in the catalog`);
  return intervals;
}
