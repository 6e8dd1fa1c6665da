/**
 * A small CSV reader for ERCOT files and the number parsing they need.
 *
 * Rows end in LF or CRLF; fields may be quoted (`""` escapes a quote and a
 * quoted field may span lines); header names and cells are trimmed; blank
 * lines are skipped. Row numbers are line numbers in the file, the header
 * being row 1, so a message points at the line a person would open.
 *
 * Headers are matched against what a feed expects with ERCOT's spelling
 * variants accepted (FORMATS.md §8.1); other differences are schema drift.
 *
 * @module
 */
import { ParseError, SchemaChangedError } from "../domain/errors.ts";

/** One data row: its cells in header order and the file line it starts on. */
export interface CsvRecord {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** Trimmed cells, one per header column. */
  cells: string[];
}

/** A parsed CSV: trimmed header names and the data rows. */
export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** Where a cell is: document label (e.g. `NP6-905`), row (line) and field. */
export interface CellRef {
  doc: string;
  row: number;
  field: string;
}

/**
 * A `ParseError` naming the document, row and field, e.g.
 * `Cannot parse NP6-905 row 12: SettlementPointPrice "abc" is not a number`.
 */
export function cellError(ref: CellRef, problem: string): ParseError {
  return new ParseError(`Cannot parse ${ref.doc} row ${ref.row}: ${ref.field} ${problem}`);
}

function splitRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const lf = text.indexOf("\n", i);
    const cr = text.indexOf("\r", i);
    const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf === -1 ? text.length : lf;
    const raw = text.slice(i, end);
    if (raw.includes('"')) {
      // Quoted fields may hold commas, quotes and line breaks: read this row cell by cell.
      const row = quotedRow(text, i, line);
      if (row.cells.length > 1 || row.cells[0].trim() !== "") rows.push({ line, cells: row.cells });
      i = row.next;
      line = row.line;
      continue;
    }
    if (raw.trim() !== "") rows.push({ line, cells: raw.split(",") });
    i = end + (text[end] === "\r" && text[end + 1] === "\n" ? 2 : 1);
    line++;
  }
  return rows;
}

/**
 * Reads one row that starts at `start` (on file line `line`) and holds a
 * quote; returns its cells, where the next row starts and its line number.
 */
function quotedRow(
  text: string,
  start: number,
  line: number,
): { cells: string[]; next: number; line: number } {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[i++];
      else if (c === '"') quoted = false;
      else cell += c;
      if (c === "\n") line++;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      return { cells, next: i + 1, line: line + 1 };
    } else cell += c;
  }
  cells.push(cell);
  return { cells, next: text.length, line: line + 1 };
}

/**
 * Reads CSV text into a header and records. A row whose cell count differs
 * from the header's is a `ParseError` naming `doc` and the row.
 *
 * @example readCsv("A, B\n1,2\n", "NP6-905").records[0] // { line: 2, cells: ["1", "2"] }
 */
export function readCsv(text: string, doc: string): CsvTable {
  const [head, ...rows] = splitRows(text.replace(/^\uFEFF/, ""));
  if (!head) throw new ParseError(`Cannot parse ${doc}: the file is empty`);
  const header = head.cells.map((h) => h.trim());
  const records = rows.map(({ line, cells }) => {
    if (cells.length !== header.length) {
      throw new ParseError(
        `Cannot parse ${doc} row ${line}: expected ${header.length} fields, found ${cells.length}`,
      );
    }
    for (let k = 0; k < cells.length; k++) cells[k] = trimmed(cells[k]);
    return { line, cells };
  });
  return { header, records };
}

/** `text` without surrounding white space; a cell without any is returned as is. */
function trimmed(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const a = text.charCodeAt(0), b = text.charCodeAt(n - 1);
  // Beyond ASCII, `trim` itself decides which characters are space.
  return a <= 32 || b <= 32 || a >= 0xa0 || b >= 0xa0 ? text.trim() : text;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads ERCOT numeric text: space padding, a sign, a leading dot (`.01`) and
 * an exponent are fine. Returns `undefined` for anything else, including
 * empty text.
 *
 * @example readNumber("      -38.25") // -38.25
 */
export function readNumber(text: string): number | undefined {
  const s = text.trim();
  return NUMBER.test(s) ? Number(s) : undefined;
}

/**
 * Parses a numeric cell, or throws a `ParseError` naming document, row and
 * field: `Cannot parse NP6-905 row 12: SettlementPointPrice "abc" is not a number`.
 */
export function parseNumber(text: string, ref: CellRef): number {
  const n = readNumber(text);
  if (n === undefined) throw cellError(ref, `"${text}" is not a number`);
  return n;
}

/** Lower-cased, with spaces and underscores removed: how column names are compared. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[\s_]/g, "");
}

/** Spellings ERCOT uses for one column (FORMATS.md §8.1), normalized. */
const SPELLINGS: readonly (readonly string[])[] = [
  ["deliverydate", "operday", "operatingday"],
  ["hourending", "deliveryhour"],
  ["dstflag", "repeatedhourflag", "repeathourflag"],
];

/** The columns a document must and may have, by canonical name. */
export interface ColumnSpec {
  /** Required columns. */
  columns: readonly string[];
  /** Columns that may be absent (an older schema). */
  optional?: readonly string[];
  /** Older names a column has had, e.g. `SYSTEM_WIDE_GEN` ← `ACTUAL_SYSTEM_WIDE`. */
  aliases?: Readonly<Record<string, readonly string[]>>;
}

/** Where a canonical column sits in a file, and how the file spells it. */
export interface MatchedColumn {
  index: number;
  name: string;
}

function spellingsOf(column: string, spec: ColumnSpec): Set<string> {
  const own = normalize(column);
  const group = SPELLINGS.find((g) => g.includes(own)) ?? [own];
  return new Set([...group, ...(spec.aliases?.[column] ?? []).map(normalize)]);
}

/**
 * Matches a header against expected columns, case-, space- and
 * underscore-insensitively and with ERCOT's spelling variants
 * (`DSTFlag`/`RepeatedHourFlag`/`Repeated Hour Flag`/`dstFlag`,
 * `DeliveryDate`/`Delivery Date`/`DELIVERY_DATE`/`OperDay`,
 * `HourEnding`/`Hour Ending`/`HOUR_ENDING`/`DeliveryHour`). Missing required
 * columns or unknown columns throw `SchemaChangedError` naming both.
 */
export function matchColumns(
  header: readonly string[],
  spec: ColumnSpec,
  doc: string,
): Map<string, MatchedColumn> {
  const expected = [...spec.columns, ...(spec.optional ?? [])];
  const found = new Map<string, MatchedColumn>();
  const unknown: string[] = [];
  header.forEach((name, index) => {
    const column = expected.find((c) => !found.has(c) && spellingsOf(c, spec).has(normalize(name)));
    if (column) found.set(column, { index, name });
    else unknown.push(name);
  });
  const missing = spec.columns.filter((c) => !found.has(c));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(", ")}` : "",
      unknown.length > 0 ? `unknown ${unknown.join(", ")}` : "",
    ].filter(Boolean);
    throw new SchemaChangedError(`${doc} columns changed: ${parts.join("; ")}`, missing, unknown);
  }
  return found;
}
