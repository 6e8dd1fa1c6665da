/**
 * The "Prices" built-in dashboard: every hub and load zone, real-time and
 * day-ahead, and day-ahead against real-time at a hub and a zone chosen with
 * the `hub` and `zone` variables.
 *
 * @module
 */
import { LOAD_ZONES, PHYSICAL_HUBS } from "../../domain/catalog.ts";
import type { Board } from "../model.ts";
import { daVsRt, latestPrices, priceTimeseries } from "./price_panels.ts";
import { at, LAST_DAY } from "./_helpers.ts";

const HUBS = [...PHYSICAL_HUBS, "hb_busavg", "hb_hubavg"];

/** The prices board (uid `ercot-prices`). */
export const ERCOT_PRICES: Board = {
  uid: "ercot-prices",
  title: "Prices",
  description: "Settlement point prices at every hub and load zone, day-ahead and real-time",
  tags: ["ercot", "builtin", "prices"],
  defaultRange: LAST_DAY,
  refreshSeconds: 300,
  panels: [
    latestPrices(
      "latest-hub-prices",
      "Latest hub real-time settlement point prices",
      PHYSICAL_HUBS,
      at(0, 0, 24, 4),
    ),
    priceTimeseries("hub-rt", "Hub real-time settlement point prices", HUBS, "rt", at(0, 4)),
    priceTimeseries("hub-da", "Hub day-ahead settlement point prices", HUBS, "da", at(12, 4)),
    priceTimeseries(
      "zone-rt",
      "Load zone real-time settlement point prices",
      LOAD_ZONES,
      "rt",
      at(0, 12),
    ),
    priceTimeseries(
      "zone-da",
      "Load zone day-ahead settlement point prices",
      LOAD_ZONES,
      "da",
      at(12, 12),
    ),
    daVsRt(
      "hub-da-vs-rt",
      "Hub day-ahead vs real-time settlement point price",
      "hb_north",
      at(0, 20),
      "hub",
    ),
    daVsRt(
      "zone-da-vs-rt",
      "Load zone day-ahead vs real-time settlement point price",
      "lz_north",
      at(12, 20),
      "zone",
    ),
    daVsRt(
      "hub-da-vs-rt-30d",
      "Hub day-ahead vs real-time settlement point price, hourly",
      "hb_north",
      at(0, 28),
      "hub",
      {
        range: { last: "P30D" },
      },
    ),
    priceTimeseries(
      "hub-rt-daily",
      "Hub real-time settlement point prices, daily average",
      PHYSICAL_HUBS,
      "rt",
      at(12, 28),
      {
        range: { last: "P90D" },
        resolution: "1d",
      },
    ),
  ],
};
