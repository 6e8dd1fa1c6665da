/**
 * Helpers shared by the feed parsers: reading a document (ZIP, CSV, JSON),
 * walking CSV rows and dashboard day blocks with locations for error
 * messages, and collecting observations without duplicate instants.
 *
 * @module
 */
import { unzipSync } from "fflate";
import { ParseError, SchemaChangedError } from "../../domain/errors.ts";
import {
  cellError,
  type CellRef,
  type ColumnSpec,
  matchColumns,
  type MatchedColumn,
  parseNumber,
  readCsv,
  readNumber,
} from "../csv.ts";
import {
  hourEndingStart,
  parseCentralDate,
  parseCentralTimestamp,
  parseDstFlag,
  parseHourEnding,
  parseQuarterHourInterval,
} from "../../domain/ercot_time.ts";
import type { Observation } from "../types.ts";
import { ObservationList } from "./bounds.ts";
import { checkPointName, type PointOptions } from "./points.ts";

/** Options every feed parser accepts; the price feeds also read which settlement points to keep. */
export interface ParseOptions extends PointOptions {
  /** Name of the file or posting, used in messages (and by NP3-560 for its posting time). */
  fileName?: string;
}

/** A pure feed parser: the bytes of one document in, observations out. */
export type FeedParser = (bytes: Uint8Array, opts?: ParseOptions) => Observation[];

/** The label used in messages: the feed's short name, plus the file name when known. */
export function docLabel(base: string, fileName?: string): string {
  return fileName ? `${base} (${fileName.split("/").pop()})` : base;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function decodeText(bytes: Uint8Array, doc: string, expected: string): string {
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") throw new ParseError(`Cannot parse ${doc}: the document is empty`);
  if (/^\s*</.test(text)) {
    throw new ParseError(`Cannot parse ${doc}: got an HTML page instead of ${expected}`);
  }
  return text;
}

/**
 * The CSV text of a MIS document, given either the ZIP ERCOT serves (one CSV
 * inside) or the CSV itself. Also returns the ZIP entry's name, which carries
 * the posting time. Truncated or corrupt ZIPs and HTML pages are `ParseError`s.
 */
export function decodeCsvDocument(
  bytes: Uint8Array,
  doc: string,
): { text: string; entryName?: string } {
  if (!isZip(bytes)) return { text: decodeText(bytes, doc, "CSV") };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new ParseError(
      `Cannot parse ${doc}: the ZIP archive is truncated or corrupt (${(e as Error).message})`,
    );
  }
  const names = Object.keys(entries).filter((n) => n.toLowerCase().endsWith(".csv"));
  if (names.length !== 1) {
    const all = Object.keys(entries).join(", ") || "nothing";
    throw new ParseError(`Cannot parse ${doc}: expected one CSV in the ZIP archive, found ${all}`);
  }
  return { text: decodeText(entries[names[0]], doc, "CSV"), entryName: names[0] };
}

/** Parses a JSON document whose top level must be an object; a top-level `_comment` is ignored. */
export function decodeJsonDocument(bytes: Uint8Array, doc: string): Record<string, unknown> {
  const text = decodeText(bytes, doc, "JSON");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`Cannot parse ${doc}: not valid JSON (${(e as Error).message})`);
  }
  return asObject(value, doc, "the document");
}

/** `value` as a plain object, or a `ParseError` saying what `path` should have been. */
export function asObject(value: unknown, doc: string, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ParseError(`Cannot parse ${doc}: ${path} is not an object`);
  }
  return value as Record<string, unknown>;
}

/** `value` as an array, or a `ParseError` naming `path`. */
export function asArray(value: unknown, doc: string, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ParseError(`Cannot parse ${doc}: ${path} is not an array`);
  return value;
}

/** Throws `SchemaChangedError` when `obj` lacks any of `keys` (JSON feeds ignore extra keys). */
export function requireKeys(
  obj: Record<string, unknown>,
  keys: readonly string[],
  doc: string,
  path: string,
): void {
  const missing = keys.filter((k) => !Object.hasOwn(obj, k));
  if (missing.length > 0) {
    throw new SchemaChangedError(
      `${doc} changed shape: ${path} lacks ${missing.join(", ")}`,
      missing,
      [],
    );
  }
}

/**
 * A JSON value as a number: numbers pass, numeric strings are read (thousands
 * commas allowed with `commas`), `null`/absent mean "not yet known" and give
 * `undefined`; anything else is a `ParseError` naming `path`.
 */
