/**
 * NP4-188-CD: day-ahead ancillary service clearing prices for capacity
 * (`mcpc.da.<product>`, product ∈ regup, regdn, rrs, ecrs, nspin).
 *
 * `ts` = DeliveryDate + HourEnding + DSTFlag. Products within an hour come in
 * no fixed order. An AncillaryType outside the catalog is a `ParseError`.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";

const SPEC: CsvFeedSpec = {
  doc: "NP4-188",
  columns: ["DeliveryDate", "HourEnding", "AncillaryType", "MCPC", "DSTFlag"],
  time: { date: "DeliveryDate", hour: "HourEnding", flag: "DSTFlag" },
};

const PRODUCTS: ReadonlySet<string> = new Set(["regup", "regdn", "rrs", "ecrs", "nspin"]);

/** Parses one NP4-188-CD document (ZIP or CSV). */
export function parseNp4188(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const ts = row.hourStart();
    const product = row.text("AncillaryType").toLowerCase();
    if (!PRODUCTS.has(product)) {
      throw row.fail("AncillaryType", `"${row.text("AncillaryType")}" is not a known product`);
    }
    row.emit(`mcpc.da.${product}`, ts, "MCPC");
  });
}
