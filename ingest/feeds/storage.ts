/**
 * Dashboard `energy-storage-resources.json`: energy storage resources,
 * 5-minute (`storage.charging`, `storage.discharging`, `storage.net`).
 *
 * `ts` = `timestamp` (offset-aware), the interval start. `totalCharging` is
 * negative as published. On fall-back days ERCOT has stamped two rows with
 * the same `…02:00:00-0600` and none with the repeated `01:00:00-0600`: when
 * two rows share a stamp, the one flagged `dstFlag: "N"` is moved an hour
 * earlier, where it belongs. Omitted values are skipped.
 *
 * @module
 */
import { parseCentralTimestamp } from "../../domain/ercot_time.ts";
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
  ["totalCharging", "storage.charging"],
  ["totalDischarging", "storage.discharging"],
  ["netOutput", "storage.net"],
] as const;

const HOUR_MS = 3_600_000;

/** Interval start per row, with the fall-back double stamp repaired. */
function intervalStarts(rows: DashboardRow[], doc: string): Date[] {
  const stamps = rows.map(({ row }) => String(row.timestamp));
  const counts = new Map<string, number>();
  for (const stamp of stamps) counts.set(stamp, (counts.get(stamp) ?? 0) + 1);
  return rows.map(({ where, row }, i) => {
    const ts = locate(doc, where, () => parseCentralTimestamp(stamps[i], { field: "timestamp" }));
    const misplaced = (counts.get(stamps[i]) ?? 0) > 1 &&
      (row.dstFlag === "N" || row.dstFlag === false);
    return misplaced ? new Date(ts.getTime() - HOUR_MS) : ts;
  });
}

/** Parses one `energy-storage-resources.json` document. */
export function parseStorage(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  const doc = docLabel("energy-storage-resources.json", opts.fileName);
  const root = decodeJsonDocument(bytes, doc);
  const rows = dayBlockRows(root, ["previousDay", "currentDay"], ["timestamp"], doc);
  const starts = intervalStarts(rows, doc);
  const out = new ObservationList(doc);
  rows.forEach(({ where, row }, i) => {
    for (const [key, series] of SERIES) {
      const value = jsonNumber(row[key], doc, `${where}.${key}`);
      if (value !== undefined) out.add(where, key, { series, ts: starts[i], value });
    }
  });
  return out.items;
}
