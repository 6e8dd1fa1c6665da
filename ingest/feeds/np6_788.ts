/**
 * NP6-788-CD: SCED locational marginal prices, one SCED run per document
 * (`lmp.rt.*`).
 *
 * `ts` = SCEDTimestamp (Central, RepeatedHourFlag picks the pass of the
 * repeated hour) floored to 5 minutes. The file has no type column: names
 * starting `HB_`, `LZ_` or `DC_` are hubs, load zones and DC ties; every other
 * name is a resource node, kept when `settlementPoints` is `all`.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";
import { keepsPoint, pointKeyPart, pointKindOf } from "./points.ts";

const SPEC: CsvFeedSpec = {
  doc: "NP6-788",
  columns: ["SCEDTimestamp", "RepeatedHourFlag", "SettlementPoint", "LMP"],
};

const FIVE_MINUTES_MS = 300_000;

/** Parses one NP6-788-CD document (ZIP or CSV). */
export function parseNp6788(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const run = row.timestamp("SCEDTimestamp", "RepeatedHourFlag").getTime();
    const ts = new Date(Math.floor(run / FIVE_MINUTES_MS) * FIVE_MINUTES_MS);
    const name = row.point("SettlementPoint");
    if (!keepsPoint(opts, pointKindOf(name))) return;
    row.emit(`lmp.rt.${pointKeyPart(name)}`, ts, "LMP", undefined, name);
  });
}
