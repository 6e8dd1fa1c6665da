/**
 * The series catalog with each series' first and last instant, paged and
 * searched. Matching, counting and paging read only the `series` table (a
 * few thousand rows at most); first and last come from the `(series_id, ts)`
 * primary key, one index probe at each end, for the rows of the page only, so
 * a page costs the same however many series and observations there are.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import type { SeriesDef, SeriesRow } from "./series.ts";
import { CATALOG, priceFamilyOf } from "../domain/catalog.ts";
import { POINT_PREFIXES } from "../domain/cross_section.ts";
import { derivedStats } from "./derived_stats.ts";

/**
 * What a series is, for filtering the catalog: a settlement point price at a
 * `hub`, a load `zone` or DC tie, or a resource `node`; a `system` series
 * (load, generation, forecasts, ancillary service prices, …); or a `derived`
 * one computed from others.
 */
export const SERIES_TYPES = ["hub", "zone", "node", "system", "derived"] as const;

/** One of {@link SERIES_TYPES}. */
export type SeriesType = typeof SERIES_TYPES[number];

/** A catalog row with its observed extent. */
export interface SeriesStats extends SeriesRow {
  /** What it is (see {@link SERIES_TYPES}). */
  type: SeriesType;
  /** Earliest observation instant, or null when there is none. */
  first: Date | null;
  /** Latest observation instant, or null when there is none. */
  last: Date | null;
}

/** Filters and paging of {@link listSeriesStats}. */
export interface SeriesFilter {
  /** Keys starting with this text. */
  prefix?: string;
  /**
   * Words that must all appear, in any order and case, in the key, the name
   * or the words people use for a catalog series (`north dam`).
   */
  q?: string;
  /** Exactly this key. */
  key?: string;
  /** Only series of these types. */
  types?: readonly SeriesType[];
  /** Only keys after this one (the previous page's last key). */
  after?: string;
  /** At most this many rows (default: all). */
  limit?: number;
  /**
   * Series listed without a `series` row (derived ones), matched, counted and
   * paged like the rest; their first and last are null.
   */
  extra?: readonly (Omit<SeriesDef, "feed"> & { feed: string; type: SeriesType })[];
}

/** A page of the catalog. */
export interface SeriesPage {
  rows: SeriesStats[];
  /** How many series match the filters, on every page. */
  count: number;
  /** Whether series match after the last row. */
  more: boolean;
}

const ALIASES = new Map(CATALOG.map((s) => [s.key, s.aliases.join(" ")]));

const FAMILIES = [
  ...new Set(CATALOG.flatMap((s) => priceFamilyOf(s.key)?.prefix ?? [])),
];

/**
 * The SQL expression of a series' type from its key (`extra` rows bring
 * theirs): price families are `a.b`, and a settlement point holds no dot. Plain
 * string functions, not a regular expression: one per row costs far more.
 */
function typeOf(sql: Sql) {
  const point = sql`split_part(s.key, '.', 3)`;
  return sql`case
    when split_part(s.key, '.', 1) || '.' || split_part(s.key, '.', 2) <> all(${FAMILIES}::text[])
      or split_part(s.key, '.', 4) <> '' then 'system'
    when left(${point}, 3) = any(${POINT_PREFIXES.hub}::text[]) then 'hub'
    when left(${point}, 3) = any(${POINT_PREFIXES.zone}::text[]) then 'zone'
    else 'node' end`;
}

/** `LIKE` patterns of the price keys at points with one of `prefixes`. */
const startingWith = (prefixes: readonly string[]) =>
  FAMILIES.flatMap((f) => prefixes.map((p) => `${f}.${p.replaceAll("_", "\\_")}%`));

/** `LIKE` patterns of the price keys at hubs, at zones and DC ties, and at any point. */
const PATTERNS = {
  hub: startingWith(POINT_PREFIXES.hub),
  zone: startingWith(POINT_PREFIXES.zone),
  price: FAMILIES.map((f) => `${f}.%`),
};

/** Keeps stored series of `types` by key patterns (cheaper than their computed type). */
function typeCondition(sql: Sql, types: readonly SeriesType[]) {
  const like = (patterns: string[]) => sql`c.key like any(${patterns}::text[])`;
  const stored = types.flatMap((t) => {
    if (t === "hub") return [like(PATTERNS.hub)];
    if (t === "zone") return [like(PATTERNS.zone)];
    if (t === "system") return [sql`not ${like(PATTERNS.price)}`];
    if (t === "node") {
      return [sql`(${like(PATTERNS.price)} and not ${like([...PATTERNS.hub, ...PATTERNS.zone])})`];
    }
    return [];
  }).reduce((acc, part) => sql`${acc} or ${part}`, sql`false`);
  return sql`(${stored})`;
}

/**
 * Lists the catalog rows matching every filter given, ordered by key, a page
 * at a time, with the count of all matches.
 *
 * @example
 * const { rows, count, more } = await listSeriesStats(sql, { q: "alvin", limit: 50 });
 */
