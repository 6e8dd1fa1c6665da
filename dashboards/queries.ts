/**
 * SQL for Grafana's `grafana-postgresql-datasource`: each panel becomes one
 * `rawSql` query with Grafana's macros (`$__timeFilter`, `$__timeGroupAlias`,
 * `$__time`, `$__timeFrom()`, `$__timeTo()`) answering `time, metric, value` rows.
 *
 * The level a panel reads follows its VizSpec: `raw` and `5m` read
 * `observations` (5m grouped by `$__timeGroupAlias`), `15m`/`1h`/`1d` read the
 * rollup of that name, and `auto` takes the finest level whose buckets over
 * the spec's range fit {@link MAX_POINTS}. A rollup only holds series finer
 * than its buckets, so for the others (an hourly price on the 1h level) the
 * query reads their raw observations instead, chosen in SQL by
 * `series.interval_seconds`. The level choice, the tables, bucket widths and aggregates are
 * those of the one observation reader (`db/query.ts`); the text is written with its statement
 * model (`db/statement.ts`), series keys as quoted literals.
 *
 * A derived series (`dart.hb_north`, `netload`, …) is computed by the same statement the API
 * reads it with (`readStatement`, db/derived.ts), its window bounds replaced by `$__timeFrom()`
 * and `$__timeTo()` (the start aligned as the API aligns it), one `SELECT` per derived key named
 * by its catalog name, joined to the stored series' rows by `UNION ALL`.
 *
 * A cross-section table (a `table` with a `cross_section`) runs the statement the cross-section
 * API runs (db/cross_section.ts) as a table frame: a rolling range reads Grafana's window (a
 * ranking at most its last 31 days), an absolute one its own instants.
 *
 * @module
 */
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import { resolveRange, type SeriesItem, type VizSpec } from "../domain/vizspec.ts";
import { findSeries } from "../domain/catalog.ts";
import { derivedSeries } from "../domain/derived.ts";
import { parseExpr } from "../domain/expr.ts";
import {
  aggregateSql,
  BUCKET_SECONDS,
  type Level,
  planLevel,
  readStatement,
  SOURCE,
} from "../db/query.ts";
import { commonInterval, exprStatement } from "../db/expr.ts";
import {
  bind,
  fixed,
  literal,
  type Part,
  type Statement,
  statement,
  toLiteralSql,
} from "../db/statement.ts";
import type { Binding } from "./model.ts";
import { crossSectionStatement, type InstantPart, topStatement } from "../db/cross_section.ts";
import { MAX_RANK_WINDOW_MS } from "../domain/cross_section.ts";

/** The datasource every query reads: provisioned by `dashboards/grafana/provisioning.ts`. */
export const DATASOURCE = { type: "grafana-postgresql-datasource", uid: "ercot-postgres" } as const;

const CENTRAL = "America/Chicago";

/** Points a panel's `auto` level may give over its range. */
export const MAX_POINTS = 1000;

// Spans of `last` ranges barely depend on the instant; a fixed one keeps output deterministic.
const REFERENCE_NOW = new Date("2026-01-01T06:00:00Z");

/** A query for the PostgreSQL datasource, in the shape Grafana stores. */
export interface PgQuery extends cog.Dataquery {
  refId: string;
  datasource: typeof DATASOURCE;
  editorMode: "code";
  format: "time_series" | "table";
  rawQuery: true;
  rawSql: string;
}

/**
 * A builder for one `rawSql` query, usable wherever the SDK takes a target.
 *
 * @example new TimeseriesPanelBuilder().withTarget(pgQuery("A", "SELECT ..."))
 */
export function pgQuery(
  refId: string,
  rawSql: string,
  format: PgQuery["format"] = "time_series",
): cog.Builder<PgQuery> {
  return {
    build: () => ({
      refId,
      datasource: { ...DATASOURCE },
      editorMode: "code",
      format,
      rawQuery: true,
      rawSql,
      _implementsDataqueryVariant() {},
    }),
  };
}

/** Native interval of a key: the catalog's, or its price family's for other points. */
export function seriesInterval(key: string): number {
  const known = findSeries(key);
  if (known) return known.interval;
  const family = key.split(".").slice(0, 2).join(".");
  return findSeries(`${family}.hb_north`)?.interval ?? 300;
}

function itemInterval(item: SeriesItem): number {
  return typeof item === "string" ? seriesInterval(item) : commonInterval(parseExpr(item.expr));
}

/** The level a panel reads (see the module doc). */
export function panelLevel(spec: VizSpec): Level {
  if (spec.resolution !== "auto") return spec.resolution;
  const finest = Math.min(...spec.series.map(itemInterval));
  const { start, end } = resolveRange(spec.range, REFERENCE_NOW);
  return planLevel(finest, start, end, "auto", MAX_POINTS).level;
}

