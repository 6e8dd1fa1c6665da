/**
 * Assembles catalog keys from the concept tokens of a request: price points × markets, load,
 * wind and solar with their kinds and zones, fuels, storage, ancillary services and the
 * system-wide quantities.
 *
 * @module
 */
import {
  AS_PRODUCTS,
  DC_TIES,
  FORECAST_ZONES,
  FUELS,
  isKnownSeries,
  LOAD_ZONES,
  PHYSICAL_HUBS,
  suggestSeries,
} from "../domain/catalog.ts";
import {
  bindKinds,
  isRegion,
  type Kind,
  type KindBinding,
  regionRole,
  type Role,
} from "./_rules_bind.ts";
import { DERIVED_PRICE, derivedPriceKeys } from "./_rules_derived.ts";

const HUB_OF: Record<string, string> = {
  WEST: "hb_west",
  NORTH: "hb_north",
  SOUTH: "hb_south",
  HOUSTON: "hb_houston",
  PAN: "hb_pan",
};
const LZ_OF: Record<string, string> = {
  WEST: "lz_west",
  NORTH: "lz_north",
  SOUTH: "lz_south",
  HOUSTON: "lz_houston",
  AEN: "lz_aen",
  CPS: "lz_cps",
  LCRA: "lz_lcra",
  RAYBN: "lz_raybn",
};
const DC_OF: Record<string, string> = {
  EAST: "dc_e",
  LAREDO: "dc_l",
  NORTH: "dc_n",
  RAILROAD: "dc_r",
};
const WIND_OF: Record<string, string> = {
  WEST: "west",
  NORTH: "north",
  SOUTH: "south_houston",
  HOUSTON: "south_houston",
};
const MARKET_OF: Record<string, string> = { RT: "spp.rt", DA: "spp.da", LMP: "lmp.rt" };
// "west hub price vs day-ahead": a market named only after a comparison word adds the default one.
const COMPARE = new Set(["vs", "versus", "against", "compared", "to", "with"]);
const PRICEISH =
  /^(PRICE|RT|DA|LMP|HUB|LZ|DCTIE|EW|ALLHUBS|ALLLZ|ALLDC|P_.*|DART|TB[24]?|BASIS|SPREAD)$/;
const OTHER_SUBJECT =
  /^(LOAD|WIND|SOLAR|FUEL_.*|MIX|GEN|STORAGE|CHG|DIS|AS_.*|ASALL|CAPACITY|RESERVES|DEMANDRT|LOADFCDA|NETLOAD|HEADROOM|GRIDCOND|K\d+)$/;

interface Regions {
  /** Region name, role and token index, in request order. */
  price: [string, Role, number][];
  load: string[];
  wind: string[];
  used: Set<number>;
}

function fallbackRole(tokens: string[]): Role {
  if (tokens.some((t) => PRICEISH.test(t))) return "price";
  if (tokens.includes("LOAD")) return "load";
  if (tokens.includes("WIND")) return "wind";
  return tokens.some((t) => OTHER_SUBJECT.test(t)) ? "none" : "price";
}

function bindRegions(tokens: string[]): Regions {
  const regions: Regions = { price: [], load: [], wind: [], used: new Set() };
  const fallback = fallbackRole(tokens);
  tokens.forEach((t, i) => {
    if (!isRegion(t)) return;
    const name = t.slice(2);
    const role = regionRole(tokens, i, regions.used, fallback);
    if (role === "load") regions.load.push(name);
    else if (role === "wind") regions.wind.push(name);
    else if (role !== "none" || !HUB_OF[name]) regions.price.push([name, role, i]);
  });
  return regions;
}

function pointFor(name: string, role: Role, tokens: string[]): string {
  if (!HUB_OF[name]) return LZ_OF[name] ?? DC_OF[name];
  const mode = role !== "price"
    ? role
    : tokens.includes("DCTIE") && DC_OF[name]
    ? "dc"
    : tokens.includes("LZ") || tokens.includes("EW")
    ? "lz"
    : "hub";
  return (mode === "dc" ? DC_OF : mode === "lz" ? LZ_OF : HUB_OF)[name] ?? HUB_OF[name];
}

function unusedToken(tokens: string[], used: Set<number>, name: string): boolean {
  return tokens.some((t, i) => t === name && !used.has(i));
}

