/**
 * NP4-190-CD: day-ahead settlement point prices, hourly (`spp.da.*`).
 *
 * `ts` = DeliveryDate + HourEnding + DSTFlag. There is no type column: names
 * starting `HB_`, `LZ_` or `DC_` are kept; resource nodes are skipped unless
 * `resourceNodes` is set.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, isHubZoneOrTie, type ParseOptions, readCsvFeed } from "./helpers.ts";

const SPEC: CsvFeedSpec = {
  doc: "NP4-190",
  columns: ["DeliveryDate", "HourEnding", "SettlementPoint", "SettlementPointPrice", "DSTFlag"],
  aliases: { SettlementPoint: ["SettlementPointName"] },
  time: { date: "DeliveryDate", hour: "HourEnding", flag: "DSTFlag" },
};

/** Parses one NP4-190-CD document (ZIP or CSV). */
export function parseNp4190(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const ts = row.hourStart();
    const name = row.text("SettlementPoint");
    if (!opts.resourceNodes && !isHubZoneOrTie(name)) return;
    row.emit(`spp.da.${name.toLowerCase()}`, ts, "SettlementPointPrice");
  });
}
