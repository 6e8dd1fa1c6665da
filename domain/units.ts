/**
 * Units of series values (DESIGN.md "Series catalog"): energy prices per MWh, ancillary service
 * clearing prices per MW of capacity, power in MW, and the grid condition as a level (0–4).
 *
 * @module
 */

/** Every unit a series value is in. */
export const UNITS = ["$/MWh", "$/MW", "MW", "level"] as const;

/** A unit of series values. */
export type Unit = typeof UNITS[number];
