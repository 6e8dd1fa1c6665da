/**
 * How a chart kind reads its series. A heat map colours Central day × hour cells, so it reads
 * hourly buckets (not daily ones, which would fill hour 0 only) and as many points as the
 * window has hours; a duration curve reads up to 20,000 values whole; every other
 * chart reads as its VizSpec says.
 *
 * @module
 */
import type { VizSpec } from "./vizspec.ts";

const HOUR_MS = 3_600_000;
/** Most hourly points a heat map reads: a little over two years of hours. */
export const HEATMAP_MAX_POINTS = 24 * 800;
/**
 * Most points a duration curve reads: the API's `max_points` ceiling (a year of hourly values, 208
 * days of 15-minute ones). A curve sorts every value, so min/max windows (which keep only the
 * extremes) would lean it towards them; past this many the answer is downsampled all the same.
 */
export const DURATION_MAX_POINTS = 20_000;

/** The resolution and point budget to read `spec` with over `[start, end)`. */
export function chartRead(
  spec: Pick<VizSpec, "chart" | "resolution">,
  start: Date,
  end: Date,
  maxPoints: number,
): { resolution: VizSpec["resolution"]; maxPoints: number } {
  if (spec.chart === "duration") {
    return { resolution: spec.resolution, maxPoints: Math.max(maxPoints, DURATION_MAX_POINTS) };
  }
  if (spec.chart !== "heatmap") return { resolution: spec.resolution, maxPoints };
  const resolution = spec.resolution === "auto" || spec.resolution === "1d"
    ? "1h"
    : spec.resolution;
  const hours = Math.ceil((end.getTime() - start.getTime()) / HOUR_MS) + 2;
  return { resolution, maxPoints: Math.max(maxPoints, Math.min(hours, HEATMAP_MAX_POINTS)) };
}