function groupPoints(tokens: string[], used: Set<number>): string[] {
  const unused = (name: string) => unusedToken(tokens, used, name);
  const priced = tokens.some((t) => PRICEISH.test(t));
  return [
    ...(tokens.includes("ALLHUBS") || unused("HUB") ? PHYSICAL_HUBS : []),
    ...(tokens.includes("ALLLZ") || unused("LZ") || (priced && unused("ZONE")) ? LOAD_ZONES : []),
    ...(tokens.includes("ALLDC") || unused("DCTIE") ? DC_TIES : []),
  ];
}

function namedPoints(tokens: string[], regions: Regions): string[] {
  const at: [number, string][] = regions.price.map(([name, role, i]) => [
    i,
    pointFor(name, role, tokens),
  ]);
  tokens.forEach((t, i) => {
    if (t.startsWith("P_")) at.push([i, t.slice(2).toLowerCase()]);
  });
  return [...new Set(at.sort((a, b) => a[0] - b[0]).map(([, p]) => p))];
}

function priceKeys(tokens: string[], regions: Regions): string[] | { error: string } {
  const named = namedPoints(tokens, regions);
  const group = groupPoints(tokens, regions.used);
  const markets = tokens.filter((t) => MARKET_OF[t]);
  if (tokens.some((t) => DERIVED_PRICE.test(t) || t === "MINUS")) {
    const derived = derivedPriceKeys(tokens, named, group, markets);
    if (derived) return "error" in derived ? derived : derived.keys;
  }
  const points = new Set<string>([...named, ...group]);
  const alone = !tokens.some((t) => OTHER_SUBJECT.test(t));
  if (!points.size && !tokens.includes("PRICE") && !(markets.length && alone)) return [];
  const ew = tokens.includes("EW");
  if (!points.size) (ew ? LOAD_ZONES : ["hb_hubavg"]).forEach((p) => points.add(p));
  const contrasted = new Set(markets).size === 1 &&
    tokens.some((t, i) => MARKET_OF[t] && COMPARE.has(tokens[i - 1]));
  if (contrasted && !markets.includes("RT")) markets.push("RT");
  const prefixes = markets.length ? [...new Set(markets.map((m) => MARKET_OF[m]))] : ["spp.rt"];
  const chosen = [...points].map((p) =>
    ew && p.startsWith("lz_") && !p.endsWith("_ew") ? `${p}_ew` : p
  );
  return prefixes.flatMap((prefix) => chosen.map((p) => `${prefix}.${p}`));
}

function kindsOf(
  tokens: string[],
  binding: KindBinding,
  subject: string,
  fallback: Kind,
): Set<Kind> {
  const kinds = new Set<Kind>();
  tokens.forEach((t, i) => {
    if (t !== subject) return;
    const own = binding.adjacent.get(i);
    (own?.size ? own : [fallback]).forEach((k) => kinds.add(k));
    binding.remote.get(i)?.forEach((k) => kinds.add(k));
  });
  return kinds;
}

function loadKeys(
  tokens: string[],
  binding: KindBinding,
  regions: Regions,
  plainIsRealTime: boolean,
): string[] {
  const kinds = kindsOf(tokens, binding, "LOAD", "ACT");
  const alone = !tokens.some((t) => PRICEISH.test(t) || (OTHER_SUBJECT.test(t) && t !== "LOAD"));
  if (alone) {
    for (const k of binding.unbound) if (k === "FC" || k === "ACT") kinds.add(k);
  }
  if (!kinds.size && regions.load.length) kinds.add("ACT");
  const names = [...kinds].map((k) => (k === "FC" ? "forecast" : "actual"));
  const byZone = !regions.load.length && names.length > 0 && alone &&
    (unusedToken(tokens, regions.used, "ZONE") || tokens.includes("BYREGION"));
  const zones = byZone ? FORECAST_ZONES : regions.load.map((z) => z.toLowerCase());
  if (!zones.length && names.length === 1 && names[0] === "actual" && plainIsRealTime) {
    return ["demand.rt"];
  }
  if (!zones.length) return names.map((n) => `load.${n}`);
  return names.flatMap((n) => zones.map((z) => `load.${n}.${z}`));
}