export async function listSeriesStats(sql: Sql, filter: SeriesFilter = {}): Promise<SeriesPage> {
  const words = (filter.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const stored = await listStored(sql, filter, words);
  // Listed-only rows (derived series, a few dozen) are matched here and merged into the page in
  // key order, so the table's key index still orders the stored rows.
  const listed = (filter.extra ?? []).filter((e) => matchesListed(e, filter, words));
  const after = listed.filter((e) => filter.after === undefined || e.key > filter.after);
  const limit = filter.limit === undefined ? Infinity : filter.limit;
  const merged = [
    ...stored.rows,
    ...after.map((e) => ({ ...e, id: 0, first: null, last: null })),
  ].sort((x, y) => x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  const page = merged.slice(0, limit);
  const more = merged.length > limit;
  // Listed-only rows take their extent from their inputs, for this page only.
  const keys = page.filter((r) => r.id === 0).map((r) => r.key);
  const extents = new Map((await derivedStats(sql, keys)).map((d) => [d.key, d]));
  return {
    rows: page.map((row) => extents.get(row.key) ?? row),
    count: stored.count + listed.length,
    more,
  };
}

type Listed = NonNullable<SeriesFilter["extra"]>[number];

/** Whether a listed-only row passes the filters (not the cursor), as the SQL does stored rows. */
function matchesListed(e: Listed, filter: SeriesFilter, words: string[]): boolean {
  const text = `${e.key} ${e.name} ${ALIASES.get(e.key) ?? ""}`.toLowerCase();
  return (!filter.prefix || e.key.startsWith(filter.prefix)) &&
    (!filter.key || e.key === filter.key) &&
    (!filter.types?.length || filter.types.includes(e.type)) &&
    words.every((w) => text.includes(w));
}

/** The stored series of the page (up to `limit` + 1, after the cursor) and the count of matches. */
async function listStored(
  sql: Sql,
  filter: SeriesFilter,
  words: string[],
): Promise<{ rows: SeriesStats[]; count: number }> {
  const where = [sql`true`];
  if (filter.prefix) where.push(sql`starts_with(c.key, ${filter.prefix})`);
  if (filter.key) where.push(sql`c.key = ${filter.key}`);
  if (filter.types?.length) where.push(typeCondition(sql, filter.types));
  for (const word of words) where.push(sql`strpos(c.text, ${word}) > 0`);
  const condition = where.reduce((acc, part) => sql`${acc} and ${part}`);
  const aliases = words.length
    ? sql`left join unnest(${[...ALIASES.keys()]}::text[], ${[
      ...ALIASES.values(),
    ]}::text[]) as a(key, words) on a.key = s.key`
    : sql``;
  const text = words.length
    ? sql`lower(s.key || ' ' || s.name || ' ' || coalesce(a.words, ''))`
    : sql`''`;
  // A subquery, not a CTE: the page and the count each read it with their own plan, and type and
  // text are computed only when asked. Keys compare bytewise (collate "C"), as JavaScript does.
  const catalog = sql`(
    select s.id, s.key, s.name, s.unit, s.interval_seconds, s.feed, ${typeOf(sql)} as type,
      ${text} as text
    from series s ${aliases})`;
  const after = filter.after === undefined ? sql`true` : sql`c.key collate "C" > ${filter.after}`;
  const limit = filter.limit === undefined ? null : filter.limit + 1;
  // A search reads every row anyway: the count comes from the same pass.
  const paged = words.length || filter.types?.length
    ? sql`select * from (
        select c.*, count(*) over () as count from ${catalog} c where ${condition}
      ) c where ${after} order by c.key collate "C" limit ${limit}`
    : sql`select c.*, (select count(*) from ${catalog} c where ${condition}) as count
      from ${catalog} c where ${condition} and ${after} order by c.key collate "C" limit ${limit}`;
  const rows = await sql<(SeriesStats & { count: number })[]>`
    select p.id, p.key, p.name, p.unit, p.interval_seconds as "intervalSeconds", p.feed, p.type,
      (select o.ts from observations o where o.series_id = p.id order by o.ts asc limit 1) as first,
      (select o.ts from observations o where o.series_id = p.id order by o.ts desc limit 1) as last,
      p.count::int as count
    from (${paged}) p
    order by p.key collate "C"`;
  const count = rows.length > 0 ? rows[0].count : await countPassed(sql, filter, words);
  return { rows: rows.map(({ count: _, ...row }) => row), count };
}

/** The count when a page of stored rows is empty: zero, unless the cursor is past every match. */
async function countPassed(sql: Sql, filter: SeriesFilter, words: string[]): Promise<number> {
  if (filter.after === undefined) return 0;
  return (await listStored(sql, { ...filter, after: undefined, limit: 0 }, words)).count;
}
