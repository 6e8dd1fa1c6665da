/**
 * Expressions over series compiled to SQL on aligned buckets. Every key is read at one common
 * level — the coarsest native interval among the keys, or the requested level when coarser —
 * through {@link readStatement}, and the reads are joined on the bucket instant: an instant where
 * any key has no value has no result. Numbers are bound, operators are fixed text from the
 * grammar, and a division by a value of zero gives no value for that instant (`nullif`). M4
 * min/max windows go on top when the level holds more than `maxPoints`, as for a series.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import { type Expr, type ExprNode } from "../domain/expr.ts";
import { findSeries } from "../domain/catalog.ts";
import { isDerived } from "../domain/derived.ts";
import { bind, fixed, type Statement, statement, toFragment } from "./statement.ts";
import {
  type Agg,
  type Level,
  m4Statement,
  type Plan,
  planLevel,
  readPairs,
  readStatement,
  type Resolution,
  type SeriesData,
  SOURCE,
  type Source,
} from "./query.ts";

/** What {@link exprStatement} answers. */
export interface ExprStatement {
  /** `(t, v)` rows, `t` in epoch milliseconds; unordered. */
  points: Statement;
  /** The common plan the keys are read at. */
  plan: Plan;
  /** Table the common level reads. */
  source: Source;
  /** The level every key is read at (the plan's, or the common native level when it is raw). */
  level: Level;
  downsampled: boolean;
}

/** The level whose bucket is `seconds` wide; a native interval under 5 minutes reads raw. */
function levelOf(seconds: number): Level {
  if (seconds >= 86400) return "1d";
  if (seconds >= 3600) return "1h";
  if (seconds >= 900) return "15m";
  if (seconds >= 300) return "5m";
  return "raw";
}

/** The coarsest native interval among the keys, in seconds. */
export function commonInterval(expr: Expr): number {
  return Math.max(...expr.keys.map((k) => findSeries(k)!.interval));
}

/**
 * The statement computing an expression over `[start, end)`.
 *
 * @example
 * const { points } = exprStatement(parseExpr("spp.rt.lz_west - spp.rt.hb_west"), {
 *   start, end, resolution: "auto", agg: "avg", maxPoints: 1000,
 * });
 */
export function exprStatement(
  expr: Expr,
  o: { start: Date; end: Date; resolution: Resolution; agg: Agg; maxPoints: number },
): ExprStatement {
  const common = commonInterval(expr);
  const plan = planLevel(common, o.start, o.end, o.resolution, o.maxPoints);
  const level = plan.level === "raw" ? levelOf(common) : plan.level;
  const reads = expr.keys.map((key) => {
    const own = findSeries(key)!.interval;
    const keyPlan = planLevel(own, o.start, o.end, level, Number.MAX_SAFE_INTEGER);
    return readStatement({ key }, keyPlan, { ...o, maxPoints: Number.MAX_SAFE_INTEGER }).points;
  });
  const from = reads.map((read, i) =>
    i === 0
      ? statement`(${read}) ${fixed(`k0`)}`
      : statement` join (${read}) ${fixed(`k${i} on k${i}.t = k0.t`)}`
  );
  const joined = statement`select k0.t as t, ${valueSql(expr.root, expr.keys)} as v from ${
    from.reduce((all, part) => statement`${all}${part}`)
  }`;
  const level_ = statement`select t, v from (${joined}) e where v is not null`;
  const downsampled = plan.estimate > o.maxPoints;
  return {
    points: downsampled ? m4Statement(level_, plan, o.maxPoints) : level_,
    plan,
    level,
    source: expr.keys.some(isDerived) ? "derived" : SOURCE[plan.level],
    downsampled,
  };
}

function valueSql(node: ExprNode, keys: readonly string[]): Statement {
  switch (node.kind) {
    case "number":
      return statement`${bind(node.value, "float8")}::float8`;
    case "key":
      return statement`${fixed(`k${keys.indexOf(node.key)}.v`)}::float8`;
    case "negate":
      return statement`(- ${valueSql(node.arg, keys)})`;
    case "binary": {
      const [left, right] = [valueSql(node.left, keys), valueSql(node.right, keys)];
      if (node.op === "/") return statement`(${left} / nullif(${right}, 0))`;
      return statement`(${left} ${fixed(node.op)} ${right})`;
    }
  }
}

/**
 * Runs an expression and answers it like a series: key = the expression text, name = `label`.
 *
 * @example
 * const data = await queryExpression(sql, expr, "West basis", { start, end });
 */
export async function queryExpression(
  sql: Sql,
  expr: Expr,
  label: string,
  o: { start: Date; end: Date; resolution?: Resolution; agg?: Agg; maxPoints?: number },
): Promise<SeriesData> {
  const opts = {
    start: o.start,
    end: o.end,
    resolution: o.resolution ?? "auto",
    agg: o.agg ?? "avg",
    maxPoints: o.maxPoints ?? 1000,
  };
  const read = exprStatement(expr, opts);
  const { t, v } = await readPairs(sql, toFragment(sql, read.points));
  return {
    key: expr.text,
    name: label,
    unit: expr.unit,
    intervalSeconds: read.plan.width,
    resolution: read.plan.level,
    agg: opts.agg,
    source: read.source,
    downsampled: read.downsampled,
    t,
    v,
  };
}
