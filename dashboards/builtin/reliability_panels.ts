/**
 * Reliability panels: physical responsive capability with the grid
 * condition's emergency levels, and energy storage.
 *
 * @module
 */
import type { Grid } from "../types.ts";
import type { BoardPanel, Thresholds } from "../model.ts";
import { panel, viz } from "./_helpers.ts";

/** ERCOT's PRC triggers: EEA watch below 3,000 MW, EEA1 2,500, EEA2 2,000, EEA3 1,500. */
export const PRC_LEVELS: Thresholds = {
  base: "dark-red",
  steps: [
    { value: 1500, color: "red" },
    { value: 2000, color: "orange" },
    { value: 2500, color: "yellow" },
    { value: 3000, color: "transparent" },
  ],
};

/** PRC with the emergency levels as bands; the board adds grid-condition annotations. */
export function prcWithGridCondition(id: string, grid: Grid): BoardPanel {
  return panel(id, viz("Physical responsive capability", ["reserves.prc"]), grid, {
    description: "PRC, MW. Bands: EEA watch below 3,000 MW, EEA1 below 2,500, EEA2 below " +
      "2,000, EEA3 below 1,500; annotations mark grid conditions other than normal",
    thresholds: PRC_LEVELS,
  });
}

/** Energy storage charging, discharging and net output. */
export function storage(id: string, grid: Grid): BoardPanel {
  const spec = viz("Energy storage", ["storage.charging", "storage.discharging", "storage.net"]);
  return panel(id, spec, grid, {
    description: "Energy storage resources: charging, discharging and net output, MW",
  });
}
