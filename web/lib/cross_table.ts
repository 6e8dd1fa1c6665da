/**
 * What a cross-section table shows (web/components/cross_table.tsx): its caption in words, its
 * columns, and its rows sorted by a column.
 *
 * @module
 */
import type { components } from "./api_schema.ts";
import { formatInstant } from "./format.ts";

/** A cross-section table as the API sends it. */
export type CrossSectionTable = components["schemas"]["CrossSectionTable"];
/** One row of a cross-section table. */
export type CrossRow = CrossSectionTable["rows"][number];
/** A column a table sorts by. */
export type CrossColumn = "rank" | "point" | "type" | "value" | "intervals";

const AGG_WORD = { avg: "average", max: "maximum", min: "minimum" } as const;

/**
 * What the table shows, in words: the ranking and its window, or the interval read.
 *
 * @example tableCaption(top) // "Highest 10 by average, Dec 30, 2025, 12:00 AM CT to …"
 */
export function tableCaption(t: CrossSectionTable): string {
  if (t.mode === "top") {
    const how = `${t.order === "asc" ? "Lowest" : "Highest"} ${t.n} by ${AGG_WORD[t.agg ?? "avg"]}`;
    return `${how}, ${formatInstant(t.start)} to ${formatInstant(t.end)}`;
  }
  if (!t.instant) return "No data in the 31 days before the instant asked for";
  const latest = t.match === "latest" ? " (the latest interval with data)" : "";
  return `Interval starting ${formatInstant(t.instant)}${latest}`;
}

/** The columns of a table, with their headings: a ranking adds its rank and interval count. */
export function tableColumns(t: CrossSectionTable): [CrossColumn, string][] {
  const ranked = t.mode === "top";
  const value = ranked ? `${AGG_WORD[t.agg ?? "avg"]} (${t.unit})` : `Value (${t.unit})`;
  return [
    ...(ranked ? [["rank", "#"] as [CrossColumn, string]] : []),
    ["point", "Point"],
    ["type", "Type"],
    ["value", value[0].toUpperCase() + value.slice(1)],
    ...(ranked ? [["intervals", "Intervals"] as [CrossColumn, string]] : []),
  ];
}

/** The rows sorted by `column`, ties by key; numbers as numbers, text by its letters. */
export function sortRows(
  rows: readonly CrossRow[],
  column: CrossColumn,
  desc: boolean,
): CrossRow[] {
  const compare = (a: CrossRow, b: CrossRow) => {
    const x = a[column], y = b[column];
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x ?? "").localeCompare(String(y ?? ""));
  };
  return [...rows].sort((a, b) =>
    (desc ? -1 : 1) * compare(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
