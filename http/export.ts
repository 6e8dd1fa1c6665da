/**
 * Observation exports: streamed CSV (`series,ts,value,unit`, ISO UTC instants;
 * the unit column was appended so readers that pick columns by name keep working) and
 * Parquet (written with hyparquet-writer: `series` UTF-8, `ts` as the
 * TIMESTAMP(MILLIS, isAdjustedToUTC=true) logical type so DuckDB, pyarrow and
 * Polars read instants rather than naive local times, `value` double; column
 * statistics, row groups of {@link PARQUET_ROW_GROUP} rows), plus the content
 * hash that validates a streamed CSV without buffering it. A series with state words
 * (`grid.condition`) adds a `state` column, appended last (empty for other series). An answer with
 * gaps filled for display
 * (`fill=previous|linear`) carries a `filled` flag per point: a `filled` column appended last to
 * the CSV (`true`/`false`) and a required BOOLEAN column to the Parquet file.
 *
 * @module
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet";
import { strongEtag } from "./cache.ts";

/** One series' columns; `t` in epoch milliseconds. */
export interface ExportSeries {
  key: string;
  /** Unit of every value (`$/MWh`, `$/MW`, `MW`); the CSV's `unit` column. */
  unit?: string;
  t: number[];
  v: number[];
  /** True where a point was filled, not stored; present on every series of a filled answer. */
  filled?: boolean[];
  /** ERCOT's state word per point (`grid.condition`); the CSV's and Parquet's `state` column. */
  state?: string[];
}

const ROWS_PER_CHUNK = 2000;

/** Rows per Parquet row group: readers skip whole groups by their statistics. */
export const PARQUET_ROW_GROUP = 131_072;

/** The export's Parquet schema (flat, every column required). */
const PARQUET_SCHEMA: SchemaElement[] = [
  { name: "root", num_children: 3 },
  {
    name: "series",
    type: "BYTE_ARRAY",
    converted_type: "UTF8",
    logical_type: { type: "STRING" },
    repetition_type: "REQUIRED",
  },
  {
    name: "ts",
    type: "INT64",
    // The converted type too, for readers older than logical types (UTC by definition there).
    converted_type: "TIMESTAMP_MILLIS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
    repetition_type: "REQUIRED",
  },
  { name: "value", type: "DOUBLE", repetition_type: "REQUIRED" },
];

const FILLED_COLUMN: SchemaElement = {
  name: "filled",
  type: "BOOLEAN",
  repetition_type: "REQUIRED",
};

const STATE_COLUMN: SchemaElement = {
  name: "state",
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  logical_type: { type: "STRING" },
  repetition_type: "REQUIRED",
};

/** Whether an answer carries fill flags (its series all do, or none does). */
const hasFilled = (series: ExportSeries[]) => series.some((s) => s.filled);
/** Whether an answer carries state words (a series that has none writes empty text). */
const hasState = (series: ExportSeries[]) => series.some((s) => s.state);

/** An instant as ISO 8601 UTC, without milliseconds when they are zero. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * The CSV of `series`, encoded chunk by chunk as the reader pulls.
 *
 * @example new Response(csvStream([{ key: "demand.rt", t: [0], v: [41000] }]))
 */
export function csvStream(series: ExportSeries[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const flagged = hasFilled(series);
  const worded = hasState(series);
  let s = 0, i = 0, header = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (header) {
        header = false;
        const extra = `${flagged ? ",filled" : ""}${worded ? ",state" : ""}`;
        controller.enqueue(encoder.encode(`series,ts,value,unit${extra}\n`));
        return;
      }
      let text = "";
      let rows = 0;
      while (s < series.length && rows < ROWS_PER_CHUNK) {
        const { key, t, v, unit = "", filled, state } = series[s];
        for (; i < t.length && rows < ROWS_PER_CHUNK; i++, rows++) {
          const flag = flagged ? `,${filled?.[i] ?? false}` : "";
          // State words are ERCOT's lower-case words; anything else is quoted.
          const word = worded ? `,${csvField(state?.[i] ?? "")}` : "";
          text += `${key},${isoInstant(t[i])},${v[i]},${unit}${flag}${word}\n`;
        }
        if (i >= t.length) [s, i] = [s + 1, 0];
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (s >= series.length) controller.close();
    },
  });
}

/** A CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole CSV as text (tests and small exports). */
export async function csvText(series: ExportSeries[]): Promise<string> {
  return await new Response(csvStream(series)).text();
}

/**
 * A Parquet file of `series`: one row per observation, ordered by series then time.
 *
 * @example parquetBytes([{ key: "demand.rt", t: [0], v: [41000] }]).byteLength > 0
 */
export function parquetBytes(series: ExportSeries[]): Uint8Array {
  const n = series.reduce((sum, s) => sum + s.t.length, 0);
  const keys = new Array<string>(n);
  const ts = new Array<Date>(n);
  const values = new Float64Array(n);
  const flags = new Array<boolean>(n);
  const words = new Array<string>(n);
  let row = 0;
  for (const { key, t, v, filled, state } of series) {
    for (let i = 0; i < t.length; i++, row++) {
      keys[row] = key;
      ts[row] = new Date(t[i]);
      values[row] = v[i];
      flags[row] = filled?.[i] ?? false;
      words[row] = state?.[i] ?? "";
    }
  }
  const extra = [
    ...(hasFilled(series) ? [{ element: FILLED_COLUMN, data: flags }] : []),
    ...(hasState(series) ? [{ element: STATE_COLUMN, data: words }] : []),
  ];
  const columnData = [
    { name: "series", data: keys },
    { name: "ts", data: ts },
    { name: "value", data: values },
    ...extra.map((c) => ({ name: c.element.name, data: c.data })),
  ];
  const buffer = parquetWriteBuffer({
    schema: [
      { ...PARQUET_SCHEMA[0], num_children: 3 + extra.length },
      ...PARQUET_SCHEMA.slice(1),
      ...extra.map((c) => c.element),
    ],
    columnData,
    statistics: true,
    rowGroupSize: PARQUET_ROW_GROUP,
    createdBy: "ercot-analytics",
  });
  return new Uint8Array(buffer);
}

/**
 * A strong validator for an export that is streamed rather than buffered:
 * the SHA-256 of the format name and the exact columns, so equal data gives
 * equal bytes and the same tag.
 */
export function dataEtag(format: string, series: ExportSeries[]): string {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(format)];
  for (const { key, t, v, unit = "", filled, state } of series) {
    parts.push(encoder.encode(`\n${key}\n${unit}\n`));
    if (state) parts.push(encoder.encode(`${JSON.stringify(state)}\n`));
    parts.push(new Uint8Array(Float64Array.from(t).buffer));
    parts.push(new Uint8Array(Float64Array.from(v).buffer));
    if (filled) parts.push(Uint8Array.from(filled, Number));
  }
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return strongEtag(all);
}
