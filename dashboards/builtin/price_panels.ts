/**
 * Price panels: settlement point prices over time, and day-ahead against
 * real-time for one point (optionally following the `hub` or `zone` variable).
 *
 * @module
 */
import type { Grid } from "../types.ts";
import type { BoardPanel, VariableName } from "../model.ts";
import { panel, type SpecOptions, viz } from "./_helpers.ts";

/** Which price: real-time settlement point (15 min) or day-ahead (hourly). */
export type Market = "rt" | "da";

const MARKET_LABEL: Record<Market, string> = { rt: "real-time", da: "day-ahead" };

/**
 * Prices of several settlement points in one market.
 *
 * @example priceTimeseries("hub-rt", "Hub real-time prices", PHYSICAL_HUBS, "rt", at(0, 0))
 */
export function priceTimeseries(
  id: string,
  title: string,
  points: readonly string[],
  market: Market,
  grid: Grid,
  options: SpecOptions = {},
): BoardPanel {
  const series = points.map((p) => `spp.${market}.${p}`);
  return panel(id, viz(title, series, options), grid, {
    description: `ERCOT ${MARKET_LABEL[market]} settlement point prices, $/MWh`,
  });
}

/**
 * Day-ahead against real-time price at one point; with `variable`, Grafana
 * lets the viewer pick the point and `point` is the default.
 */
export function daVsRt(
  id: string,
  title: string,
  point: string,
  grid: Grid,
  variable?: VariableName,
  options: SpecOptions = {},
): BoardPanel {
  const spec = viz(title, [`spp.da.${point}`, `spp.rt.${point}`], options);
  return panel(id, spec, grid, {
    description: "Day-ahead hourly price against the 15-minute real-time price, $/MWh",
    ...(variable ? { bind: { variable, point } } : {}),
  });
}

/** The latest real-time price of each point, as a stat panel. */
export function latestPrices(
  id: string,
  title: string,
  points: readonly string[],
  grid: Grid,
): BoardPanel {
  return priceTimeseries(id, title, points, "rt", grid, { chart: "stat", agg: "last" });
}
