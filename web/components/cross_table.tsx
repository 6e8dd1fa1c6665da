/**
 * A cross-section table (a VizSpec `table` with a `cross_section`): every settlement point at
 * one instant, or a ranking over a window, as the API answered it. Column headings sort the rows,
 * and a button downloads the same rows as CSV from `/api/v1/cross-section`.
 *
 * @module
 */
import { useState } from "preact/hooks";
import {
  type CrossColumn,
  type CrossSectionTable,
  sortRows,
  tableCaption,
  tableColumns,
} from "../lib/cross_table.ts";
import { formatValue } from "../lib/format.ts";
import { DownloadButton } from "./download_button.tsx";
import { attachmentName } from "./grafana_download.tsx";

export type { CrossSectionTable };

/** See the module doc. */
export function CrossTable({ table }: { table: CrossSectionTable }) {
  const ranked = table.mode === "top";
  const [sort, setSort] = useState({
    column: (ranked ? "rank" : "point") as CrossColumn,
    desc: false,
  });
  const rows = sortRows(table.rows, sort.column, sort.desc);
  const by = (column: CrossColumn) =>
    setSort((s) => ({ column, desc: s.column === column ? !s.desc : column === "value" }));
  return (
    <div class="cross-table">
      <p class="muted">{tableCaption(table)}</p>
      {rows.length === 0 ? <p class="chart-empty">No data in this window</p> : (
        <table>
          <thead>
            <tr>
              {tableColumns(table).map(([column, label]) => (
                <th
                  key={column}
                  scope="col"
                  aria-sort={sort.column === column
                    ? (sort.desc ? "descending" : "ascending")
                    : "none"}
                >
                  <button type="button" class="link" onClick={() => by(column)}>{label}</button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                {ranked ? <td class="num">{r.rank}</td> : null}
                <td>{r.point.toUpperCase()}</td>
                <td>{r.type}</td>
                <td class="num">{formatValue(r.value, table.unit)}</td>
                {ranked ? <td class="num">{r.intervals}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DownloadButton
        path={table.csv}
        label="Download CSV"
        fileName={(res) =>
          attachmentName(res.headers.get("content-disposition"), "cross-section.csv")}
      />
    </div>
  );
}
