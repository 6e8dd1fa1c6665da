/**
 * Generation panels: the fuel mix, and wind and solar against their forecasts.
 *
 * @module
 */
import type { Grid } from "../types.ts";
import { FUELS } from "../../domain/catalog.ts";
import type { BoardPanel } from "../model.ts";
import { panel, viz } from "./_helpers.ts";

// Baseload at the bottom of the stack, variable sources on top.
const STACK_ORDER = [
  "nuclear",
  "coal_and_lignite",
  "natural_gas",
  "hydro",
  "other",
  "wind",
  "solar",
  "power_storage",
] as const satisfies readonly (typeof FUELS)[number][];

/** Generation by fuel, stacked. */
export function fuelMix(id: string, grid: Grid): BoardPanel {
  const spec = viz("Generation by fuel", STACK_ORDER.map((f) => `gen.${f}`), {
    chart: "area",
    stacked: true,
  });
  return panel(id, spec, grid, { description: "Generation by fuel type, stacked, MW" });
}

/** Actual wind or solar output against its short-term forecast. */
export function renewableVsForecast(id: string, kind: "wind" | "solar", grid: Grid): BoardPanel {
  const [forecast, name] = kind === "wind" ? ["stwpf", "Wind"] : ["stppf", "Solar"];
  const spec = viz(`${name} vs forecast`, [`${kind}.actual`, `${kind}.${forecast}`]);
  return panel(id, spec, grid, {
    description: `${name} actual output against ERCOT's ${forecast.toUpperCase()}, MW`,
  });
}
