/**
 * Units of series values (DESIGN.md "Series catalog"): energy prices per MWh, ancillary service
 * clearing prices per MW of capacity, power in MW, and the grid condition as a level (0–4); and the
 * magnitudes any stored value may have.
 *
 * @module
 */

/** Every unit a series value is in. */
export const UNITS = ["$/MWh", "$/MW", "MW", "level"] as const;

/** A unit of series values. */
export type Unit = typeof UNITS[number];

/**
 * The magnitudes a stored value may have besides zero, so that no rollup's float8 arithmetic
 * fails. TimescaleDB's hourly and daily rollups divide a sum by a count, and PostgreSQL raises
 * "value out of range: underflow" when that quotient rounds to zero, as it can when a value is
 * subnormal (below about 2.2e-308); the refresh then fails on every retry. Every double of
 * magnitude 1e-300 or more is a multiple of 2^-1049, so any non-zero sum of such values divided
 * by a count below 2^25 stays above the smallest double. At the other end `avg()` squares
 * deviations from the mean, which overflows near 1e154.
 */
export const STORABLE_MAGNITUDE = { min: 1e-300, max: 1e100 } as const;

/** Why `value` cannot be stored (see {@link STORABLE_MAGNITUDE}), or undefined when it can. */
export function unstorable(value: number): string | undefined {
  if (!Number.isFinite(value)) return "is not finite";
  const size = Math.abs(value);
  if (size > STORABLE_MAGNITUDE.max) {
    return `is too large to aggregate (beyond ±${STORABLE_MAGNITUDE.max})`;
  }
  if (size !== 0 && size < STORABLE_MAGNITUDE.min) {
    return `is too close to zero to aggregate (non-zero magnitudes below ${STORABLE_MAGNITUDE.min} are refused)`;
  }
}
