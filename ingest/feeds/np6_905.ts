/**
 * NP6-905-CD: real-time settlement point prices, 15-minute (`spp.rt.*`).
 *
 * `ts` = DeliveryDate + DeliveryHour + DeliveryInterval + DSTFlag. Hubs, load
 * zones and DC ties are kept; energy-weighted rows (`LZEW`, `LZ_DCEW`) get
 * the suffix `_ew`; resource nodes are kept when `settlementPoints` is `all`
 * and hubs alone with `hubs`.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";
import { keepsPoint, pointKeyPart, type PointKind } from "./points.ts";

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

/** Settlement point types: what each is, and the suffix its series key gets. */
const TYPES: ReadonlyMap<string, [PointKind, string]> = new Map([
  ["HU", ["hub", ""]],
  ["SH", ["hub", ""]],
  ["AH", ["hub", ""]],
  ["LZ", ["zone", ""]],
  ["LZ_DC", ["zone", ""]],
  ["LZEW", ["zone", "_ew"]],
  ["LZ_DCEW", ["zone", "_ew"]],
  ["RN", ["node", ""]],
  ["PCCRN", ["node", ""]],
  ["LCCRN", ["node", ""]],
  ["PUN", ["node", ""]],
]);

/**
 * Parses one NP6-905-CD document (the ZIP ERCOT serves, or its CSV).
 * An unknown SettlementPointType is a `ParseError` naming the row; a name
 * that is not an ERCOT settlement point name is a `SchemaChangedError`.
 *
 * @example parseNp6905(bytes, { fileName: "cdr.00012301….SPPHLZNP6905_20251102_0215_csv.zip" })
 */
export function parseNp6905(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const ts = row.hourStart();
    const type = row.text("SettlementPointType").toUpperCase();
    const known = TYPES.get(type);
    if (known === undefined) {
      throw row.fail("SettlementPointType", `"${type}" is not a known type`);
    }
    const [kind, suffix] = known;
    const name = row.point("SettlementPointName");
    if (!keepsPoint(opts, kind)) return;
    const key = `spp.rt.${pointKeyPart(name)}${suffix}`;
    row.emit(key, ts, "SettlementPointPrice", undefined, name);
  });
}
