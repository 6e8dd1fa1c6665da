/**
 * The preview of a spec: its compiled SQL run against the database, shaped as the columnar
 * JSON of `GET /api/v1/observations` (`t` in epoch seconds), with the SQL text for display. A
 * cross-section table previews as the rows `GET /api/v1/cross-section` answers, and no series.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { findSeries } from "../domain/catalog.ts";
import { compileSpec, compileTable, runCompiled, runCompiledTable } from "./compile.ts";
import type { TableData } from "../db/table_read.ts";
import { type VizSpec } from "../domain/vizspec.ts";

/** One series of a preview. */
export interface PreviewSeries {
  key: string;
  name: string;
  unit: string;
  interval_seconds: number;
  resolution: "raw" | "5m" | "15m" | "1h" | "1d";
  agg: VizSpec["agg"];
  downsampled: boolean;
  /** Interval starts, epoch seconds. */
  t: number[];
  v: number[];
}

/** A preview and the statement that produced it. */
export interface Preview {
  preview: { series: PreviewSeries[]; start: string; end: string; table?: TableData };
  sql: string;
  params: (string | number)[];
}

interface SeriesMeta {
  key: string;
  name: string;
  unit: string;
  interval_seconds: number;
}

async function seriesMeta(sql: Sql, keys: string[]): Promise<Map<string, SeriesMeta>> {
  const rows = await sql<SeriesMeta[]>`
    select key, name, unit, interval_seconds from series where key = any(${keys}::text[])`;
  const known = new Map(rows.map((r) => [r.key, r]));
  for (const key of keys) {
    const info = findSeries(key);
    if (!known.has(key) && info) {
      known.set(key, { key, name: info.name, unit: info.unit, interval_seconds: info.interval });
    }
  }
  return known;
}

/**
 * Compiles and runs `spec` at `now`, at most `maxPoints` (1000) points per series. A catalog
 * series with no data yet answers empty columns.
 */
export async function previewSpec(
  sql: Sql,
  spec: VizSpec,
  options: { now: Date; maxPoints?: number },
): Promise<Preview> {
  if (spec.cross_section) {
    const compiled = compileTable(spec, options);
    const table = await runCompiledTable(sql, compiled);
    const [start, end] = [compiled.start.toISOString(), compiled.end.toISOString()];
    return {
      preview: { series: [], start, end, table },
      sql: compiled.sql,
      params: compiled.params,
    };
  }
  const meta = await seriesMeta(sql, spec.series.filter((s) => typeof s === "string"));
  const intervals = Object.fromEntries([...meta].map(([k, m]) => [k, m.interval_seconds]));
  const compiled = compileSpec(spec, { ...options, seriesIntervals: intervals });
  const points = await runCompiled(sql, compiled);
  const series = compiled.plan.map((plan, i): PreviewSeries => {
    const m = plan.expr
      ? { name: plan.expr.label, unit: plan.expr.unit, interval_seconds: plan.width }
      : meta.get(plan.key) as SeriesMeta;
    return {
      key: plan.key,
      name: m.name,
      unit: m.unit,
      interval_seconds: m.interval_seconds,
      resolution: plan.level,
      agg: compiled.agg,
      downsampled: plan.downsampled,
      t: points[i].t.map((ms) => ms / 1000),
      v: points[i].v,
    };
  });
  return {
    preview: {
      series,
      start: compiled.start.toISOString(),
      end: compiled.end.toISOString(),
    },
    sql: compiled.sql,
    params: compiled.params,
  };
}
