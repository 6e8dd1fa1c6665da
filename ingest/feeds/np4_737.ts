/**
 * NP4-737-CD: solar power production, hourly averaged actual and forecast
 * (`solar.actual`, `solar.stppf`, `solar.hsl`).
 *
 * `ts` = DELIVERY_DATE + HOUR_ENDING + DSTFlag. Empty cells (actuals and HSL
 * of future hours) are skipped, not stored as 0. The pre-2024 name
 * `ACTUAL_SYSTEM_WIDE` is accepted for `SYSTEM_WIDE_GEN`, and
 * `SYSTEM_WIDE_HSL` may be absent.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";

const SPEC: CsvFeedSpec = {
  doc: "NP4-737",
  columns: [
    "DELIVERY_DATE",
    "HOUR_ENDING",
    "SYSTEM_WIDE_GEN",
    "COP_HSL_SYSTEM_WIDE",
    "STPPF_SYSTEM_WIDE",
    "PVGRPP_SYSTEM_WIDE",
    "DSTFlag",
  ],
  optional: ["SYSTEM_WIDE_HSL"],
  aliases: { SYSTEM_WIDE_GEN: ["ACTUAL_SYSTEM_WIDE"] },
  time: { date: "DELIVERY_DATE", hour: "HOUR_ENDING", flag: "DSTFlag" },
};

/** Column → series for every value this parser emits. */
const SERIES: readonly (readonly [string, string])[] = [
  ["SYSTEM_WIDE_GEN", "solar.actual"],
  ["STPPF_SYSTEM_WIDE", "solar.stppf"],
  ["SYSTEM_WIDE_HSL", "solar.hsl"],
];

/** Parses one NP4-737-CD document (ZIP or CSV). */
export function parseNp4737(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const ts = row.hourStart();
    for (const [column, series] of SERIES) row.emitIfPresent(series, ts, column);
  });
}