/**
 * The SQL of one panel: its keys' rows (see the module doc), then one select per expression,
 * each the statement the API runs for it (db/expr.ts) with `$__timeFrom()` and `$__timeTo()`
 * for the window and the expression's label as its metric.
 */
export function panelSql(spec: VizSpec, binding?: Binding): string {
  const keys = spec.series.filter((s) => typeof s === "string");
  const exprs = spec.series.filter((s) => typeof s !== "string");
  const level = panelLevel(spec);
  const stored = keys.filter((k) => !derivedSeries(k));
  const derived = keys.filter((k) => derivedSeries(k));
  const selects = [
    ...(stored.length ? [storedSql(stored, spec, level, binding)] : []),
    ...derived.map((k) => derivedSql(k, spec, level)),
    ...exprs.map((e) => exprSql(e, spec, level)),
  ];
  return [...selects.flatMap((s, i) => i ? ["UNION ALL", s] : [s]), "ORDER BY 1, 2"].join("\n");
}

function storedSql(series: string[], spec: VizSpec, level: Level, binding?: Binding): string {
  const keys = `s.key IN (${series.map((k) => keyLiteral(k, binding)).join(", ")})`;
  if (level === "raw") return rawSelect(keys);
  if (level === "5m") {
    return [
      `SELECT $__timeGroupAlias(o.ts, '5m'), s.name AS metric, ${
        aggregateSql(spec.agg, "o.value", "o.ts")
      } AS value`,
      "FROM observations o JOIN series s ON s.id = o.series_id",
      `WHERE $__timeFilter(o.ts) AND ${keys}`,
      "GROUP BY 1, 2",
    ].join("\n");
  }
  const width = BUCKET_SECONDS[level];
  return [
    `SELECT $__time(r.bucket), s.name AS metric, r.${spec.agg} AS value`,
    `FROM ${SOURCE[level]} r JOIN series s ON s.id = r.series_id`,
    // A bucket that began before the window but reaches into it counts, as in queryObservations.
    `WHERE r.bucket > $__timeFrom()::timestamptz - interval '${width} seconds'`,
    `  AND r.bucket < $__timeTo()::timestamptz AND ${keys} AND s.interval_seconds < ${width}`,
    "UNION ALL",
    rawSelect(`${keys} AND s.interval_seconds >= ${width}`),
  ].join("\n");
}

// Stand-ins for the window bounds while the derived statement is written: hour-aligned, so the
// aligned start a level plans is the start itself; replaced by Grafana's macros afterwards.
const SENTINEL_START = new Date("1999-01-04T06:00:00Z");
const SENTINEL_END = new Date("1999-01-05T06:00:00Z");
const TIME_FROM = "$__timeFrom()::timestamptz";

/** The window start as the API aligns it at a level: to 15 minutes at 15m, the hour above. */
function alignedFrom(level: Level): string {
  if (level === "raw" || level === "5m") return TIME_FROM;
  const unit = level === "15m" ? "15 minutes" : "1 hour";
  return `date_bin('${unit}', ${TIME_FROM}, timestamptz '2000-01-01')`;
}

/** `s` with the sentinel bounds replaced by Grafana's macros. */
function withMacros(s: Statement, level: Level): Statement {
  const swap = (part: Part): Part => {
    if (part.kind === "statement") return withMacros(part, level);
    if (part.kind !== "bound" || !(part.value instanceof Date)) return part;
    if (part.value.getTime() === SENTINEL_START.getTime()) return fixed(alignedFrom(level));
    if (part.value.getTime() === SENTINEL_END.getTime()) return fixed("$__timeTo()::timestamptz");
    throw new Error(`Derived panel SQL binds an instant ${part.value.toISOString()} of its own`);
  };
  return { ...s, parts: s.parts.map(swap) };
}

/** One expression at the panel's level, the statement the API runs, its label as the metric. */
function exprSql(item: { expr: string; label: string }, spec: VizSpec, level: Level): string {
  const read = exprStatement(parseExpr(item.expr), {
    start: SENTINEL_START,
    end: SENTINEL_END,
    resolution: level,
    agg: spec.agg,
    maxPoints: Number.MAX_SAFE_INTEGER,
  });
  const label = literal(bind(item.label.trim(), "text"));
  return [
    `SELECT to_timestamp(e.t / 1000.0) AS "time", ${label} AS metric, e.v AS value`,
    `FROM (${toLiteralSql(withMacros(read.points, read.level))}) e`,
  ].join("\n");
}

