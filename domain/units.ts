/**
 * Units of series values (DESIGN.md "Series catalog"): energy prices per MWh, ancillary service
 * clearing prices per MW of capacity, and power in MW.
 *
 * @module
 */

/** Every unit a series value is in. */
export const UNITS = ["$/MWh", "$/MW", "MW"] as const;

/** A unit of series values. */
export type Unit = typeof UNITS[number];
