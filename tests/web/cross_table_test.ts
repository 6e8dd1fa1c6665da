/** What a cross-section table panel shows: its caption, its columns and its sorted rows. */
import assert from "node:assert/strict";
import {
  type CrossSectionTable,
  sortRows,
  tableCaption,
  tableColumns,
} from "../../web/lib/cross_table.ts";

const TOP: CrossSectionTable = {
  family: "spp.rt",
  unit: "$/MWh",
  interval_seconds: 900,
  type: "node",
  mode: "top",
  start: "2025-12-30T06:00:00.000Z",
  end: "2025-12-31T06:00:00.000Z",
  n: 3,
  agg: "avg",
  order: "desc",
  rows: [
    {
      rank: 1,
      key: "spp.rt.cedar0_rn",
      point: "cedar0_rn",
      type: "node",
      value: 36,
      intervals: 96,
    },
    {
      rank: 2,
      key: "spp.rt.alvin0_rn",
      point: "alvin0_rn",
      type: "node",
      value: 35,
      intervals: 96,
    },
    { rank: 3, key: "spp.rt.b_unit1", point: "b_unit1", type: "node", value: 18, intervals: 90 },
  ],
  csv: "/api/v1/cross-section/top?family=spp.rt&format=csv",
};

Deno.test("tableCaption() says what a ranking ranks and over which Central-time window", () => {
  assert.match(tableCaption(TOP), /^Highest 3 by average, .*2025.* CT to .*2025.* CT$/);
  assert.match(tableCaption({ ...TOP, order: "asc", agg: "max" }), /^Lowest 3 by maximum, /);
});

Deno.test("tableCaption() names the interval a snapshot read, and says when it is not the one asked for", () => {
  const at = {
    ...TOP,
    mode: "at" as const,
    instant: "2026-01-01T00:00:00.000Z",
    match: "latest" as const,
  };
  assert.match(tableCaption(at), /^Interval starting .* CT \(the latest interval with data\)$/);
  assert.equal(
    tableCaption({ ...at, instant: null, match: "none" }),
    "No data in the 31 days before the instant asked for",
  );
});

Deno.test("tableColumns() gives a ranking its rank and intervals and every table its unit", () => {
  assert.deepEqual(tableColumns(TOP).map(([c]) => c), [
    "rank",
    "point",
    "type",
    "value",
    "intervals",
  ]);
  assert.equal(tableColumns(TOP)[3][1], "Average ($/MWh)");
  assert.deepEqual(tableColumns({ ...TOP, mode: "at" }).map(([, l]) => l), [
    "Point",
    "Type",
    "Value ($/MWh)",
  ]);
});

Deno.test("sortRows() sorts by value, name or rank either way", () => {
  assert.deepEqual(sortRows(TOP.rows, "value", false).map((r) => r.rank), [3, 2, 1]);
  assert.deepEqual(sortRows(TOP.rows, "point", false).map((r) => r.point), [
    "alvin0_rn",
    "b_unit1",
    "cedar0_rn",
  ]);
  assert.deepEqual(sortRows(TOP.rows, "rank", true).map((r) => r.rank), [3, 2, 1]);
  // A tie keeps key order: alvin0_rn before cedar0_rn.
  assert.deepEqual(sortRows(TOP.rows, "intervals", true).map((r) => r.rank), [2, 1, 3]);
});
