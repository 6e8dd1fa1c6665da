/**
 * NP6-346-CD: actual system load by forecast zone, hourly (`load.actual`,
 * `load.actual.<fz>`).
 *
 * `ts` = OperDay + HourEnding + DSTFlag. Monthly files concatenated by
 * downloaders (one header, days in reverse order) parse the same way.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";

const ZONES = ["NORTH", "SOUTH", "WEST", "HOUSTON"] as const;

const SPEC: CsvFeedSpec = {
  doc: "NP6-346",
  columns: ["OperDay", "HourEnding", ...ZONES, "TOTAL", "DSTFlag"],
  time: { date: "OperDay", hour: "HourEnding", flag: "DSTFlag" },
};

/** Parses one NP6-346-CD document (ZIP or CSV). */
export function parseNp6346(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const ts = row.hourStart();
    for (const zone of ZONES) row.emit(`load.actual.${zone.toLowerCase()}`, ts, zone);
    row.emit("load.actual", ts, "TOTAL");
  });
}
