/**
 * Plausibility of a parsed value: finite, within a bound per unit of its
 * series (the unit comes from the catalog), and neither so close to zero nor so
 * large that the rollups could not aggregate it (`domain/units.ts`). A value beyond it means a file
 * ERCOT broke or changed (shifted columns, a unit change, a sentinel), so the
 * whole document is refused before anything is stored, naming row and field,
 * instead of overflowing a rollup later.
 *
 * @module
 */
import { ParseError, SchemaChangedError } from "../../domain/errors.ts";
import { findSeries, priceFamilyOf } from "../../domain/catalog.ts";
import { type Unit, unstorable } from "../../domain/units.ts";
import type { Observation } from "../types.ts";

/**
 * The largest plausible magnitude per unit. Prices: ERCOT's offer cap is
 * $5,000/MWh and the highest clearing prices seen are a few tens of
 * thousands; loads and generation are below 100,000 MW.
 */
export const PLAUSIBLE_MAGNITUDE: Readonly<Record<Unit, number>> = {
  "$/MWh": 100_000,
  "$/MW": 100_000,
  "MW": 1_000_000,
  "level": 4,
};

/** The unit of a series key: the catalog's, or $/MWh for any settlement point price. */
export function unitOf(series: string): Unit | undefined {
  return findSeries(series)?.unit ?? priceFamilyOf(series)?.unit;
}

/** A value that cannot be real: the document is refused as a changed schema would be. */
export class ImplausibleValueError extends SchemaChangedError {
  constructor(message: string, readonly field: string) {
    super(message, [], []);
  }
}

/** A series' unit and the magnitude no value of it can pass. */
export interface Plausible {
  unit?: Unit;
  limit?: number;
}

/** The unit of `series` and its {@linkcode PLAUSIBLE_MAGNITUDE}, if any. */
export function plausible(series: string): Plausible {
  const unit = unitOf(series);
  return { unit, limit: unit === undefined ? undefined : PLAUSIBLE_MAGNITUDE[unit] };
}

/**
 * Throws {@linkcode ImplausibleValueError} when `value` of `series` is not
 * finite or beyond {@linkcode PLAUSIBLE_MAGNITUDE} for its unit; `doc`,
 * `where` (e.g. `row 12`) and `field` locate it for the message; `known`
 * is {@linkcode plausible} of `series`, when the caller holds it already.
 *
 * @example checkPlausible("NP6-905", "row 12", "SettlementPointPrice", "spp.rt.hb_west", 1e9)
 * // throws: NP6-905 row 12: SettlementPointPrice 1000000000 is implausible for $/MWh (beyond ±100000)
 */
export function checkPlausible(
  doc: string,
  where: string,
  field: string,
  series: string,
  value: number,
  { unit, limit }: Plausible = plausible(series),
): void {
  const at = () => `${doc} ${where}: ${field}`;
  if (Number.isFinite(value) && limit !== undefined && Math.abs(value) > limit) {
    throw new ImplausibleValueError(
      `${at()} ${value} is implausible for ${unit} (beyond ±${limit})`,
      field,
    );
  }
  const why = unstorable(value);
  if (why) throw new ImplausibleValueError(`${at()} ${value} ${why}`, field);
}

/**
 * Collects observations, rejecting a second value for the same series and
 * instant (`ParseError`) and an implausible value (`ImplausibleValueError`).
 */
export class ObservationList {
  readonly #items: Observation[] = [];
  /** Per series: its plausibility, and where each of its instants was read. */
  readonly #seen = new Map<string, { known: Plausible; where: Map<number, string> }>();

  /** @param doc document label for messages */
  constructor(readonly doc: string) {}

  /**
   * Adds one observation; `where` (e.g. `row 12`) and `field` (the column or
   * key it was read from) locate it for messages.
   */
  add(where: string, field: string, obs: Observation): void {
    let series = this.#seen.get(obs.series);
    if (!series) {
      this.#seen.set(obs.series, series = { known: plausible(obs.series), where: new Map() });
    }
    checkPlausible(this.doc, where, field, obs.series, obs.value, series.known);
    const t = obs.ts.getTime();
    const first = series.where.get(t);
    if (first !== undefined) {
      throw new ParseError(
        `Cannot parse ${this.doc} ${where}: ${obs.series} at ${obs.ts.toISOString()} repeats ${first}`,
      );
    }
    series.where.set(t, where);
    this.#items.push(obs);
  }

  /** The observations in the order they were added. */
  get items(): Observation[] {
    return this.#items;
  }
}
