/**
 * NP3-560-CD: seven-day load forecast by forecast zone, hourly
 * (`load.forecast`, `load.forecast.<fz>`).
 *
 * `ts` = DeliveryDate + HourEnding (`1:00`…`24:00`) + DSTFlag (its header
 * carries trailing spaces). `publishedAt` is the posting time in the file
 * name — `opts.fileName`, else the name of the CSV inside the ZIP — when
 * either carries one.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, postingTime, readCsvFeed } from "./helpers.ts";

const ZONES = ["North", "South", "West", "Houston"] as const;

const SPEC: CsvFeedSpec = {
  doc: "NP3-560",
  columns: ["DeliveryDate", "HourEnding", ...ZONES, "SystemTotal", "DSTFlag"],
  time: { date: "DeliveryDate", hour: "HourEnding", flag: "DSTFlag" },
};

/** Parses one NP3-560-CD document (ZIP or CSV). */
export function parseNp3560(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  let published: { at?: Date } | undefined;
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    published ??= { at: postingTime(opts.fileName) ?? postingTime(row.entryName) };
    const ts = row.hourStart();
    for (const zone of ZONES) {
      row.emit(`load.forecast.${zone.toLowerCase()}`, ts, zone, published.at);
    }
    row.emit("load.forecast", ts, "SystemTotal", published.at);
  });
}
