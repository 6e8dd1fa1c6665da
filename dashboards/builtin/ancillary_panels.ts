/**
 * Ancillary service panels: day-ahead clearing prices.
 *
 * @module
 */
import type { Grid } from "../types.ts";
import { AS_PRODUCTS } from "../../domain/catalog.ts";
import type { BoardPanel } from "../model.ts";
import { panel, viz } from "./_helpers.ts";

/** Day-ahead clearing prices of every ancillary service product. */
export function asPrices(id: string, grid: Grid): BoardPanel {
  const spec = viz("Ancillary service prices", AS_PRODUCTS.map((p) => `mcpc.da.${p}`));
  return panel(id, spec, grid, {
    description: "Day-ahead market clearing prices for capacity (MCPC): RegUp, RegDown, " +
      "RRS, ECRS and Non-Spin, $/MW",
  });
}
