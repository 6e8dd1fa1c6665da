/**
 * The series catalog as data: every key DESIGN.md names, with its human name, unit, interval,
 * source feeds and the words people use for it.
 *
 * @module
 */
import type { Unit } from "./units.ts";
import { DERIVED_KEY_SOURCE, derivedSeries, listedDerived } from "./derived.ts";

/** One measured quantity. */
export interface SeriesInfo {
  /** Stable, lower-case, dot-separated key, e.g. `spp.rt.hb_west`. */
  readonly key: string;
  /** Human name used in titles, e.g. `West hub real-time price`. */
  readonly name: string;
  /** Unit of every value. */
  readonly unit: Unit;
  /** Native interval between observations, in seconds. */
  readonly interval: number;
  /** Feed ids that write this series, the primary one first. */
  readonly feeds: readonly string[];
  /** Lower-case words and phrases people use for it (matching and suggestions). */
  readonly aliases: readonly string[];
}

/** The five physical trading hubs ("all hubs"). */
export const PHYSICAL_HUBS = ["hb_houston", "hb_north", "hb_pan", "hb_south", "hb_west"] as const;
/** The eight load zones ("all load zones"). */
export const LOAD_ZONES = [
  "lz_aen",
  "lz_cps",
  "lz_houston",
  "lz_lcra",
  "lz_north",
  "lz_raybn",
  "lz_south",
  "lz_west",
] as const;
/** The four DC ties. */
export const DC_TIES = ["dc_e", "dc_l", "dc_n", "dc_r"] as const;
/** Day-ahead ancillary service products. */
export const AS_PRODUCTS = ["ecrs", "nspin", "regdn", "regup", "rrs"] as const;
/** Fuels of the fuel-mix dashboard (`gen.<fuel>`). */
export const FUELS = [
  "coal_and_lignite",
  "hydro",
  "natural_gas",
  "nuclear",
  "other",
  "power_storage",
  "solar",
  "wind",
] as const;
/** Load forecast zones (`load.actual.<fz>`, `load.forecast.<fz>`). */
export const FORECAST_ZONES = ["houston", "north", "south", "west"] as const;
/** Wind regions (`wind.actual.<region>`, `wind.stwpf.<region>`). */
export const WIND_REGIONS = ["north", "south_houston", "west"] as const;

const POINT_NAMES: Record<string, [string, string[]]> = {
  hb_busavg: ["Bus average hub", ["bus average", "busavg"]],
  hb_hubavg: ["Hub average", ["hub average", "hubavg"]],
  hb_houston: ["Houston hub", ["houston"]],
  hb_north: ["North hub", ["north"]],
  hb_pan: ["Panhandle hub", ["panhandle", "pan"]],
  hb_south: ["South hub", ["south"]],
  hb_west: ["West hub", ["west"]],
  lz_aen: ["Austin Energy load zone", ["austin energy", "austin", "aen"]],
  lz_cps: ["CPS Energy load zone", ["cps energy", "san antonio", "cps"]],
  lz_houston: ["Houston load zone", ["houston"]],
  lz_lcra: ["LCRA load zone", ["lower colorado", "lcra"]],
  lz_north: ["North load zone", ["north"]],
  lz_raybn: ["Rayburn load zone", ["rayburn", "raybn"]],
  lz_south: ["South load zone", ["south"]],
  lz_west: ["West load zone", ["west"]],
  dc_e: ["East DC tie", ["east", "dc tie"]],
  dc_l: ["Laredo DC tie", ["laredo", "dc tie"]],
  dc_n: ["North DC tie", ["north", "dc tie"]],
  dc_r: ["Railroad DC tie", ["railroad", "dc tie"]],
};

const MARKETS = [
  ["spp.rt", "real-time price", 900, "np6_905", ["real-time price", "rt", "spp"]],
  ["lmp.rt", "SCED LMP", 300, "np6_788", ["lmp", "sced"]],
  ["spp.da", "day-ahead price", 3600, "np4_190", ["day-ahead price", "dam", "da"]],
] as const;

/** A price family over settlement points: every `<prefix>.<point>` key, resource nodes too. */
export interface PriceFamily {
  /** Key prefix without the trailing dot, e.g. `spp.rt`. */
  readonly prefix: string;
  /** What the family's prices are, after the point's name: `real-time price`. */
  readonly label: string;
  /** Unit of every price in the family. */
  readonly unit: "$/MWh";
  /** Native interval in seconds. */
  readonly interval: number;
}

const PRICE_FAMILIES: readonly PriceFamily[] = MARKETS.map(([prefix, label, interval]) => ({
  prefix,
  label,
  unit: "$/MWh",
  interval,
}));

