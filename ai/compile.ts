/**
 * Compiles a validated VizSpec to one parameterized SQL statement over `observations` and its
 * rollups, and runs it. The level and source table of each series come from `planLevel` in
 * `db/query.ts`, and each level reads exactly as `queryObservations` does (M4 min/max windows
 * when a level holds more points than the budget), so the statement shown to a user is the one
 * that produced the preview. Series keys, instants and numbers are only ever bound parameters
 * (`$n`); table, column and function names come from fixed enums.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { type Level, type Plan, planLevel } from "../db/query.ts";
import { ValidationError } from "../domain/errors.ts";
import { findSeries } from "../domain/catalog.ts";
import { formatInstant, resolveRange, type VizSpec } from "../domain/vizspec.ts";

/** Options of {@link compileSpec}. */
export interface CompileOptions {
  /** The instant a rolling range ends at. */
  now: Date;
  /** Most points per series (1000); at least 2. */
  maxPoints?: number;
  /** Native interval in seconds per series key; the catalog's interval fills a missing key. */
  seriesIntervals?: Readonly<Record<string, number>>;
}

/** How one series is read. */
export interface SeriesPlan extends Plan {
  key: string;
  /** Table read. */
  source: "observations" | "observations_15m" | "observations_1h" | "observations_1d";
  /** True when min/max windows are kept instead of every bucket. */
  downsampled: boolean;
}

/** A compiled spec: the statement, its parameters and the per-series plan, in spec order. */
export interface CompiledSpec {
  sql: string;
  params: (string | number)[];
  plan: SeriesPlan[];
  start: Date;
  end: Date;
  agg: VizSpec["agg"];
}

const SOURCE: Record<Level, SeriesPlan["source"]> = {
  raw: "observations",
  "5m": "observations",
  "15m": "observations_15m",
  "1h": "observations_1h",
  "1d": "observations_1d",
};
const FIVE_MINUTE_AGG: Record<VizSpec["agg"], string> = {
  avg: "avg(value)",
  min: "min(value)",
  max: "max(value)",
  sum: "sum(value)",
  last: "(array_agg(value order by ts desc))[1]",
};
const ROLLUP_COLUMN: Record<VizSpec["agg"], string> = {
  avg: `"avg"`,
  min: `"min"`,
  max: `"max"`,
  sum: `"sum"`,
  last: `"last"`,
};

/** Collects bound parameters and answers their `$n` placeholders. */
class Params {
  readonly values: (string | number)[] = [];
  bind(value: string | number, cast: "text" | "timestamptz" | "float8"): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

function levelSql(p: Params, plan: SeriesPlan, agg: VizSpec["agg"], start: Date, end: Date) {
  const id = `(select id from series where key = ${p.bind(plan.key, "text")})`;
  // A rollup reads from the aligned bucket start, not the window start.
  const lower = plan.source === "observations" ? start : new Date(plan.alignedStart);
  const from = p.bind(formatInstant(lower), "timestamptz");
  const to = p.bind(formatInstant(end), "timestamptz");
  if (plan.level === "raw") {
    return `select extract(epoch from ts)::float8 * 1000 as t, value as v
      from observations where series_id = ${id} and ts >= ${from} and ts < ${to}`;
  }
  if (plan.level === "5m") {
    return `select extract(epoch from b)::float8 * 1000 as t, ${FIVE_MINUTE_AGG[agg]} as v from (
        select date_bin('5 minutes', ts, timestamptz '2000-01-01') as b, ts, value
        from observations where series_id = ${id} and ts >= ${from} and ts < ${to}) x
      group by b`;
  }
  return `select extract(epoch from bucket)::float8 * 1000 as t, ${ROLLUP_COLUMN[agg]} as v
    from ${plan.source} where series_id = ${id} and bucket >= ${from} and bucket < ${to}`;
}

function m4Sql(p: Params, level: string, plan: SeriesPlan, maxPoints: number): string {
  const windows = Math.floor(maxPoints / 2);
  const widthMs = plan.width * 1000 * Math.ceil(plan.estimate / windows);
  const origin = p.bind(plan.alignedStart, "float8");
  const width = p.bind(widthMs, "float8");
  return `select distinct p.t, p.v from (
      select (array_agg(t order by v, t))[1] as tmin, min(v) as vmin,
             (array_agg(t order by v desc, t))[1] as tmax, max(v) as vmax
      from (select t, v, floor((t - ${origin}) / ${width}) as k from (${level}) lv) b
      group by k) w
    cross join lateral (values (w.tmin, w.vmin), (w.tmax, w.vmax)) p(t, v)`;
}

function intervalOf(key: string, intervals: Readonly<Record<string, number>>): number {
  const seconds = intervals[key] ?? findSeries(key)?.interval;
  if (!seconds || !Number.isFinite(seconds) || seconds <= 0) {
    throw new ValidationError(`Series "${key}" has no known interval`, { parameter: "series" });
  }
  return seconds;
}

/**
 * Compiles `spec` to one statement answering `(i, t, v)` rows: `i` is the series' index in
 * `spec.series`, `t` epoch milliseconds, ordered by `i` then `t`.
 *
 * @example
 * const { sql, params } = compileSpec(spec, { now, seriesIntervals: { "spp.rt.hb_west": 900 } });
 * // sql: "... where series_id = (select id from series where key = $1::text) ..."
 */
export function compileSpec(spec: VizSpec, options: CompileOptions): CompiledSpec {
  const maxPoints = options.maxPoints ?? 1000;
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new ValidationError(`maxPoints ${maxPoints} is not an integer of at least 2`);
  }
  const { start, end } = resolveRange(spec.range, options.now);
  const intervals = options.seriesIntervals ?? {};
  const p = new Params();
  const plan: SeriesPlan[] = [];
  const parts = spec.series.map((key, i) => {
    const chosen = planLevel(intervalOf(key, intervals), start, end, spec.resolution, maxPoints);
    const one: SeriesPlan = {
      ...chosen,
      key,
      source: SOURCE[chosen.level],
      downsampled: chosen.estimate > maxPoints,
    };
    plan.push(one);
    const level = levelSql(p, one, spec.agg, start, end);
    const body = one.downsampled ? m4Sql(p, level, one, maxPoints) : level;
    return `select ${i} as i, t, v from (${body}) s${i}`;
  });
  const text = `select i, t, v from (\n${parts.join("\nunion all\n")}\n) q order by i, t`;
  return { sql: text, params: p.values, plan, start, end, agg: spec.agg };
}

/** One series' points as columns, like `queryObservations` answers. */
export interface SeriesPoints {
  key: string;
  /** Instants, epoch milliseconds, ascending. */
  t: number[];
  /** Values, same length as `t`. */
  v: number[];
}

/**
 * Runs a compiled statement and splits its rows into one column pair per series, in spec
 * order (a series with no rows gets empty columns).
 */
export async function runCompiled(sql: Sql, compiled: CompiledSpec): Promise<SeriesPoints[]> {
  const out = compiled.plan.map((s): SeriesPoints => ({ key: s.key, t: [], v: [] }));
  const rows = await sql.unsafe<{ i: number; t: number; v: number }[]>(
    compiled.sql,
    compiled.params,
  );
  for (const row of rows) {
    out[row.i].t.push(row.t);
    out[row.i].v.push(row.v);
  }
  return out;
}
