/**
 * The data behind a dashboard's panels, read with `queryObservations` within
 * a point budget: each panel over its own range, or over one range given for
 * the whole dashboard. Series that have no rows in the catalog table yet are
 * listed as missing instead of failing the panel. A cross-section table reads its rows through
 * the cross-section statements (db/table_read.ts); under a dashboard-wide range longer than a
 * ranking may read (31 days), a ranking keeps its own range.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { type Level, queryObservations, type SeriesData } from "../db/query.ts";
import { queryExpression } from "../db/expr.ts";
import { parseExpr } from "../domain/expr.ts";
import { resolveRange, type SeriesItem, type VizRange, type VizSpec } from "../domain/vizspec.ts";
import { findSeries } from "../domain/catalog.ts";
import { derivedSeries, isDerived } from "../domain/derived.ts";
import { chartRead } from "../domain/chart_read.ts";
import { seriesInterval } from "./queries.ts";
import { readTable, type TableData } from "../db/table_read.ts";
import { windowMs } from "../domain/duration.ts";
import { MAX_RANK_WINDOW_MS } from "../domain/cross_section.ts";

/** One series of a panel, columnar, `t` in epoch seconds. */
export interface PanelSeries {
  key: string;
  name: string;
  unit: string;
  resolution: Level;
  downsampled: boolean;
  t: number[];
  v: number[];
}

/** One panel's data. */
export interface PanelData {
  panelId: string;
  title: string;
  chart: VizSpec["chart"];
  start: Date;
  end: Date;
  series: PanelSeries[];
  /** Keys the database does not know yet. */
  missing: string[];
  /** A cross-section table's rows (then `series` is empty). */
  table?: TableData;
}

/** Options of {@link panelData}. */
export interface PanelDataOptions {
  /** The instant relative ranges end at. */
  now: Date;
  /** One range for every panel; each panel's own when absent. */
  range?: VizRange;
  /** Points per series (1000). */
  maxPoints?: number;
}

/**
 * Reads every panel's series.
 *
 * @example const data = await panelData(sql, dashboard.panels, { now: clock() });
 */
export async function panelData(
  sql: Sql,
  panels: readonly { id: string; spec: VizSpec }[],
  opts: PanelDataOptions,
): Promise<PanelData[]> {
  const keys = [...new Set(panels.flatMap((p) => p.spec.series.filter(isKey)))];
  const rows = keys.length === 0 ? [] : await sql<{ key: string }[]>`
    select key from series where key = any(${keys}::text[])`;
  // A derived series has no row: it is computed from its inputs, empty while they have no data.
  const known = new Set([...rows.map((r) => r.key), ...keys.filter(isDerived)]);
  const out: PanelData[] = [];
  for (const panel of panels) out.push(await onePanel(sql, panel, known, opts));
  return out;
}

const isKey = (item: SeriesItem): item is string => typeof item === "string";

async function onePanel(
  sql: Sql,
  panel: { id: string; spec: VizSpec },
  known: Set<string>,
  opts: PanelDataOptions,
): Promise<PanelData> {
  const { spec } = panel;
  if (spec.cross_section) return await tablePanel(sql, panel, opts);
  const { start, end } = resolveRange(opts.range ?? spec.range, opts.now);
  const chart = chartRead(spec, start, end, opts.maxPoints ?? 1000);
  const read = { start, end, resolution: chart.resolution, agg: spec.agg };
  const maxPoints = chart.maxPoints;
  const present = spec.series.filter(isKey).filter((k) => known.has(k));
  const stored = present.length === 0
    ? []
    : await queryObservations(sql, { keys: present, ...read, maxPoints });
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const data: SeriesData[] = [];
  for (const item of spec.series) {
    if (typeof item === "string") {
      const found = byKey.get(item);
      if (found) data.push(found);
    } else {
      data.push(
        await queryExpression(sql, parseExpr(item.expr), item.label.trim(), {
          ...read,
          maxPoints,
        }),
      );
    }
  }
  return {
    panelId: panel.id,
    title: spec.title,
    chart: spec.chart,
    start,
    end,
    series: data.map((s) => ({
      key: s.key,
      name: s.name,
      unit: s.unit,
      resolution: s.resolution,
      downsampled: s.downsampled,
      t: s.t.map((ms) => ms / 1000),
      v: s.v,
    })),
    missing: spec.series.filter(isKey).filter((k) => !known.has(k)),
  };
}

function spanMs(range: VizRange): number {
  return "last" in range
    ? windowMs(range.last) ?? Infinity
    : Date.parse(range.end) - Date.parse(range.start);
}

async function tablePanel(
  sql: Sql,
  panel: { id: string; spec: VizSpec },
  opts: PanelDataOptions,
): Promise<PanelData> {
  const { spec } = panel;
  const xs = spec.cross_section!;
  const wide = opts.range && !(xs.top && spanMs(opts.range) > MAX_RANK_WINDOW_MS);
  const range = wide ? opts.range! : spec.range;
  const { start, end } = resolveRange(range, opts.now);
  const table = await readTable(sql, xs, range, opts.now);
  return {
    panelId: panel.id,
    title: spec.title,
    chart: spec.chart,
    start,
    end,
    series: [],
    missing: [],
    table,
  };
}

/** What a shared view shows about a series. */
export interface SeriesMeta {
  key: string;
  name: string;
  unit: string;
  intervalSeconds: number;
  /** Whether the database has the series yet. */
  stored: boolean;
}

/**
 * Name, unit and interval of each key, in the order given: from the database
 * when stored, else from the catalog (a settlement point outside it is a
 * $/MWh price named by its key).
 */
export async function seriesMeta(sql: Sql, keys: readonly string[]): Promise<SeriesMeta[]> {
  const inputs = keys.flatMap((k) => derivedSeries(k)?.inputs ?? []);
  const asked = [...new Set([...keys, ...inputs])];
  const rows = asked.length === 0 ? [] : await sql<Omit<SeriesMeta, "stored">[]>`
    select key, name, unit, interval_seconds as "intervalSeconds"
    from series where key = any(${asked}::text[])`;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.map((key) => {
    const row = byKey.get(key);
    if (row) return { ...row, stored: true };
    const d = derivedSeries(key);
    if (d) {
      const { name, unit, interval: intervalSeconds } = d;
      // Stored once every input is (the grid condition has its own table).
      return { key, name, unit, intervalSeconds, stored: d.inputs.every((k) => byKey.has(k)) };
    }
    const info = findSeries(key);
    return {
      key,
      name: info?.name ?? key,
      unit: info?.unit ?? "$/MWh",
      intervalSeconds: info?.interval ?? seriesInterval(key),
      stored: false,
    };
  });
}
