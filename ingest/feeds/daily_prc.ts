/**
 * Dashboard `daily-prc.json`: physical responsive capability, 1-minute
 * (`reserves.prc`), and the grid condition ERCOT shows on its Grid
 * Conditions page (the only machine-readable EEA signal).
 *
 * `data[]` holds PRC about every 10 s: `ts` = `epoch` (ms) floored to the
 * minute, keeping the last value in each minute (the latest `epoch`; for
 * equal epochs, the later row).
 *
 * @module
 */
import { ObservationList } from "./bounds.ts";
import { ParseError } from "../../domain/errors.ts";
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

const MINUTE_MS = 60_000;

function requiredNumber(value: unknown, doc: string, path: string): number {
  const n = jsonNumber(value, doc, path, { commas: true });
  if (n === undefined) throw new ParseError(`Cannot parse ${doc}: ${path} is empty`);
  return n;
}

/** Parses the PRC series of one `daily-prc.json` document. */
export function parseDailyPrc(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  const doc = docLabel("daily-prc.json", opts.fileName);
  const root = decodeJsonDocument(bytes, doc);
  requireKeys(root, ["data"], doc, "the document");
  const readings = asArray(root.data, doc, "data").map((item, i) => {
    const where = `data[${i}]`;
    const row = asObject(item, doc, where);
    requireKeys(row, ["epoch", "prc"], doc, where);
    const epoch = requiredNumber(row.epoch, doc, `${where}.epoch`);
    return { where, epoch, prc: jsonNumber(row.prc, doc, `${where}.prc`, { commas: true }) };
  });
  const lastInMinute = new Map<number, { where: string; prc: number }>();
  for (const { where, epoch, prc } of readings.toSorted((a, b) => a.epoch - b.epoch)) {
    if (prc !== undefined) {
      lastInMinute.set(Math.floor(epoch / MINUTE_MS) * MINUTE_MS, { where, prc });
    }
  }
  const out = new ObservationList(doc);
  for (const [minute, { where, prc }] of lastInMinute) {
    out.add(where, "prc", { series: "reserves.prc", ts: new Date(minute), value: prc });
  }
  return out.items;
}

/** The grid condition ERCOT reports in `daily-prc.json` `current_condition`. */
export interface GridCondition {
  /** ERCOT's state word: `"normal"` is the only one observed; any string is passed on. */
  state: string;
  /** Headline, e.g. `"Normal Conditions"` ("" when absent). */
  title: string;
  /** Explanatory note (`condition_note`; "" when absent). */
  note: string;
  /** Energy emergency alert level, 0 when normal. */
  eeaLevel: number;
  /** Physical responsive capability, MW (`prc_value`, e.g. `"10,418"`). */
  prc: number;
  /** When ERCOT assessed the condition (`datetime`, epoch seconds). */
  at: Date;
}

/**
 * Extracts the grid condition from a `daily-prc.json` document. Missing
 * `state`, `eea_level`, `prc_value` or `datetime` is a `SchemaChangedError`.
 *
 * @example parseGridCondition(bytes).eeaLevel // 0
 */
export function parseGridCondition(bytes: Uint8Array, opts: ParseOptions = {}): GridCondition {
  const doc = docLabel("daily-prc.json", opts.fileName);
  const root = decodeJsonDocument(bytes, doc);
  requireKeys(root, ["current_condition"], doc, "the document");
  const c = asObject(root.current_condition, doc, "current_condition");
  requireKeys(c, ["state", "eea_level", "prc_value", "datetime"], doc, "current_condition");
  const seconds = requiredNumber(c.datetime, doc, "current_condition.datetime");
  return {
    state: String(c.state),
    title: typeof c.title === "string" ? c.title : "",
    note: typeof c.condition_note === "string" ? c.condition_note : "",
    eeaLevel: requiredNumber(c.eea_level, doc, "current_condition.eea_level"),
    prc: requiredNumber(c.prc_value, doc, "current_condition.prc_value"),
    at: new Date(seconds * 1000),
  };
}
