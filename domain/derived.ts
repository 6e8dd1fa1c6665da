/**
 * Derived series: quantities ERCOT desks compute from stored ones — DART, spreads and basis,
 * net load, capacity headroom, the battery top-bottom spreads TB2/TB4, and the grid condition as
 * a number. Each has a key, name, unit and interval like any series, and is computed on read from
 * the observations it names (never stored twice). This module is their grammar and metadata;
 * the SQL lives in the store.
 *
 * @module
 */
import type { Unit } from "./units.ts";

/** The settlement points a DART, spread or TB series may name: hubs and load zones. */
export const DERIVED_POINTS: Readonly<Record<string, string>> = {
  hb_busavg: "Bus average hub",
  hb_hubavg: "Hub average",
  hb_houston: "Houston hub",
  hb_north: "North hub",
  hb_pan: "Panhandle hub",
  hb_south: "South hub",
  hb_west: "West hub",
  lz_aen: "Austin Energy load zone",
  lz_cps: "CPS Energy load zone",
  lz_houston: "Houston load zone",
  lz_lcra: "LCRA load zone",
  lz_north: "North load zone",
  lz_raybn: "Rayburn load zone",
  lz_south: "South load zone",
  lz_west: "West load zone",
};

/** Load zones with a hub of the same region: their basis is `spread.lz_<r>.hb_<r>`. */
export const BASIS_ZONES = ["houston", "north", "south", "west"] as const;

/** What a derived series computes. */
export type Derivation =
  /** Day-ahead SPP minus the hourly mean of real-time SPP at one point. */
  | { readonly kind: "dart"; readonly point: string }
  /** Real-time SPP at `a` minus at `b`. */
  | { readonly kind: "spread"; readonly a: string; readonly b: string }
  /** Mean of the top `n` hourly day-ahead SPPs of a Central day minus the mean of the bottom `n`. */
  | { readonly kind: "tb"; readonly n: 2 | 4; readonly point: string }
  /** `load.actual` − `wind.actual` − `solar.actual`. */
  | { readonly kind: "netload" }
  /** `capacity.available` − `demand.rt`. */
  | { readonly kind: "headroom" }
  /** ERCOT's grid condition as a step: 0 normal, 1 conservation or watch, 2–4 EEA1–EEA3. */
  | { readonly kind: "condition" };

/** A derived series: its metadata and what it computes from. */
export interface DerivedSeries {
  readonly key: string;
  readonly name: string;
  readonly unit: Unit;
  /** Native interval in seconds. */
  readonly interval: number;
  /** Stored series keys it is computed from (none for the grid condition, read from its table). */
  readonly inputs: readonly string[];
  /** Feed ids that write its inputs. */
  readonly feeds: readonly string[];
  /** Lower-case words people use for it. */
  readonly aliases: readonly string[];
  readonly derivation: Derivation;
}

/** Grid condition levels, the number each state word maps to. */
export const CONDITION_LEVELS: Readonly<Record<string, number>> = {
  normal: 0,
  conservation: 1,
  watch: 1,
  eea1: 2,
  eea2: 3,
  eea3: 4,
};

const POINT = "(hb_[a-z]+|lz_[a-z]+)";
const PATTERNS: readonly [RegExp, (m: RegExpMatchArray) => Derivation | undefined][] = [
  [new RegExp(`^dart\\.${POINT}$`), (m) => ({ kind: "dart", point: m[1] })],
  [new RegExp(`^tb([24])\\.${POINT}$`), (m) => ({
    kind: "tb",
    n: Number(m[1]) as 2 | 4,
    point: m[2],
  })],
  [
    new RegExp(`^spread\\.${POINT}\\.${POINT}$`),
    (m) => m[1] === m[2] ? undefined : { kind: "spread", a: m[1], b: m[2] },
  ],
  [/^netload$/, () => ({ kind: "netload" })],
  [/^capacity\.headroom$/, () => ({ kind: "headroom" })],
  [/^grid\.condition$/, () => ({ kind: "condition" })],
];

/** Source alternation of every derived key, for the series key grammar. */
export const DERIVED_KEY_SOURCE =
  `dart\\.${POINT}|tb[24]\\.${POINT}|spread\\.${POINT}\\.${POINT}|netload|capacity\\.headroom|grid\\.condition`;

function pointName(point: string): string | undefined {
  return DERIVED_POINTS[point];
}

