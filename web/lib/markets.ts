/**
 * Which market a price series is, for titles: ERCOT's settlement point
 * prices (`spp.*`) and SCED locational marginal prices (`lmp.*`) differ, and a
 * card never leaves it to guess.
 *
 * @module
 */

/** Which market a price series is: "LMP (SCED)" for `lmp.*`, "settlement point price" for `spp.*`. */
export function marketName(key: string): string | undefined {
  if (key.startsWith("lmp.")) return "LMP (SCED)";
  if (key.startsWith("spp.")) return "settlement point price";
  return undefined;
}
