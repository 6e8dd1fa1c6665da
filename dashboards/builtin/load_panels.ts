/**
 * Load panels: actual load against ERCOT's forecasts.
 *
 * @module
 */
import type { Grid } from "../types.ts";
import type { BoardPanel } from "../model.ts";
import { panel, viz } from "./_helpers.ts";

/**
 * System actual load with the latest and the day-ahead forecast.
 *
 * @example loadVsForecast("load", at(12, 0))
 */
export function loadVsForecast(id: string, grid: Grid): BoardPanel {
  const spec = viz("Load vs forecast", ["load.actual", "load.forecast", "load.forecast.dayahead"]);
  return panel(id, spec, grid, {
    description: "ERCOT actual load, the latest 7-day forecast and the day-ahead forecast, MW",
  });
}
