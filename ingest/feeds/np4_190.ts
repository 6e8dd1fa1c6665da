/**
 * NP4-190-CD: day-ahead settlement point prices, hourly (`spp.da.*`).
 *
 * `ts` = DeliveryDate + HourEnding + DSTFlag. There is no type column: names
 * starting `HB_`, `LZ_` or `DC_` are kept; resource nodes are skipped unless
 * `settlementPoints` is `all` (hubs alone with `hubs`).
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";
import { keepsPoint, pointKeyPart, pointKindOf } from "./points.ts";

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
    const name = row.point("SettlementPoint");
    if (!keepsPoint(opts, pointKindOf(name))) return;
    row.emit(`spp.da.${pointKeyPart(name)}`, ts, "SettlementPointPrice", undefined, name);
  });
}
