/**
 * What the overview shows: its tiles and charts, each naming candidate
 * series in order of preference. Only series with data are used, and each
 * chart spans the 24 hours up to its newest point, so a stale feed still
 * draws (marked stale) instead of an empty "last 24 hours".
 *
 * @module
 */
import type { SeriesInfo } from "./data.ts";
import type { PlotKind } from "./plot.ts";

/** A tile: one value, from the candidate series whose data is newest. */
export interface TileDef {
  id: string;
  label: string;
  candidates: string[];
  /** The PRC tile takes the grid condition's colour. */
  grid?: boolean;
}

/** A chart: every candidate with data, or the first group with any. */
export interface ChartDef {
  id: string;
  title: string;
  kind: PlotKind;
  stacked?: boolean;
  /** Alternatives in order of preference; each is a list of series keys or a key prefix (`gen.`). */
  groups: (string[] | string)[];
  /**
   * Series whose newest point ends the window (actuals, so forecasts that run days ahead do not
   * push them out of view); every drawn series when absent or when none of these has data.
   */
  anchor?: string[];
}

const hub = (name: string, label: string): TileDef => ({
  id: `hub-${name}`,
  label: `${label} hub price`,
  candidates: [`spp.rt.hb_${name}`, `lmp.rt.hb_${name}`],
});

/** The tiles, in reading order. */
export const TILES: TileDef[] = [
  hub("houston", "Houston"),
  hub("north", "North"),
  hub("south", "South"),
  hub("west", "West"),
  { id: "demand", label: "System demand", candidates: ["demand.rt", "load.actual"] },
  { id: "prc", label: "Reserves (PRC)", candidates: ["reserves.prc"], grid: true },
  { id: "wind", label: "Wind", candidates: ["gen.wind", "wind.actual"] },
  { id: "solar", label: "Solar", candidates: ["gen.solar", "solar.actual"] },
];

/** The charts, in reading order. */
export const CHARTS: ChartDef[] = [
  {
    id: "prices",
    title: "Hub prices",
    kind: "line",
    groups: [
      ["spp.rt.hb_houston", "spp.rt.hb_north", "spp.rt.hb_south", "spp.rt.hb_west"],
      ["lmp.rt.hb_houston", "lmp.rt.hb_north", "lmp.rt.hb_south", "lmp.rt.hb_west"],
    ],
  },
  {
    id: "demand",
    title: "Demand and forecast",
    kind: "line",
    groups: [["demand.rt", "capacity.available"], ["load.actual", "load.forecast"]],
    anchor: ["demand.rt", "load.actual"],
  },
  { id: "fuel", title: "Generation by fuel", kind: "area", stacked: true, groups: ["gen."] },
  {
    id: "renewables",
    title: "Wind and solar, actual and forecast",
    kind: "line",
    groups: [["wind.actual", "wind.stwpf", "solar.actual", "solar.stppf"]],
    anchor: ["wind.actual", "solar.actual"],
  },
];

const hasData = (s: SeriesInfo | undefined): s is SeriesInfo => Boolean(s?.last);

/** The series a tile shows: the candidate with data whose newest point is latest. */
export function tileSeries(def: TileDef, catalog: Map<string, SeriesInfo>): SeriesInfo | undefined {
  return def.candidates.map((k) => catalog.get(k)).filter(hasData)
    .sort((a, b) => Date.parse(b.last!) - Date.parse(a.last!))[0];
}

/** The series a chart draws: the first group with data, its members that have data. */
export function chartSeries(def: ChartDef, catalog: Map<string, SeriesInfo>): SeriesInfo[] {
  for (const group of def.groups) {
    const found = typeof group === "string"
      ? [...catalog.values()].filter((s) => s.key.startsWith(group) && hasData(s))
      : group.map((k) => catalog.get(k)).filter(hasData);
    if (found.length) return found;
  }
  return [];
}

/**
 * The 24-hour window ending just after the newest point of `series` (of those named in
 * `anchor`, when any of them is there), as ISO instants.
 */
export function latestWindow(
  series: SeriesInfo[],
  anchor: string[] = [],
): { start: string; end: string } {
  const anchored = series.filter((s) => anchor.includes(s.key));
  const ends = anchored.length ? anchored : series;
  const newest = Math.max(...ends.map((s) => Date.parse(s.last!) + s.interval_seconds * 1000));
  return {
    start: new Date(newest - 86_400_000).toISOString(),
    end: new Date(newest).toISOString(),
  };
}

/** A window as ISO instants. */
export interface IsoWindow {
  start: string;
  end: string;
}

/** What the overview reads in one request: every series it shows, over one window covering all. */
export interface OverviewQuery extends IsoWindow {
  series: string[];
}

/**
 * The single observations request behind every tile and chart: the union of their series and of
 * their windows (each consumer then keeps its own window with {@link within}); null before any
 * of them has data.
 */
export function overviewQuery(catalog: Map<string, SeriesInfo>): OverviewQuery | null {
  const uses: { keys: string[]; window: IsoWindow }[] = [];
  for (const def of TILES) {
    const s = tileSeries(def, catalog);
    if (s) uses.push({ keys: [s.key], window: latestWindow([s]) });
  }
  for (const def of CHARTS) {
    const series = chartSeries(def, catalog);
    if (series.length) {
      uses.push({ keys: series.map((s) => s.key), window: latestWindow(series, def.anchor) });
    }
  }
  if (!uses.length) return null;
  const starts = uses.map((u) => u.window.start).sort();
  const ends = uses.map((u) => u.window.end).sort();
  return {
    series: [...new Set(uses.flatMap((u) => u.keys))].sort(),
    start: starts[0],
    end: ends[ends.length - 1],
  };
}

/** The points of `col` (epoch-second `t`) inside `[window.start, window.end)`. */
export function within<T extends { t: number[]; v: number[] }>(col: T, window: IsoWindow): T {
  const [from, to] = [Date.parse(window.start) / 1000, Date.parse(window.end) / 1000];
  const keep = col.t.flatMap((t, i) => (t >= from && t < to ? [i] : []));
  return { ...col, t: keep.map((i) => col.t[i]), v: keep.map((i) => col.v[i]) };
}