/** One derived series at the panel's level, read by the API's statement, as `time, metric, value`. */
function derivedSql(key: string, spec: VizSpec, level: Level): string {
  const d = derivedSeries(key)!;
  const plan = planLevel(d.interval, SENTINEL_START, SENTINEL_END, level, Number.MAX_SAFE_INTEGER);
  const { points } = readStatement({ key }, plan, {
    agg: spec.agg,
    start: SENTINEL_START,
    end: SENTINEL_END,
    maxPoints: Number.MAX_SAFE_INTEGER,
  });
  const name = toLiteralSql(statement`${bind(d.name, "text")}`);
  return [
    `SELECT $__time(d.ts), ${name} AS metric, d.v AS value`,
    "FROM (SELECT to_timestamp(p.t / 1000) AS ts, p.v FROM (",
    toLiteralSql(withMacros(points, plan.level)),
    ") p) d",
  ].join("\n");
}

/**
 * The SQL of a heat map panel: its first series' hourly values (the 1 h level, or raw rows for a
 * series as coarse) as `time` = the Central day's midnight, `metric` = the Central wall-clock
 * hour `00`–`23`, `value` = their mean. Grafana's rows heat map draws each hour as a bucket; both
 * passes of the repeated 01:00 on a fall-back day share one cell, as in the web UI.
 */
export function heatmapSql(spec: VizSpec, binding?: Binding): string {
  const hourly = panelSql({ ...spec, series: spec.series.slice(0, 1), resolution: "1h" }, binding);
  const wall = `d."time" AT TIME ZONE '${CENTRAL}'`;
  return [
    `SELECT date_trunc('day', ${wall}) AT TIME ZONE '${CENTRAL}' AS "time",`,
    `  to_char(${wall}, 'HH24') AS metric, avg(d.value) AS value`,
    "FROM (",
    hourly,
    ") d",
    "GROUP BY 1, 2",
    "ORDER BY 1, 2",
  ].join("\n");
}

/**
 * The SQL of a duration curve panel: each series' values at the panel's level, high to low, as
 * `percent` (`percent_rank()` over the values in descending order, 0–100), `metric`, `value`.
 */
export function durationSql(spec: VizSpec, binding?: Binding): string {
  return [
    "SELECT percent_rank() OVER (PARTITION BY d.metric ORDER BY d.value DESC) * 100 AS percent,",
    "  d.metric, d.value",
    "FROM (",
    panelSql(spec, binding),
    ") d",
    "WHERE d.value IS NOT NULL",
    "ORDER BY 2, 1, 3 DESC",
  ].join("\n");
}

/** The SQL of the grid-condition annotation: assessments that were not normal. */
export function gridConditionSql(): string {
  return [
    "SELECT $__time(g.assessed_at), coalesce(nullif(g.title, ''), g.state) AS text,",
    "  g.state AS tags",
    "FROM grid_status g",
    "WHERE $__timeFilter(g.assessed_at) AND (g.eea_level > 0 OR g.state <> 'normal')",
    "ORDER BY 1",
  ].join("\n");
}

function rawSelect(where: string): string {
  return [
    "SELECT $__time(o.ts), s.name AS metric, o.value AS value",
    "FROM observations o JOIN series s ON s.id = o.series_id",
    `WHERE $__timeFilter(o.ts) AND ${where}`,
  ].join("\n");
}

/** A key as a quoted literal; a bound key's point is the board's template variable. */
function keyLiteral(key: string, binding?: Binding): string {
  const quoted = (text: string) => statement`${bind(text, "text")}`;
  if (!binding || !key.endsWith(`.${binding.point}`)) return toLiteralSql(quoted(key));
  const prefix = key.slice(0, key.length - binding.point.length);
  const variable = fixed(`\${${binding.variable}:sqlstring}`);
  return toLiteralSql(statement`${quoted(prefix)} || ${variable}`);
}

/**
 * The SQL of a cross-section table panel: `(key, point, value, instant)` rows of every point at
 * one instant, or `(rank, key, point, value, intervals)` rows of a ranking.
 */
export function crossSectionSql(spec: VizSpec): string {
  const xs = spec.cross_section;
  if (!xs) throw new Error(`Panel "${spec.title}" has no cross_section`);
  const rolling = "last" in spec.range;
  const to: InstantPart = fixed("$__timeTo()::timestamptz");
  const { start, end } = resolveRange(spec.range, REFERENCE_NOW);
  if (!xs.top) {
    const at = xs.at ? new Date(xs.at) : rolling ? to : new Date(end.getTime() - 1);
    return toLiteralSql(crossSectionStatement({ family: xs.family, at, type: xs.type }));
  }
  const days = MAX_RANK_WINDOW_MS / 86_400_000;
  const from: InstantPart = fixed(
    `greatest($__timeFrom()::timestamptz, $__timeTo()::timestamptz - interval '${days} days')`,
  );
  const window = rolling ? { start: from, end: to } : { start, end };
  return toLiteralSql(topStatement({ family: xs.family, ...xs.top, ...window, type: xs.type }));
}
