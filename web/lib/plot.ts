/**
 * uPlot options and data for a set of series: aligned columns (joined on
 * time when the series' instants differ), optional stacking, one y scale per
 * unit (two at most), theme colours and Central-time axes. Points an answer filled for display
 * (`fill=previous|linear`) are drawn as a dashed line of their own beside the solid stored one.
 *
 * @module
 */
import uPlot from "uplot";
import type { DrawnSeries } from "./data.ts";
import { CENTRAL, formatLevel, formatTicks, formatValue, LEVEL_NAMES } from "./format.ts";
import { durationCurve } from "./duration_curve.ts";
import { cssColor } from "./theme.ts";
import { xRange } from "./axes.ts";
import { linesOf } from "./lines.ts";

/** Chart kinds drawn with uPlot. */
export type PlotKind = "line" | "area" | "bar" | "scatter";

/** Options of {@link plotOptions}. */
export interface PlotSpec {
  kind: PlotKind;
  stacked: boolean;
  width: number;
  height: number;
  /**
   * The window asked for, in epoch ms: the x-axis spans it whatever the data covers (one point
   * in a 24-hour window draws a 24-hour axis, not years around the point).
   */
  window?: [number, number];
  /** Called with a selected time window in epoch ms (drag to zoom); no selection when absent. */
  onZoom?: (startMs: number, endMs: number) => void;
}

const PALETTE = 8;

/** The lines' columns aligned on one time axis, each line broken across its long gaps. */
export function alignedData(series: DrawnSeries[], stacked = false): uPlot.AlignedData {
  const tables = linesOf(series, stacked).map((l) => [l.t, l.v] as uPlot.AlignedData);
  return tables.length === 1 ? tables[0] : uPlot.join(tables);
}

/** Aligned columns as drawn: each series on top of the ones before it when stacked. */
export function drawnData(joined: uPlot.AlignedData, stacked: boolean): uPlot.AlignedData {
  if (!stacked || joined.length < 3) return joined;
  const out: (number | null)[][] = [];
  const cols = joined.slice(1) as (number | null)[][];
  // An instant where no series has a value is a gap: it stays empty rather than a stack of zeros.
  const gap = Array.from(
    joined[0],
    (_, j) => cols.every((c) => c[j] === null || c[j] === undefined),
  );
  let below: number[] = new Array(joined[0].length).fill(0);
  for (const col of cols) {
    below = below.map((b, j) => b + (col[j] ?? 0));
    out.push(below.map((b, j) => (gap[j] ? null : b)));
  }
  return [joined[0], ...out] as uPlot.AlignedData;
}

function pathsFor(kind: PlotKind, unit: string): uPlot.Series.PathBuilder | undefined {
  // A grid condition holds its level until the next change: a step, never a slope.
  if (unit === "level" && kind !== "scatter") return uPlot.paths.stepped!({ align: 1 });
  if (kind === "bar") return uPlot.paths.bars!({ size: [0.8, 40] });
  if (kind === "scatter") return () => null;
  return undefined;
}

