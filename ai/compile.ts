/**
 * Compiles a validated VizSpec to one parameterized SQL statement over `observations` and its
 * rollups, and runs it. Each series is read by `readStatement` of `db/query.ts` — the statement
 * `queryObservations` runs, level, source table and M4 min/max windows included — rendered here
 * as text with `$n` placeholders, so the statement shown to a user is the one that produced the
 * preview. Series keys, instants and numbers are only ever bound parameters; table, column and
 * function names come from fixed enums. A `table` with a `cross_section` compiles to the one
 * statement the cross-section API runs (db/cross_section.ts), through {@link compileTable}.
 *
 * @module
 */
import { chartRead } from "../domain/chart_read.ts";
import type { Sql } from "../db/client.ts";
import { type Plan, planLevel, readStatement, type Source } from "../db/query.ts";
import {
  fixed,
  joinStatements,
  type Statement,
  statement,
  toParameterized,
} from "../db/statement.ts";
import { ValidationError } from "../domain/errors.ts";
import { findSeries } from "../domain/catalog.ts";
import { resolveRange, type SeriesItem, type VizSpec } from "../domain/vizspec.ts";
import { parseExpr } from "../domain/expr.ts";
import { exprStatement } from "../db/expr.ts";
import { planTable, type TableData } from "../db/table_read.ts";

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
  /** The series key, or an expression's text. */
  key: string;
  /** An expression's label and unit; absent for a key. */
  expr?: { label: string; unit: string };
  /** Table read. */
  source: Source;
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

function intervalOf(key: string, intervals: Readonly<Record<string, number>>): number {
  const seconds = intervals[key] ?? findSeries(key)?.interval;
  if (!seconds || !Number.isFinite(seconds) || seconds <= 0) {
    throw new ValidationError(`Series "${key}" has no known interval`, { parameter: "series" });
  }
  return seconds;
}

/** How one series item is read: a key through readStatement, an expression through db/expr.ts. */
function readItem(
  item: SeriesItem,
  o: Pick<VizSpec, "resolution" | "agg"> & {
    start: Date;
    end: Date;
    maxPoints: number;
    intervals: Readonly<Record<string, number>>;
  },
): { points: Statement; plan: SeriesPlan } {
  if (typeof item !== "string") {
    const expr = parseExpr(item.expr);
    const read = exprStatement(expr, o);
    const { source, downsampled } = read;
    const extra = { key: expr.text, expr: { label: item.label.trim(), unit: expr.unit } };
    return { points: read.points, plan: { ...read.plan, ...extra, source, downsampled } };
  }
  const key = item;
  const chosen = planLevel(intervalOf(key, o.intervals), o.start, o.end, o.resolution, o.maxPoints);
  const read = readStatement({ key }, chosen, o);
  const plan = { ...chosen, key, source: read.source, downsampled: read.downsampled };
  return { points: read.points, plan };
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
  if (spec.cross_section) {
    throw new ValidationError(
      "A cross-section table reads no series: compile it with compileTable",
    );
  }
  const maxPoints = options.maxPoints ?? 1000;
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new ValidationError(`maxPoints ${maxPoints} is not an integer of at least 2`);
  }
  const { start, end } = resolveRange(spec.range, options.now);
  const intervals = options.seriesIntervals ?? {};
  const plan: SeriesPlan[] = [];
  // A heat map reads hours, as many as its window holds.
  const { resolution, maxPoints: budget } = chartRead(spec, start, end, maxPoints);
  const parts = spec.series.map((item, i) => {
    const read = readItem(item, {
      ...spec,
      resolution,
      start,
      end,
      maxPoints: budget,
      intervals,
    });
    plan.push(read.plan);
    const n = fixed(String(i));
    return statement`select ${n} as i, t, v from (${read.points}) s${n}`;
  });
  const all = statement`select i, t, v from (
${joinStatements(parts, "\nunion all\n")}
) q order by i, t`;
  const { text, params } = toParameterized(all);
  return { sql: text, params, plan, start, end, agg: spec.agg };
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

/** A compiled cross-section table: the statement, its parameters, and how to shape its rows. */
export interface CompiledTable {
  sql: string;
  params: (string | number)[];
  start: Date;
  end: Date;
  shape(rows: readonly Record<string, unknown>[]): TableData;
}

/**
 * Compiles a `table` spec with a `cross_section` to the statement `/api/v1/cross-section` (or
 * `/top`) runs for the same parameters. Throws {@link ValidationError} for any other spec.
 *
 * @example const { sql, params } = compileTable(spec, { now });
 */
export function compileTable(spec: VizSpec, options: { now: Date }): CompiledTable {
  if (!spec.cross_section) {
    throw new ValidationError(`A ${spec.chart} spec has no cross_section to compile`);
  }
  const { start, end } = resolveRange(spec.range, options.now);
  const read = planTable(spec.cross_section, spec.range, options.now);
  const { text, params } = toParameterized(read.statement);
  return { sql: text, params, start, end, shape: read.shape };
}

/** Runs a compiled table's statement as shown, and shapes its rows. */
export async function runCompiledTable(sql: Sql, compiled: CompiledTable): Promise<TableData> {
  return compiled.shape(await sql.unsafe(compiled.sql, compiled.params));
}