function renewableKeys(
  tokens: string[],
  binding: KindBinding,
  subject: "WIND" | "SOLAR",
  zones: string[],
): string[] {
  const kinds = kindsOf(tokens, binding, subject, "GEN");
  const family = subject.toLowerCase();
  if (!kinds.size) return [];
  if (family === "wind" && !zones.length && tokens.includes("BYREGION")) {
    return renewableKeys(tokens, binding, subject, ["NORTH", "SOUTH", "WEST"]);
  }
  if (!zones.length && kinds.size === 1 && kinds.has("GEN")) return [`gen.${family}`];
  const forecast = family === "wind" ? "stwpf" : "stppf";
  const names = [
    ...new Set(
      [...kinds].map((k) => ({ FC: forecast, HSL: "hsl", ACT: "actual", GEN: "actual" })[k]),
    ),
  ];
  if (!zones.length) return names.map((n) => `${family}.${n}`);
  return names.flatMap((n) => zones.map((z) => `${family}.${n}.${WIND_OF[z] ?? z.toLowerCase()}`));
}

function storageKeys(tokens: string[]): string[] {
  if (!tokens.some((t) => t === "STORAGE" || t === "CHG" || t === "DIS")) return [];
  const kinds = [["CHG", "charging"], ["DIS", "discharging"], ["NET", "net"]]
    .filter(([token]) => tokens.includes(token)).map(([, kind]) => kind);
  return (kinds.length ? kinds : ["net"]).map((k) => `storage.${k}`);
}

function systemKeys(tokens: string[], binding: KindBinding, literal: string[]): string[] {
  const mix = tokens.includes("MIX") || binding.unbound.has("GEN");
  const fixed: Record<string, string> = {
    CAPACITY: "capacity.available",
    RESERVES: "reserves.prc",
    DEMANDRT: "demand.rt",
    LOADFCDA: "load.forecast.dayahead",
    NETLOAD: "netload",
    HEADROOM: "capacity.headroom",
    GRIDCOND: "grid.condition",
  };
  return [
    ...tokens.filter((t) => /^K\d+$/.test(t)).map((t) => literal[Number(t.slice(1))]),
    ...tokens.filter((t) => fixed[t]).map((t) => fixed[t]),
    ...tokens.filter((t) => t.startsWith("FUEL_")).map((t) => `gen.${t.slice(5).toLowerCase()}`),
    ...(mix ? FUELS.map((f) => `gen.${f}`) : []),
    ...(tokens.includes("ASALL") ? AS_PRODUCTS.map((p) => `mcpc.da.${p}`) : []),
    ...tokens.filter((t) => t.startsWith("AS_")).map((t) => `mcpc.da.${t.slice(3).toLowerCase()}`),
    ...storageKeys(tokens),
  ];
}

function unknownKey(key: string): string {
  const near = suggestSeries(key);
  const list = near.length > 1 ? `${near.slice(0, -1).join(", ")} or ${near.at(-1)}` : near[0];
  return `I don't know a series called "${key}"${list ? `; did you mean ${list}?` : ""}`;
}

/**
 * The sorted, distinct catalog keys a token list asks for, or a refusal naming an unknown key.
 * `current` prefers the 5-minute `demand.rt` over hourly `load.actual` for plain "load".
 */
export function pickSeries(
  tokens: string[],
  literal: string[],
  options: { current: boolean; stored?: ReadonlySet<string> },
): { keys: string[] } | { error: string } {
  const bad = tokens.find((t) => /^X\d+$/.test(t));
  if (bad) return { error: unknownKey(literal[Number(bad.slice(1))]) };
  const regions = bindRegions(tokens);
  const binding = bindKinds(tokens);
  const realTime = options.current || tokens.includes("CAPACITY");
  const prices = priceKeys(tokens, regions);
  if ("error" in prices) return prices;
  const keys = new Set([
    ...prices,
    ...loadKeys(tokens, binding, regions, realTime),
    ...renewableKeys(tokens, binding, "WIND", regions.wind),
    ...renewableKeys(tokens, binding, "SOLAR", []),
    ...systemKeys(tokens, binding, literal),
  ]);
  const unknown = [...keys].find((k) => !isKnownSeries(k) && !options.stored?.has(k));
  return unknown ? { error: unknownKey(unknown) } : { keys: [...keys].sort() };
}
