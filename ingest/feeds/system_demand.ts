/**
 * Dashboard `system-wide-demand.json` (legacy alias `loadForecastVsActual.json`):
 * hourly load against forecast (`load.actual` from `systemLoad`,
 * `load.forecast` from `currentLoadForecast`, `load.forecast.dayahead` from
 * `dayAheadForecast`).
 *
 * `timestamp` is the hour end, so `ts` = `timestamp` − 1 h. The 2023 schema
 * has no `timestamp`: `ts` = the block's `dayDate` + `hourEnding` + `dstFlag`.
 * Keys omitted for hours not yet known are skipped.
 *
 * @module
 */
import { SchemaChangedError } from "../../domain/errors.ts";
import {
  hourEndingStart,
  parseCentralDate,
  parseCentralTimestamp,
  parseDstFlag,
  parseHourEnding,
} from "../../domain/ercot_time.ts";
import { ObservationList } from "./bounds.ts";
import type { Observation } from "../types.ts";
import {
  type DashboardRow,
  dayBlockRows,
  decodeJsonDocument,
  docLabel,
  jsonNumber,
  locate,
  type ParseOptions,
} from "./helpers.ts";

const SERIES = [
  ["systemLoad", "load.actual"],
  ["currentLoadForecast", "load.forecast"],
  ["dayAheadForecast", "load.forecast.dayahead"],
] as const;

const HOUR_MS = 3_600_000;

/** Interval start of one row, from `timestamp` (hour end) or, in the 2023 schema, its labels. */
function intervalStart({ where, row, block }: DashboardRow, doc: string): Date {
  if (typeof row.timestamp === "string") {
    const end = parseCentralTimestamp(row.timestamp, { field: "timestamp" });
    return new Date(end.getTime() - HOUR_MS);
  }
  const missing = ["hourEnding", "dstFlag"].filter((key) => !Object.hasOwn(row, key));
  if (missing.length > 0 || typeof block.dayDate !== "string") {
    const all = [
      "timestamp",
      ...missing,
      ...(typeof block.dayDate === "string" ? [] : ["dayDate"]),
    ];
    throw new SchemaChangedError(`${doc} changed shape: ${where} lacks ${all.join(", ")}`, all, []);
  }
  const date = parseCentralDate(block.dayDate.slice(0, 10), { field: "dayDate" });
  const hour = parseHourEnding(row.hourEnding as string | number, { field: "hourEnding" });
  const dst = parseDstFlag(row.dstFlag, { field: "dstFlag" });
  return hourEndingStart(date, hour, { dst, field: "hourEnding" });
}

/** Parses one `system-wide-demand.json` document (current or 2023 schema). */
export function parseSystemDemand(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  const doc = docLabel("system-wide-demand.json", opts.fileName);
  const root = decodeJsonDocument(bytes, doc);
  const rows = dayBlockRows(root, ["previousDay", "currentDay", "nextDay"], [], doc);
  const out = new ObservationList(doc);
  for (const item of rows) {
    const ts = locate(doc, item.where, () => intervalStart(item, doc));
    for (const [key, series] of SERIES) {
      const value = jsonNumber(item.row[key], doc, `${item.where}.${key}`);
      if (value !== undefined) out.add(item.where, key, { series, ts, value });
    }
  }
  return out.items;
}