/**
 * The price family of a key, whether or not the catalog lists it (resource nodes are not), or
 * `undefined` for any other key.
 *
 * @example priceFamilyOf("lmp.rt.some_node")?.interval // 300
 */
export function priceFamilyOf(key: string): PriceFamily | undefined {
  return PRICE_FAMILIES.find((f) => key.startsWith(`${f.prefix}.`));
}

function priceEntries(): SeriesInfo[] {
  return MARKETS.flatMap(([prefix, label, interval, feed, words]) =>
    Object.entries(POINT_NAMES).flatMap(([point, [pointName, pointWords]]) => {
      const base = { unit: "$/MWh" as const, interval, feeds: [feed] };
      const aliases = [point, ...pointWords, ...words, "price"];
      const plain = { key: `${prefix}.${point}`, name: `${pointName} ${label}`, ...base, aliases };
      if (prefix !== "spp.rt" || !point.startsWith("lz_")) return [plain];
      const ew = {
        key: `${plain.key}_ew`,
        name: `${pointName} energy-weighted ${label}`,
        ...base,
        aliases: [`${point}_ew`, "energy-weighted", ...aliases],
      };
      return [plain, ew];
    })
  );
}

// key | name | unit | interval in seconds | feeds, primary first | aliases
const SYSTEM_TABLE = `
mcpc.da.regup | Regulation up day-ahead clearing price | $/MW | 3600 | np4_188 | reg up, regulation up, regup, ancillary service, clearing price, mcpc
mcpc.da.regdn | Regulation down day-ahead clearing price | $/MW | 3600 | np4_188 | reg down, regulation down, regdn, ancillary service, clearing price, mcpc
mcpc.da.rrs | Responsive reserve day-ahead clearing price | $/MW | 3600 | np4_188 | responsive reserve, rrs, ancillary service, clearing price, mcpc
mcpc.da.ecrs | ERCOT contingency reserve day-ahead clearing price | $/MW | 3600 | np4_188 | contingency reserve, ecrs, ancillary service, clearing price, mcpc
mcpc.da.nspin | Non-spinning reserve day-ahead clearing price | $/MW | 3600 | np4_188 | non-spin, nonspin, nspin, ancillary service, clearing price, mcpc
load.actual | ERCOT actual load | MW | 3600 | np6_346 system_demand | load, demand, consumption, actual load
load.actual.houston | Houston forecast zone actual load | MW | 3600 | np6_346 | houston, load, demand, consumption
load.actual.north | North forecast zone actual load | MW | 3600 | np6_346 | north, load, demand, consumption
load.actual.south | South forecast zone actual load | MW | 3600 | np6_346 | south, load, demand, consumption
load.actual.west | West forecast zone actual load | MW | 3600 | np6_346 | west, load, demand, consumption
load.forecast | ERCOT load forecast | MW | 3600 | np3_560 system_demand | load forecast, forecast
load.forecast.houston | Houston forecast zone load forecast | MW | 3600 | np3_560 | houston, load forecast, forecast
load.forecast.north | North forecast zone load forecast | MW | 3600 | np3_560 | north, load forecast, forecast
load.forecast.south | South forecast zone load forecast | MW | 3600 | np3_560 | south, load forecast, forecast
load.forecast.west | West forecast zone load forecast | MW | 3600 | np3_560 | west, load forecast, forecast
load.forecast.dayahead | ERCOT day-ahead load forecast | MW | 3600 | system_demand | day-ahead load forecast, forecast
demand.rt | ERCOT real-time demand | MW | 300 | supply_demand | real-time demand, demand
capacity.available | Available capacity | MW | 300 | supply_demand | available capacity, capacity, supply
reserves.prc | Physical responsive capability | MW | 60 | daily_prc | physical responsive capability, prc, reserves
gen.coal_and_lignite | Coal and lignite generation | MW | 300 | fuel_mix | coal, lignite, generation, fuel mix
gen.hydro | Hydro generation | MW | 300 | fuel_mix | hydro, generation, fuel mix
gen.natural_gas | Natural gas generation | MW | 300 | fuel_mix | natural gas, gas, generation, fuel mix
gen.nuclear | Nuclear generation | MW | 300 | fuel_mix | nuclear, generation, fuel mix
gen.other | Other generation | MW | 300 | fuel_mix | other, generation, fuel mix
gen.power_storage | Power storage generation | MW | 300 | fuel_mix | power storage, battery, generation, fuel mix
gen.solar | Solar generation | MW | 300 | fuel_mix | solar, generation, fuel mix
gen.wind | Wind generation | MW | 300 | fuel_mix | wind, generation, fuel mix
wind.actual | Actual wind generation | MW | 3600 | np4_732 | wind, actual, generation, output
wind.stwpf | Wind power forecast (STWPF) | MW | 3600 | np4_732 | wind, forecast, stwpf
wind.hsl | Wind high sustained limit | MW | 3600 | np4_732 | wind, hsl, high sustained limit
wind.actual.north | North actual wind generation | MW | 3600 | np4_732 | north, wind, actual
wind.stwpf.north | North wind power forecast | MW | 3600 | np4_732 | north, wind, forecast
wind.actual.south_houston | South-Houston actual wind generation | MW | 3600 | np4_732 | south houston, wind, actual
wind.stwpf.south_houston | South-Houston wind power forecast | MW | 3600 | np4_732 | south houston, wind, forecast
wind.actual.west | West actual wind generation | MW | 3600 | np4_732 | west, wind, actual
wind.stwpf.west | West wind power forecast | MW | 3600 | np4_732 | west, wind, forecast
solar.actual | Actual solar generation | MW | 3600 | np4_737 | solar, actual, generation, output
solar.stppf | Solar power forecast (STPPF) | MW | 3600 | np4_737 | solar, forecast, stppf
solar.hsl | Solar high sustained limit | MW | 3600 | np4_737 | solar, hsl, high sustained limit
storage.charging | Energy storage charging | MW | 300 | storage | battery, storage, energy storage, charging
storage.discharging | Energy storage discharging | MW | 300 | storage | battery, storage, energy storage, discharging
storage.net | Energy storage net output | MW | 300 | storage | battery, storage, energy storage, net
`;

