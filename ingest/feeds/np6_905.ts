/**
 * NP6-905-CD: real-time settlement point prices, 15-minute (`spp.rt.*`).
 *
 * `ts` = DeliveryDate + DeliveryHour + DeliveryInterval + DSTFlag. Hubs, load
 * zones and DC ties are kept; energy-weighted rows (`LZEW`, `LZ_DCEW`) get
 * the suffix `_ew`; resource nodes are skipped unless `resourceNodes` is set.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";

const SPEC: CsvFeedSpec = {
  doc: "NP6-905",
  columns: [
    "DeliveryDate",
    "DeliveryHour",
    "DeliveryInterval",
    "SettlementPointName",
    "SettlementPointType",
    "SettlementPointPrice",
    "DSTFlag",
  ],
  time: {
    date: "DeliveryDate",
    hour: "DeliveryHour",
    interval: "DeliveryInterval",
    flag: "DSTFlag",
  },
};

/** Settlement point types kept by default, with the suffix their series key gets. */
const KEPT_TYPES: ReadonlyMap<string, string> = new Map([
  ["HU", ""],
  ["SH", ""],
  ["AH", ""],
  ["LZ", ""],
  ["LZ_DC", ""],
  ["LZEW", "_ew"],
  ["LZ_DCEW", "_ew"],
]);

/** Resource node types, emitted only with `resourceNodes`. */
const RESOURCE_NODE_TYPES: ReadonlySet<string> = new Set(["RN", "PCCRN", "LCCRN", "PUN"]);

/**
 * Parses one NP6-905-CD document (the ZIP ERCOT serves, or its CSV).
 * An unknown SettlementPointType is a `ParseError` naming the row.
 *
 * @example parseNp6905(bytes, { fileName: "cdr.00012301….SPPHLZNP6905_20251102_0215_csv.zip" })
 */
export function parseNp6905(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const ts = row.hourStart();
    const type = row.text("SettlementPointType").toUpperCase();
    const suffix = KEPT_TYPES.get(type);
    if (suffix === undefined && !RESOURCE_NODE_TYPES.has(type)) {
      throw row.fail("SettlementPointType", `"${type}" is not a known type`);
    }
    if (suffix === undefined && !opts.resourceNodes) return;
    const name = row.text("SettlementPointName").toLowerCase();
    row.emit(`spp.rt.${name}${suffix ?? ""}`, ts, "SettlementPointPrice");
  });
}
