/**
 * A recording altered to carry an impossible value (in a temporary copy; the
 * shared recordings are never touched) is refused as `schema_changed` with
 * row and field, before anything of it is stored, rather than failing in a
 * rollup with `value out of range: overflow`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runFeed } from "../../ingest/job.ts";
import { recording } from "../_fixtures.ts";
import { ingestDeps, withMirror } from "../_ingest.ts";
import { withDatabase } from "../_db.ts";

const LOAD = recording("mis-np6-346-cd/NP6-346-CD_202102.csv");

Deno.test({
  name:
    "runFeed() refuses a document with an implausible value as schema_changed and stores none of it",
  ignore: LOAD === null,
  fn: async () => {
    const root = await Deno.makeTempDir();
    try {
      const lines = (await Deno.readTextFile(LOAD!)).split("\n");
      // Row 7 (file line 7) and row 8 get loads no grid has: summed in a rollup they overflow.
      for (const n of [6, 7]) {
        const cells = lines[n].split(",");
        cells[6] = "1e308";
        lines[n] = cells.join(",");
      }
      await Deno.mkdir(`${root}/mis-np6-346-cd`);
      await Deno.writeTextFile(`${root}/mis-np6-346-cd/NP6-346-CD_202102.csv`, lines.join("\n"));
      await withDatabase((db) =>
        withMirror(root, async (base) => {
          const run = await runFeed(ingestDeps(db, base), "np6_346");
          assert.equal(run.status, "schema_changed", JSON.stringify(run));
          assert.equal(run.documents.length, 1);
          assert.match(
            run.documents[0].error ?? "",
            /NP6-346 \(.+\) row 7: TOTAL 1e\+308 is implausible for MW \(beyond ±1000000\)$/,
          );
          const [{ n }] = await db.db.sql`select count(*)::int as n from observations`;
          assert.equal(n, 0);
          const [doc] = await db.db.sql`select status, error from ingest_documents`;
          assert.equal(doc.status, "schema_changed");
          assert.match(doc.error, /row 7: TOTAL/);
        })
      );
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
