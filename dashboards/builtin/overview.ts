/**
 * The "ERCOT overview" built-in dashboard: hub prices, load against forecast,
 * the fuel mix, wind and solar against forecast, PRC with the grid condition,
 * energy storage and ancillary service prices.
 *
 * @module
 */
import { PHYSICAL_HUBS } from "../../domain/catalog.ts";
import type { Board } from "../model.ts";
import { asPrices } from "./ancillary_panels.ts";
import { fuelMix, renewableVsForecast } from "./generation_panels.ts";
import { loadVsForecast } from "./load_panels.ts";
import { priceTimeseries } from "./price_panels.ts";
import { prcWithGridCondition, storage } from "./reliability_panels.ts";
import { at, LAST_DAY } from "./_helpers.ts";

/** The overview board (uid `ercot-overview`). */
export const ERCOT_OVERVIEW: Board = {
  uid: "ercot-overview",
  title: "ERCOT overview",
  description: "The Texas grid at a glance: prices, load, generation, reserves and storage",
  tags: ["ercot", "builtin"],
  defaultRange: LAST_DAY,
  refreshSeconds: 300,
  annotations: ["grid_condition"],
  panels: [
    priceTimeseries(
      "hub-prices",
      "Hub real-time settlement point prices",
      PHYSICAL_HUBS,
      "rt",
      at(0, 0),
    ),
    loadVsForecast("load-vs-forecast", at(12, 0)),
    fuelMix("fuel-mix", at(0, 8)),
    renewableVsForecast("wind-vs-forecast", "wind", at(12, 8, 6)),
    renewableVsForecast("solar-vs-forecast", "solar", at(18, 8, 6)),
    prcWithGridCondition("prc", at(0, 16)),
    storage("storage", at(12, 16)),
    asPrices("as-prices", at(0, 24, 24)),
  ],
};
