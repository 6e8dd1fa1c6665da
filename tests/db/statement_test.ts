import assert from "node:assert/strict";
import {
  bind,
  fixed,
  joinStatements,
  statement,
  toFragment,
  toLiteralSql,
  toParameterized,
} from "../../db/statement.ts";
import { withDatabase } from "../_db.ts";

const inner = statement`key = ${bind("it's", "text")} and ts >= ${
  bind(new Date("2026-01-01T06:00:00Z"), "timestamptz")
}`;
const outer = statement`select ${fixed("1")} from t where x < ${bind(2.5, "float8")} and ${inner}`;

Deno.test("toParameterized() numbers placeholders in text order, nested statements included", () => {
  assert.deepEqual(toParameterized(outer), {
    text: "select 1 from t where x < $1::float8 and key = $2::text and ts >= $3::timestamptz",
    params: [2.5, "it's", "2026-01-01T06:00:00Z"],
  });
});

Deno.test("toLiteralSql() quotes strings with their quotes doubled and casts instants", () => {
  assert.equal(
    toLiteralSql(outer),
    "select 1 from t where x < 2.5 and key = 'it''s' and ts >= " +
      "'2026-01-01T06:00:00.000Z'::timestamptz",
  );
  assert.throws(() => toLiteralSql(statement`${bind(NaN, "float8")}`), /Cannot write NaN/);
});

Deno.test("joinStatements() puts the separator between statements only", () => {
  const parts = [1, 2, 3].map((n) => statement`select ${bind(n, "int8")}`);
  assert.equal(
    toParameterized(joinStatements(parts, " union all ")).text,
    "select $1::int8 union all select $2::int8 union all select $3::int8",
  );
});

Deno.test("toFragment() runs the statement with its values bound", async () => {
  await withDatabase(async (db) => {
    const s = statement`select ${bind("it's", "text")}::text as k, ${
      joinStatements(
        [statement`${bind(2, "int8")}::int`, statement`${bind(3, "int8")}::int`],
        " + ",
      )
    } as n`;
    const [row] = await toFragment(db.db.sql, s);
    assert.deepEqual({ ...row }, { k: "it's", n: 5 });
  });
});
