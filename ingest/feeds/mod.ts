/**
 * The feed registry: every feed the service ingests, where ERCOT posts it,
 * how often, and its pure parser.
 *
 * @example
 * ```ts
 * import { FEEDS, isFeedId } from "./ingest/feeds/mod.ts";
 * if (isFeedId(id)) FEEDS[id].parse(bytes, { fileName });
 * ```
 *
 * @module
 */
import type { FeedParser } from "./helpers.ts";
import { parseDailyPrc } from "./daily_prc.ts";
import { parseFuelMix } from "./fuel_mix.ts";
import { parseNp3560 } from "./np3_560.ts";
import { parseNp4188 } from "./np4_188.ts";
import { parseNp4190 } from "./np4_190.ts";
import { parseNp4732 } from "./np4_732.ts";
import { parseNp4737 } from "./np4_737.ts";
import { parseNp6346 } from "./np6_346.ts";
import { parseNp6788 } from "./np6_788.ts";
import { parseNp6905 } from "./np6_905.ts";
import { parseStorage } from "./storage.ts";
import { parseSupplyDemand } from "./supply_demand.ts";
import { parseSystemDemand } from "./system_demand.ts";

export type { FeedParser, ParseOptions } from "./helpers.ts";
export { type GridCondition, parseGridCondition } from "./daily_prc.ts";

/** Every feed id, in catalog order. */
export const FEED_IDS = [
  "np6_905",
  "np6_788",
  "np4_190",
  "np4_188",
  "np6_346",
  "np3_560",
  "np4_732",
  "np4_737",
  "fuel_mix",
  "storage",
  "system_demand",
  "supply_demand",
  "daily_prc",
] as const;

/** A feed id, e.g. `np6_905` or `fuel_mix`. */
export type FeedId = typeof FEED_IDS[number];

/** How one feed is fetched and parsed. */
export interface Feed {
  /** The feed id. */
  id: FeedId;
  /** Human title, e.g. `NP6-905-CD RT SPP`. */
  title: string;
  /** MIS report files (ZIP of CSV) or website dashboard JSON. */
  kind: "mis" | "dashboard";
  /** MIS report type id (`IceDocListJsonWS?reportTypeId=`); MIS feeds only. */
  reportTypeId?: number;
  /** ERCOT's dashboard file under `/api/1/services/read/dashboards/`; dashboard feeds only. */
  dashboard?: string;
  /** ERCOT EMIL id, e.g. `NP6-905-CD`; MIS feeds only. */
  emilId?: string;
  /** How often ERCOT posts a new document, in minutes. */
  cadenceMinutes: number;
  /** The pure parser for one document. */
  parse: FeedParser;
}

/** The registry, keyed by feed id. */
export const FEEDS: Readonly<Record<FeedId, Feed>> = {
  np6_905: {
    id: "np6_905",
    title: "NP6-905-CD RT SPP",
    kind: "mis",
    reportTypeId: 12301,
    emilId: "NP6-905-CD",
    cadenceMinutes: 15,
    parse: parseNp6905,
  },
  np6_788: {
    id: "np6_788",
    title: "NP6-788-CD SCED LMP",
    kind: "mis",
    reportTypeId: 12300,
    emilId: "NP6-788-CD",
    cadenceMinutes: 5,
    parse: parseNp6788,
  },
  np4_190: {
    id: "np4_190",
    title: "NP4-190-CD DAM SPP",
    kind: "mis",
    reportTypeId: 12331,
    emilId: "NP4-190-CD",
    cadenceMinutes: 1440,
    parse: parseNp4190,
  },
  np4_188: {
    id: "np4_188",
    title: "NP4-188-CD DAM AS MCPC",
    kind: "mis",
    reportTypeId: 12329,
    emilId: "NP4-188-CD",
    cadenceMinutes: 1440,
    parse: parseNp4188,
  },
  np6_346: {
    id: "np6_346",
    title: "NP6-346-CD actual load by forecast zone",
    kind: "mis",
    reportTypeId: 14836,
    emilId: "NP6-346-CD",
    cadenceMinutes: 1440,
    parse: parseNp6346,
  },
  np3_560: {
    id: "np3_560",
    title: "NP3-560-CD 7-day load forecast",
    kind: "mis",
    reportTypeId: 12311,
    emilId: "NP3-560-CD",
    cadenceMinutes: 60,
    parse: parseNp3560,
  },
  np4_732: {
    id: "np4_732",
    title: "NP4-732-CD wind actual and forecast",
    kind: "mis",
    reportTypeId: 13028,
    emilId: "NP4-732-CD",
    cadenceMinutes: 60,
    parse: parseNp4732,
  },
  np4_737: {
    id: "np4_737",
    title: "NP4-737-CD solar actual and forecast",
    kind: "mis",
    reportTypeId: 13483,
    emilId: "NP4-737-CD",
    cadenceMinutes: 60,
    parse: parseNp4737,
  },
  fuel_mix: {
    id: "fuel_mix",
    title: "Dashboard fuel mix",
    kind: "dashboard",
    dashboard: "fuel-mix.json",
    cadenceMinutes: 5,
    parse: parseFuelMix,
  },
  storage: {
    id: "storage",
    title: "Dashboard energy storage resources",
    kind: "dashboard",
    dashboard: "energy-storage-resources.json",
    cadenceMinutes: 5,
    parse: parseStorage,
  },
  system_demand: {
    id: "system_demand",
    title: "Dashboard system-wide demand",
    kind: "dashboard",
    dashboard: "system-wide-demand.json",
    cadenceMinutes: 60,
    parse: parseSystemDemand,
  },
  supply_demand: {
    id: "supply_demand",
    title: "Dashboard supply and demand",
    kind: "dashboard",
    dashboard: "supply-demand.json",
    cadenceMinutes: 5,
    parse: parseSupplyDemand,
  },
  daily_prc: {
    id: "daily_prc",
    title: "Dashboard daily PRC and grid condition",
    kind: "dashboard",
    dashboard: "daily-prc.json",
    cadenceMinutes: 1,
    parse: parseDailyPrc,
  },
};

/** Whether `value` names a feed in {@linkcode FEEDS}. */
export function isFeedId(value: unknown): value is FeedId {
  return typeof value === "string" && (FEED_IDS as readonly string[]).includes(value);
}
