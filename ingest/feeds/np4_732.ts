/**
 * NP4-732-CD: wind power production, hourly averaged actual and forecast
 * (`wind.actual`, `wind.stwpf`, `wind.hsl`, and `wind.actual.<region>`,
 * `wind.stwpf.<region>` for regions south_houston, west, north).
 *
 * `ts` = DELIVERY_DATE + HOUR_ENDING (integer, `14` or `09`) + DSTFlag. Empty
 * cells (actuals and HSL of future hours) are skipped, not stored as 0. The
 * `ACTUAL_*` column names used before 2024-09-26 (when `SYSTEM_WIDE_HSL` did
 * not exist yet) are accepted too.
 *
 * @module
 */
import type { Observation } from "../types.ts";
import { type CsvFeedSpec, type ParseOptions, readCsvFeed } from "./helpers.ts";

const REGIONS = ["SOUTH_HOUSTON", "WEST", "NORTH"] as const;

const SPEC: CsvFeedSpec = {
  doc: "NP4-732",
  columns: [
    "DELIVERY_DATE",
    "HOUR_ENDING",
    ...["SYSTEM_WIDE_GEN", "COP_HSL_SYSTEM_WIDE", "STWPF_SYSTEM_WIDE", "WGRPP_SYSTEM_WIDE"],
    ...REGIONS.flatMap((r) => [`GEN_LZ_${r}`, `COP_HSL_LZ_${r}`, `STWPF_LZ_${r}`, `WGRPP_LZ_${r}`]),
    "DSTFlag",
  ],
  optional: ["SYSTEM_WIDE_HSL"],
  aliases: Object.fromEntries([
    ["SYSTEM_WIDE_GEN", ["ACTUAL_SYSTEM_WIDE"]],
    ...REGIONS.map((r) => [`GEN_LZ_${r}`, [`ACTUAL_LZ_${r}`]]),
  ]),
  time: { date: "DELIVERY_DATE", hour: "HOUR_ENDING", flag: "DSTFlag" },
};

/** Column → series for every value this parser emits. */
const SERIES: readonly (readonly [string, string])[] = [
  ["SYSTEM_WIDE_GEN", "wind.actual"],
  ["STWPF_SYSTEM_WIDE", "wind.stwpf"],
  ["SYSTEM_WIDE_HSL", "wind.hsl"],
  ...REGIONS.flatMap((r) => [
    [`GEN_LZ_${r}`, `wind.actual.${r.toLowerCase()}`] as const,
    [`STWPF_LZ_${r}`, `wind.stwpf.${r.toLowerCase()}`] as const,
  ]),
];

/** Parses one NP4-732-CD document (ZIP or CSV). */
export function parseNp4732(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  return readCsvFeed(bytes, opts, SPEC, (row) => {
    const ts = row.hourStart();
    for (const [column, series] of SERIES) row.emitIfPresent(series, ts, column);
  });
}