export function jsonNumber(
  value: unknown,
  doc: string,
  path: string,
  opts: { commas?: boolean } = {},
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const n = typeof value === "string"
    ? readNumber(opts.commas ? value.replaceAll(",", "") : value)
    : undefined;
  if (n === undefined) {
    throw new ParseError(`Cannot parse ${doc}: ${path} ${JSON.stringify(value)} is not a number`);
  }
  return n;
}

/** One row of a dashboard day block, with its path for messages (`currentDay.data[3]`). */
export interface DashboardRow {
  where: string;
  row: Record<string, unknown>;
  block: Record<string, unknown>;
}

/**
 * The rows of a dashboard's day blocks (`previousDay`, `currentDay`, …) in
 * order. Absent blocks are skipped, but at least one must be present; each
 * present block needs a `data` array of objects, whose `required` keys are
 * checked (`SchemaChangedError` when missing).
 */
export function dayBlockRows(
  root: Record<string, unknown>,
  blocks: readonly string[],
  required: readonly string[],
  doc: string,
): DashboardRow[] {
  const present = blocks.filter((name) => Object.hasOwn(root, name));
  if (present.length === 0) {
    throw new SchemaChangedError(`${doc} changed shape: no ${blocks.join(", ")}`, [...blocks], []);
  }
  return present.flatMap((name) => {
    const block = asObject(root[name], doc, name);
    requireKeys(block, ["data"], doc, name);
    return asArray(block.data, doc, `${name}.data`).map((item, i) => {
      const where = `${name}.data[${i}]`;
      const row = asObject(item, doc, where);
      requireKeys(row, required, doc, where);
      return { where, row, block };
    });
  });
}

/**
 * Runs `read` and prefixes any `ParseError` it throws (e.g. from the time
 * rules, which name field and value) with the document and location.
 */
export function locate<T>(doc: string, where: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    throw new ParseError(`Cannot parse ${doc} ${where}: ${e.message}`);
  }
}

/** What a CSV feed expects: its columns (see `ColumnSpec`), and how rows are dated. */
export interface CsvFeedSpec extends ColumnSpec {
  /** Short document name for messages, e.g. `NP6-905`. */
  doc: string;
  /** Columns dating a row by delivery date + hour ending (+ interval) + DST flag. */
  time?: { date: string; hour: string; flag: string; interval?: string };
}

/** One CSV row with typed access to its cells; every error names document, row and field. */
export interface CsvRow {
  /** Row number (file line). */
  readonly line: number;
  /** Name of the CSV inside the ZIP, when the document was a ZIP. */
  readonly entryName?: string;
  /** A cell's trimmed text ("" for an absent optional column). */
  text(column: string): string;
  /** A cell as a number; empty or non-numeric is a `ParseError`. */
  number(column: string): number;
  /** Interval start from the spec's `time` columns. */
  hourStart(): Date;
  /** A timestamp column (no offset: Central time) with a repeated-hour flag column. */
  timestamp(column: string, flagColumn: string): Date;
  /** A `ParseError` about `column` in this row. */
  fail(column: string, problem: string): ParseError;
  /** The settlement point name in `column`, checked by `checkPointName`. */
  point(column: string): string;
  /** Records the number in `column` (empty is a `ParseError`) as `series` (of `point`) at `ts`. */
  emit(series: string, ts: Date, column: string, publishedAt?: Date, point?: string): void;
  /** As `emit`, but an empty cell (or absent optional column) records nothing. */
  emitIfPresent(series: string, ts: Date, column: string): void;
}

/**
 * Reads a CSV feed document (ZIP or CSV), checks its columns, and calls
 * `each` per row; returns what the rows emitted.
 */
export function readCsvFeed(
  bytes: Uint8Array,
  opts: ParseOptions,
  spec: CsvFeedSpec,
  each: (row: CsvRow) => void,
): Observation[] {
  const doc = docLabel(spec.doc, opts.fileName);
  const { text, entryName } = decodeCsvDocument(bytes, doc);
  const table = readCsv(text, doc);
  const columns = matchColumns(table.header, spec, doc);
  const out = new ObservationList(doc);
  const times = new Map<string, Date>();
  // One reader moved from row to row: a document may have hundreds of thousands.
  const reader = new RowReader({ doc, columns, spec, out, times, entryName });
  for (const record of table.records) each(reader.at(record.line, record.cells));
  return out.items;
}

