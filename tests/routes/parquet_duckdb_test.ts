/**
 * The Parquet export as DuckDB reads it (`@duckdb/node-api`, the real engine
 * pandas/pyarrow and Polars agree with on these types), under a session in
 * US Central time so a naive timestamp would show as a six-hour shift.
 */
import assert from "node:assert/strict";
import { DuckDBInstance } from "@duckdb/node-api";
import { createApp } from "../_app.ts";
import { PARQUET_ROW_GROUP, parquetBytes } from "../../http/export.ts";
import { testDeps, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";

type Row = Record<string, unknown>;

/** Runs `queries` against a Parquet (or CSV) file in a DuckDB session set to America/Chicago. */
async function duck(
  bytes: Uint8Array,
  queries: (file: string) => string[],
  suffix = ".parquet",
): Promise<Row[][]> {
  const file = await Deno.makeTempFile({ suffix });
  await Deno.writeFile(file, bytes);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'America/Chicago'");
    const out: Row[][] = [];
    for (const sql of queries(file)) {
      out.push((await connection.runAndReadAll(sql)).getRowObjects() as Row[]);
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
    await Deno.remove(file);
  }
}

Deno.test("DuckDB reads the Parquet answer's ts as the JSON answer's instants under a Central session", async () => {
  await withDatabase(async (db) => {
    // Across the fall-back night: the repeated Central hour keeps both passes.
    await seed(db, {
      key: "spp.rt.hb_west",
      start: "2025-11-02T04:00:00Z",
      n: 16,
      value: (i) => 20 + i / 4,
    });
    const app = createApp(testDeps(db));
    const url =
      "/api/v1/observations?series=spp.rt.hb_west&start=2025-11-02T04:00:00Z&end=2025-11-02T08:00:00Z&resolution=raw";
    const json = await (await app.request(url)).json();
    const res = await app.request(`${url}&format=parquet`);
    assert.equal(res.status, 200);
    assert.equal(
      res.headers.get("content-disposition"),
      'attachment; filename="observations.parquet"',
    );
    const [rows, types] = await duck(new Uint8Array(await res.arrayBuffer()), (file) => [
      `SELECT series, epoch_ms(ts) AS ms, strftime(ts, '%Y-%m-%d %H:%M %z') AS local, value
         FROM read_parquet('${file}') ORDER BY ts`,
      `SELECT typeof(ts) AS type FROM read_parquet('${file}') LIMIT 1`,
    ]);
    assert.equal(types[0].type, "TIMESTAMP WITH TIME ZONE");
    const { t, v } = json.series[0];
    assert.equal(rows.length, 16);
    assert.deepEqual(rows.map((r) => Number(r.ms)), t.map((s: number) => s * 1000));
    assert.deepEqual(rows.map((r) => r.value), v);
    assert.equal(rows[0].local, "2025-11-01 23:00 -05");
    assert.equal(rows[8].local, "2025-11-02 01:00 -05", "first pass of the repeated hour");
    assert.equal(rows[12].local, "2025-11-02 01:00 -06", "second pass");
  });
});

Deno.test("parquetBytes() writes 64k-plus row groups with min/max statistics on every column", async () => {
  const n = 200_000;
  const t0 = Date.parse("2020-01-01T00:00:00Z");
  const bytes = parquetBytes([
    { key: "lmp.rt.hb_west", t: [...Array(n).keys()].map((i) => t0 + i * 300_000), v: [] },
  ].map((s) => ({ ...s, v: s.t.map((_, i) => (i % 1000) - 10) })));
  const [groups, schema] = await duck(bytes, (file) => [
    `SELECT row_group_id, any_value(row_group_num_rows) AS rows,
            list(path_in_schema ORDER BY path_in_schema) AS columns,
            bool_and(stats_min_value IS NOT NULL AND stats_max_value IS NOT NULL) AS stats
       FROM parquet_metadata('${file}') GROUP BY row_group_id ORDER BY row_group_id`,
    `SELECT name, logical_type FROM parquet_schema('${file}') WHERE name = 'ts'`,
  ]);
  assert.deepEqual(groups.map((g) => Number(g.rows)), [PARQUET_ROW_GROUP, n - PARQUET_ROW_GROUP]);
  assert.ok(PARQUET_ROW_GROUP >= 65_536);
  for (const g of groups) assert.equal(g.stats, true, `row group ${g.row_group_id} has statistics`);
  assert.match(String(schema[0].logical_type), /isAdjustedToUTC=1|isAdjustedToUTC=true/i);
  assert.match(String(schema[0].logical_type), /MILLIS/i);
});

Deno.test("DuckDB reads the CSV answer's columns by name, each value with its unit", async () => {
  await withDatabase(async (db) => {
    await seed(db, {
      key: "spp.rt.hb_west",
      start: "2025-11-02T04:00:00Z",
      n: 4,
      value: (i) => 20.5 + i,
    });
    await seed(db, {
      key: "load.actual",
      interval: 3600,
      unit: "MW",
      feed: "np6_346",
      start: "2025-11-02T04:00:00Z",
      n: 1,
      value: () => 41000,
    });
    const res = await createApp(testDeps(db)).request(
      "/api/v1/observations?series=spp.rt.hb_west,load.actual&start=2025-11-02T04:00:00Z" +
        "&end=2025-11-02T05:00:00Z&resolution=raw&format=csv",
    );
    const [rows] = await duck(new Uint8Array(await res.arrayBuffer()), (file) => [
      `SELECT series, epoch_ms(ts) AS ms, value, unit FROM read_csv_auto('${file}') ORDER BY series, ts`,
    ], ".csv");
    assert.deepEqual(rows.map((r) => [r.series, r.value, r.unit]), [
      ["load.actual", 41000, "MW"],
      ["spp.rt.hb_west", 20.5, "$/MWh"],
      ["spp.rt.hb_west", 21.5, "$/MWh"],
      ["spp.rt.hb_west", 22.5, "$/MWh"],
      ["spp.rt.hb_west", 23.5, "$/MWh"],
    ]);
    assert.equal(Number(rows[0].ms), Date.parse("2025-11-02T04:00:00Z"));
  });
});
