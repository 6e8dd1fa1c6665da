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
 * @module
 */
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import { resolveRange, type SeriesItem, type VizSpec } from "../domain/vizspec.ts";
import { findSeries } from "../domain/catalog.ts";
import { parseExpr } from "../domain/expr.ts";
import { aggregateSql, BUCKET_SECONDS, type Level, planLevel, SOURCE } from "../db/query.ts";
import { commonInterval, exprStatement } from "../db/expr.ts";
import { bind, fixed, literal, statement, toLiteralSql } from "../db/statement.ts";
import type { Binding } from "./model.ts";

/** The datasource every query reads: provisioned by `dashboards/grafana/provisioning.ts`. */
export const DATASOURCE = { type: "grafana-postgresql-datasource", uid: "ercot-postgres" } as const;

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
  const parts = [
    ...(keys.length ? [keysSql(spec, keys, binding).replace(/\nORDER BY 1, 2$/, "")] : []),
    ...exprs.map((e) => exprSql(spec, e)),
  ];
  return `${parts.join("\nUNION ALL\n")}\nORDER BY 1, 2`;
}

// Stand-ins for the window, replaced by Grafana's macros in the expression's literal SQL.
const FROM = new Date("1901-01-01T00:00:00Z");
const TO = new Date("1901-01-02T00:00:00Z");

function exprSql(spec: VizSpec, item: { expr: string; label: string }): string {
  const level = panelLevel(spec);
  const o = { start: FROM, end: TO, resolution: level, agg: spec.agg, maxPoints: 1e15 };
  const text = toLiteralSql(exprStatement(parseExpr(item.expr), o).points)
    .replaceAll(literal(bind(FROM, "timestamptz")), "$__timeFrom()::timestamptz")
    .replaceAll(literal(bind(TO, "timestamptz")), "$__timeTo()::timestamptz");
  const label = literal(bind(item.label.trim(), "text"));
  return [
    `SELECT to_timestamp(e.t / 1000.0) AS "time", ${label} AS metric, e.v AS value`,
    `FROM (${text}) e`,
  ].join("\n");
}

function keysSql(spec: VizSpec, series: readonly string[], binding?: Binding): string {
  const keys = `s.key IN (${series.map((k) => keyLiteral(k, binding)).join(", ")})`;
  const level = panelLevel(spec);
  if (level === "raw") return [rawSelect(keys), "ORDER BY 1, 2"].join("\n");
  if (level === "5m") {
    return [
      `SELECT $__timeGroupAlias(o.ts, '5m'), s.name AS metric, ${
        aggregateSql(spec.agg, "o.value", "o.ts")
      } AS value`,
      "FROM observations o JOIN series s ON s.id = o.series_id",
      `WHERE $__timeFilter(o.ts) AND ${keys}`,
      "GROUP BY 1, 2",
      "ORDER BY 1, 2",
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
    "ORDER BY 1, 2",
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