function fromTable(text: string): SeriesInfo[] {
  return text.trim().split("\n").map((line) => {
    const [key, name, unit, interval, feeds, aliases] = line.split("|").map((c) => c.trim());
    const info = { unit: unit as Unit, interval: Number(interval) };
    return { key, name, ...info, feeds: feeds.split(" "), aliases: aliases.split(", ") };
  });
}

/** Every series, in a stable order: prices, the table above, then the listed derived series. */
export const CATALOG: readonly SeriesInfo[] = Object.freeze([
  ...priceEntries(),
  ...fromTable(SYSTEM_TABLE),
  ...listedDerived(PHYSICAL_HUBS).map(({ key, name, unit, interval, feeds, aliases }) => ({
    key,
    name,
    unit,
    interval,
    feeds,
    aliases,
  })),
]);

const BY_KEY = new Map(CATALOG.map((s) => [s.key, s]));

const FAMILY_PREFIXES = PRICE_FAMILIES.map((f) => f.prefix.replace(".", "\\.")).join("|");

/**
 * Grammar of a series key: a catalog key, or a price family over any lower-case settlement point
 * name (resource nodes exist when config enables them).
 */
export const SERIES_KEY_PATTERN: RegExp = new RegExp(
  `^(?:(?:${FAMILY_PREFIXES})\\.[a-z0-9][a-z0-9_]{1,47}|${
    CATALOG.filter((s) => !priceFamilyOf(s.key) && !derivedSeries(s.key))
      .map((s) => s.key.replaceAll(".", "\\.")).join("|")
  }|${DERIVED_KEY_SOURCE})$`,
);

/**
 * The catalog entry for a key, or `undefined`.
 *
 * @example findSeries("spp.rt.hb_west")?.unit // "$/MWh"
 */
export function findSeries(key: string): SeriesInfo | undefined {
  return BY_KEY.get(key) ?? derivedSeries(key);
}

/** Whether a key is in the catalog (an unlisted spread of two hubs or load zones counts). */
export function isKnownSeries(key: string): boolean {
  return findSeries(key) !== undefined;
}

/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of adjacent
 * letters each cost 1 (optimal string alignment).
 *
 * @example editDistance("hyrdo", "hydro") // 1
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length];
}

/**
 * Up to `limit` catalog keys closest to `text` by edit distance to the key or one of its aliases
 * (a key that `text` extends, like `wind.hsl` for `wind.hsl.west`, counts as distance 1), best
 * first; nothing when no key is reasonably close.
 *
 * @example suggestSeries("spp.rt.hb_wst") // ["spp.rt.hb_west", ...]
 */
export function suggestSeries(text: string, limit = 3): string[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const allowed = Math.max(1, Math.floor(needle.length / 3));
  const scored: [number, number, string][] = [];
  CATALOG.forEach((s, order) => {
    const prefix = needle.startsWith(`${s.key}.`) ? 1 : Infinity;
    const best = Math.min(prefix, ...[s.key, ...s.aliases].map((c) => editDistance(needle, c)));
    if (best <= allowed) scored.push([best, order, s.key]);
  });
  scored.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return scored.slice(0, limit).map(([, , key]) => key);
}