function axis(color: string, grid: string): uPlot.Axis {
  return { stroke: color, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
}

function valueAxis(color: string, grid: string, i: number, unit: string): uPlot.Axis {
  const level = unit === "level";
  return {
    ...axis(color, grid),
    scale: `y${i}`,
    side: i === 0 ? 3 : 1,
    label: level ? "grid condition" : unit,
    // Levels are named on their own ticks, 0 Normal to 4 EEA3.
    splits: level ? () => LEVEL_NAMES.map((_, k) => k) : undefined,
    values: (u, ticks) => {
      const labels = level ? ticks.map(formatLevel) : formatTicks(ticks);
      // uPlot draws ticks on a canvas: the labels are kept on the root for tests and inspection.
      u.root.dataset[`y${i}Ticks`] = labels.join("|");
      return labels;
    },
    size: level ? 96 : 60,
  };
}

/** y scales, one per unit: a level scale always spans 0–4. */
function valueScales(units: string[]): uPlot.Scales {
  return Object.fromEntries(
    units.flatMap((u, i) => (u === "level" ? [[`y${i}`, { range: [-0.2, 4.2] }]] : [])),
  );
}

function selectHook(onZoom: NonNullable<PlotSpec["onZoom"]>) {
  return (u: uPlot) => {
    const { left, width } = u.select;
    if (width < 3) return;
    const a = u.posToVal(left, "x");
    const b = u.posToVal(left + width, "x");
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    onZoom(a * 1000, b * 1000);
  };
}

/**
 * uPlot options for `series` as `spec` asks; `joined` (from {@link alignedData})
 * gives the legend the values as measured, not as stacked.
 */
export function plotOptions(
  series: DrawnSeries[],
  joined: uPlot.AlignedData,
  spec: PlotSpec,
): uPlot.Options {
  const units = [...new Set(series.map((s) => s.unit))].slice(0, 2);
  const fg = cssColor("--fg-muted");
  const grid = cssColor("--grid");
  const filled = spec.kind === "area" || (spec.stacked && spec.kind !== "scatter");
  const lines = linesOf(series, spec.stacked);
  const colorOf = new Map(series.map((s, i) => [s, cssColor(`--series-${(i % PALETTE) + 1}`)]));
  return {
    width: spec.width,
    height: spec.height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), CENTRAL),
    cursor: { drag: { x: Boolean(spec.onZoom), y: false, setScale: false } },
    legend: { live: true },
    scales: {
      x: { time: true, range: (_u, min, max) => [...xRange(min, max, spec.window)] },
      ...valueScales(units),
    },
    axes: [axis(fg, grid), ...units.map((u, i) => valueAxis(fg, grid, i, u))],
    series: [
      { value: "{YYYY}-{MM}-{DD} {HH}:{mm} CT" },
      ...lines.map(({ series: s, dashed }) => {
        const color = colorOf.get(s)!;
        return {
          label: `${s.name || s.key}${dashed ? " (filled)" : ""}`,
          scale: `y${Math.max(0, units.indexOf(s.unit))}`,
          stroke: color,
          width: 1.5,
          dash: dashed ? [6, 4] : undefined,
          fill: filled ? color.replace("rgb(", "rgba(").replace(")", ", 0.25)") : undefined,
          paths: pathsFor(spec.kind, s.unit),
          points: {
            show: !dashed && (spec.kind === "scatter" || s.t.length < 60),
            size: 4,
            fill: color,
          },
          value: (_u: uPlot, _v: number | null, si: number, idx: number | null) =>
            formatValue(idx === null ? null : joined[si][idx], s.unit),
          spanGaps: false,
        };
      }),
    ],
    // Stacked: each series fills down to the one below it, not to zero.
    bands: spec.stacked
      ? series.slice(1).map((_, i) => ({ series: [i + 2, i + 1] as [number, number] }))
      : undefined,
    hooks: {
      // The drawn x span (epoch seconds), readable from the page.
      draw: [(u) => (u.root.dataset.xRange = `${u.scales.x.min},${u.scales.x.max}`)],
      ...(spec.onZoom ? { setSelect: [selectHook(spec.onZoom)] } : {}),
    },
  };
}

/**
 * Duration curves as uPlot columns: x the percent of intervals (0–100), one column per series
 * (null where another series has a point), see {@link durationCurve}.
 */
export function durationData(series: DrawnSeries[]): uPlot.AlignedData {
  const tables = series.map((s) => {
    const c = durationCurve(s.v);
    return [c.percent, c.value] as uPlot.AlignedData;
  });
  return tables.length === 1 ? tables[0] : uPlot.join(tables);
}

/** uPlot options for duration curves: values high to low against 0–100 % of intervals. */
export function durationOptions(
  series: DrawnSeries[],
  spec: { width: number; height: number },
): uPlot.Options {
  const units = [...new Set(series.map((s) => s.unit))].slice(0, 2);
  const fg = cssColor("--fg-muted");
  const grid = cssColor("--grid");
  return {
    width: spec.width,
    height: spec.height,
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: [0, 100] }, ...valueScales(units) },
    axes: [
      { ...axis(fg, grid), label: "% of intervals", values: (_u, t) => t.map((x) => `${x} %`) },
      ...units.map((u, i) => valueAxis(fg, grid, i, u)),
    ],
    series: [
      { label: "Intervals", value: (_u, v) => (v === null ? "—" : `${v.toFixed(1)} %`) },
      ...series.map((s, i) => {
        const color = cssColor(`--series-${(i % PALETTE) + 1}`);
        return {
          label: s.name || s.key,
          scale: `y${Math.max(0, units.indexOf(s.unit))}`,
          stroke: color,
          width: 1.5,
          points: { show: s.t.length < 60, size: 4, fill: color },
          value: (_u: uPlot, v: number | null) => formatValue(v, s.unit),
          spanGaps: true,
        };
      }),
    ],
  };
}