function describe(key: string, d: Derivation): DerivedSeries | undefined {
  switch (d.kind) {
    case "dart": {
      const name = pointName(d.point);
      if (!name) return undefined;
      return {
        key,
        name: `${name} DART (day-ahead minus real-time)`,
        unit: "$/MWh",
        interval: 3600,
        inputs: [`spp.da.${d.point}`, `spp.rt.${d.point}`],
        feeds: ["np4_190", "np6_905"],
        aliases: ["dart", "da/rt spread", "day-ahead minus real-time", d.point],
        derivation: d,
      };
    }
    case "spread": {
      const [a, b] = [pointName(d.a), pointName(d.b)];
      if (!a || !b) return undefined;
      const basis = d.a.startsWith("lz_") && d.b === `hb_${d.a.slice(3)}`;
      return {
        key,
        name: basis ? `${a} basis (to ${b})` : `${a} minus ${b} real-time spread`,
        unit: "$/MWh",
        interval: 900,
        inputs: [`spp.rt.${d.a}`, `spp.rt.${d.b}`],
        feeds: ["np6_905"],
        aliases: ["spread", ...(basis ? ["basis"] : []), d.a, d.b],
        derivation: d,
      };
    }
    case "tb": {
      const name = pointName(d.point);
      if (!name) return undefined;
      return {
        key,
        name: `${name} TB${d.n} (top minus bottom ${d.n} day-ahead hours)`,
        unit: "$/MWh",
        interval: 86400,
        inputs: [`spp.da.${d.point}`],
        feeds: ["np4_190"],
        aliases: [`tb${d.n}`, "battery spread", "arbitrage spread", d.point],
        derivation: d,
      };
    }
    case "netload":
      return {
        key,
        name: "ERCOT net load (load minus wind and solar)",
        unit: "MW",
        interval: 3600,
        inputs: ["load.actual", "wind.actual", "solar.actual"],
        feeds: ["np6_346", "np4_732", "np4_737"],
        aliases: ["net load", "net demand", "load minus wind and solar"],
        derivation: d,
      };
    case "headroom":
      return {
        key,
        name: "Capacity headroom (available capacity minus demand)",
        unit: "MW",
        interval: 300,
        inputs: ["capacity.available", "demand.rt"],
        feeds: ["supply_demand"],
        aliases: ["capacity headroom", "headroom", "spare capacity"],
        derivation: d,
      };
    case "condition":
      return {
        key,
        name: "ERCOT grid condition (0 normal, 1 conservation, 2–4 EEA1–EEA3)",
        unit: "level",
        interval: 60,
        inputs: [],
        feeds: ["daily_prc"],
        aliases: ["grid condition", "eea", "eea status", "grid status", "emergency"],
        derivation: d,
      };
  }
}

/**
 * The derived series a key names, or `undefined` when it is not a derived key (or names an
 * unknown point, or a spread of a point with itself).
 *
 * @example derivedSeries("dart.hb_north")?.inputs // ["spp.da.hb_north", "spp.rt.hb_north"]
 */
export function derivedSeries(key: string): DerivedSeries | undefined {
  for (const [pattern, make] of PATTERNS) {
    const m = key.match(pattern);
    if (!m) continue;
    const d = make(m);
    return d ? describe(key, d) : undefined;
  }
  return undefined;
}

/** Whether a key is a derived series. */
export function isDerived(key: string): boolean {
  return derivedSeries(key) !== undefined;
}

/**
 * The derived series the catalog lists: DART, TB2 and TB4 at every hub and load zone, the basis
 * of each load zone with a hub of its region, hub-to-hub spreads among the five physical hubs,
 * net load, capacity headroom and the grid condition. Every other spread of two hubs or load
 * zones is valid too, resolved by {@link derivedSeries}, but not listed.
 */
export function listedDerived(physicalHubs: readonly string[]): DerivedSeries[] {
  const points = Object.keys(DERIVED_POINTS);
  const keys = [
    ...points.flatMap((p) => [`dart.${p}`, `tb2.${p}`, `tb4.${p}`]),
    ...BASIS_ZONES.map((r) => `spread.lz_${r}.hb_${r}`),
    ...physicalHubs.flatMap((a) =>
      physicalHubs.filter((b) => b !== a).map((b) => `spread.${a}.${b}`)
    ),
    "netload",
    "capacity.headroom",
    "grid.condition",
  ];
  return keys.map((k) => derivedSeries(k)!);
}