interface RowContext {
  doc: string;
  columns: Map<string, MatchedColumn>;
  spec: CsvFeedSpec;
  out: ObservationList;
  times: Map<string, Date>;
  entryName?: string;
}

/** A `CsvRow` over one record at a time; interval starts are cached per document by their labels. */
class RowReader implements CsvRow {
  line = 0;
  private cells: string[] = [];

  constructor(private readonly ctx: RowContext) {}

  /** This reader, now on the row at file line `line`. */
  at(line: number, cells: string[]): this {
    this.line = line;
    this.cells = cells;
    return this;
  }

  get entryName(): string | undefined {
    return this.ctx.entryName;
  }

  text(column: string): string {
    const col = this.ctx.columns.get(column);
    return col ? this.cells[col.index] : "";
  }

  number(column: string): number {
    return parseNumber(this.text(column), this.#ref(column));
  }

  hourStart(): Date {
    const t = this.ctx.spec.time;
    if (!t) throw new TypeError(`${this.ctx.spec.doc} declares no time columns`);
    const interval = t.interval === undefined ? "" : this.text(t.interval);
    const key = `${this.text(t.date)}|${this.text(t.hour)}|${interval}|${this.text(t.flag)}`;
    return this.#cached(key, () => {
      const field = (column: string) => ({ field: this.#field(column) });
      const date = parseCentralDate(this.text(t.date), field(t.date));
      const hour = parseHourEnding(this.text(t.hour), field(t.hour));
      const dst = parseDstFlag(this.text(t.flag), field(t.flag));
      const interval = t.interval === undefined
        ? 1
        : parseQuarterHourInterval(this.text(t.interval), field(t.interval));
      return hourEndingStart(date, hour, { dst, interval, ...field(t.hour) });
    });
  }

  timestamp(column: string, flagColumn: string): Date {
    return this.#cached(
      `${this.text(column)}|${this.text(flagColumn)}`,
      () =>
        parseCentralTimestamp(this.text(column), {
          field: this.#field(column),
          repeated: parseDstFlag(this.text(flagColumn), { field: this.#field(flagColumn) }),
        }),
    );
  }

  fail(column: string, problem: string): ParseError {
    return cellError(this.#ref(column), problem);
  }

  point(column: string): string {
    return checkPointName(this.text(column), this.#ref(column));
  }

  emit(series: string, ts: Date, column: string, publishedAt?: Date, point?: string): void {
    const obs: Observation = { series, ts, value: this.number(column) };
    if (publishedAt) obs.publishedAt = publishedAt;
    if (point) obs.point = point;
    this.ctx.out.add(`row ${this.line}`, this.#field(column), obs);
  }

  emitIfPresent(series: string, ts: Date, column: string): void {
    if (this.text(column) !== "") this.emit(series, ts, column);
  }

  /** The column's name as the file spells it. */
  #field(column: string): string {
    return this.ctx.columns.get(column)?.name ?? column;
  }

  #ref(column: string): CellRef {
    return { doc: this.ctx.doc, row: this.line, field: this.#field(column) };
  }

  #cached(key: string, compute: () => Date): Date {
    const ts = this.ctx.times.get(key) ?? locate(this.ctx.doc, `row ${this.line}`, compute);
    this.ctx.times.set(key, ts);
    return ts;
  }
}

/**
 * The posting time in a MIS file name
 * (`cdr.<rtid>.<duns>.<YYYYMMDD>.<HHMMSS[mmm]>.…`, Central time), or
 * `undefined` when the name does not carry one. An ambiguous time in the
 * repeated fall-back hour reads as its first (CDT) pass.
 *
 * @example postingTime("cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip")
 * // 2025-03-13T17:30:00.586Z
 */
export function postingTime(name: string | undefined): Date | undefined {
  const m =
    /(?:^|[/.])(?:cdr|ext)\.\d+\.\d+\.(\d{4})(\d{2})(\d{2})\.(\d{2})(\d{2})(\d{2})(\d{3})?\./i
      .exec(name ?? "");
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, ms] = m;
  try {
    const t = parseCentralTimestamp(`${y}-${mo}-${d} ${h}:${mi}:${sec}`);
    return new Date(t.getTime() + Number(ms ?? 0));
  } catch {
    return undefined;
  }
}
