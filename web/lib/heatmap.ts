/**
 * The heat map's layout: a series' values placed by Central calendar day (rows) and Central
 * wall-clock hour of day (columns 0–23). Several values in one cell (15-minute or 5-minute data)
 * are averaged. DST days keep their 23 or 25 hours by wall clock: on a spring-forward day the
 * 02:00 cell stays empty, on a fall-back day both passes of 01:00 share one cell, their values
 * averaged. And a colour ramp from the lowest value to the highest.
 *
 * @module
 */
import { centralDayHour } from "./board_range.ts";

/** The cells of a heat map. */
export interface HeatmapGrid {
  /** Central dates, oldest first, one row each (`YYYY-MM-DD`). */
  days: string[];
  /** `cells[row][hour]`: the mean of the values in that Central day and hour; null for none. */
  cells: (number | null)[][];
  /** How many values each cell averages (2 per hourly value in the repeated hour). */
  counts: number[][];
  /** The lowest and highest cell; null when every cell is empty. */
  min: number | null;
  max: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * Places values at instants `t` (epoch seconds) in Central day × hour cells.
 *
 * @example heatmapGrid([Date.parse("2025-11-02T06:30:00Z") / 1000], [30]).cells[0][1] // 30
 */
export function heatmapGrid(t: readonly number[], v: readonly (number | null)[]): HeatmapGrid {
  const sums = new Map<string, { sum: number[]; n: number[] }>();
  // Central offsets are whole hours, so every instant in one UTC hour has the same day and hour.
  const seen = new Map<number, { date: string; hour: number }>();
  for (let i = 0; i < t.length; i++) {
    const value = v[i];
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    const utcHour = Math.floor((t[i] * 1000) / HOUR_MS);
    let at = seen.get(utcHour);
    if (!at) seen.set(utcHour, at = centralDayHour(utcHour * HOUR_MS));
    let row = sums.get(at.date);
    if (!row) sums.set(at.date, row = { sum: new Array(24).fill(0), n: new Array(24).fill(0) });
    row.sum[at.hour] += value;
    row.n[at.hour]++;
  }
  const days = [...sums.keys()].sort();
  const counts = days.map((d) => sums.get(d)!.n);
  const cells = days.map((d) => {
    const { sum, n } = sums.get(d)!;
    return sum.map((s, h) => (n[h] ? s / n[h] : null));
  });
  const filled = cells.flat().filter((c): c is number => c !== null);
  return {
    days,
    cells,
    counts,
    min: filled.length ? Math.min(...filled) : null,
    max: filled.length ? Math.max(...filled) : null,
  };
}

/** Hue stops of the ramp, low to high: blue, teal, yellow, orange, red. */
const RAMP: [number, number, number][] = [
  [49, 54, 149],
  [69, 160, 170],
  [250, 220, 90],
  [244, 140, 60],
  [200, 30, 40],
];

/**
 * The colour of `value` on the ramp from `min` (blue) to `max` (red), as `rgb(…)`; the middle of
 * the ramp when the span is empty.
 *
 * @example heatColor(100, 0, 100) // "rgb(200, 30, 40)"
 */
export function heatColor(value: number, min: number, max: number): string {
  const share = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0.5;
  const at = share * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(at));
  const f = at - i;
  const mix = RAMP[i].map((c, k) => Math.round(c + (RAMP[i + 1][k] - c) * f));
  return `rgb(${mix.join(", ")})`;
}
