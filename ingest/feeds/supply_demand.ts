/**
 * Dashboard `supply-demand.json` ("Today's Outlook"): real-time demand and
 * available capacity, 5-minute (`demand.rt` from `demand`,
 * `capacity.available` from `available`).
 *
 * `ts` = `epoch` (milliseconds), read as the interval start as DESIGN.md
 * decides (gridstatus reads it both ways; the day's first row is stamped
 * 00:00). Only actual rows (`forecast: 0`) are read: rows with `forecast: 1`
 * project the rest of the day and would otherwise be stored, then revised,
 * as if measured. The hourly `forecast[]` array is not read. Omitted values
 * are skipped.
 *
 * @module
 */
import { ParseError } from "../../domain/errors.ts";
import { ObservationList } from "./bounds.ts";
import type { Observation } from "../types.ts";
import {
  asArray,
  asObject,
  decodeJsonDocument,
  docLabel,
  jsonNumber,
  type ParseOptions,
  requireKeys,
} from "./helpers.ts";

const SERIES = [
  ["demand", "demand.rt"],
  ["available", "capacity.available"],
] as const;

/** Whether a row is a forecast, from its `forecast` flag (0/1, also as boolean or text). */
function isForecast(value: unknown, doc: string, where: string): boolean {
  if (value === 0 || value === false || value === "0") return false;
  if (value === 1 || value === true || value === "1") return true;
  throw new ParseError(
    `Cannot parse ${doc} ${where}: forecast ${JSON.stringify(value)} is not 0 or 1`,
  );
}

/** Parses one `supply-demand.json` document. */
export function parseSupplyDemand(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  const doc = docLabel("supply-demand.json", opts.fileName);
  const root = decodeJsonDocument(bytes, doc);
  requireKeys(root, ["data"], doc, "the document");
  const out = new ObservationList(doc);
  asArray(root.data, doc, "data").forEach((item, i) => {
    const where = `data[${i}]`;
    const row = asObject(item, doc, where);
    requireKeys(row, ["epoch", "forecast"], doc, where);
    if (isForecast(row.forecast, doc, where)) return;
    const epoch = jsonNumber(row.epoch, doc, `${where}.epoch`);
    if (epoch === undefined) throw new ParseError(`Cannot parse ${doc} ${where}: epoch is empty`);
    const ts = new Date(epoch);
    for (const [key, series] of SERIES) {
      const value = jsonNumber(row[key], doc, `${where}.${key}`);
      if (value !== undefined) out.add(where, key, { series, ts, value });
    }
  });
  return out.items;
}
