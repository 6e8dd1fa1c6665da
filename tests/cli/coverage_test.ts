import assert from "node:assert/strict";
import { ensureSeries } from "../../db/series.ts";
import { writeObservations } from "../../db/observations.ts";
import { coverageCommand } from "../../cli/coverage.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";

/** 2025-06-10 (CDT) complete: 96 quarter-hours of one hub price from 05:00Z. */
async function writeOneDay(db: TestDatabase): Promise<void> {
  const def = {
    key: "spp.rt.hb_west",
    name: "West hub RT SPP",
    unit: "$/MWh",
    intervalSeconds: 900,
    feed: "np6_905",
  };
  const id = (await ensureSeries(db.db.sql, [def])).get(def.key)!;
  const start = Date.parse("2025-06-10T05:00:00Z");
  const rows = Array.from({ length: 96 }, (_, i) => ({
    seriesId: id,
    ts: new Date(start + i * 900_000),
    value: 30 + i / 4,
  }));
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

Deno.test("deno task coverage prints the gaps and a summary and exits 0", async (t) => {
  await withDatabase(async (db) => {
    await writeOneDay(db);
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await coverageCommand(args, {
        sql: db.db.sql,
        stdout: (l) => out.push(l),
        stderr: (l) => err.push(l),
      });
      return { code, out, err };
    };
    await t.step("a complete feed gets only the summary", async () => {
      const r = await run("--feed", "np6_905", "--days", "1", "--now", "2025-06-11T12:00:00Z");
      assert.deepEqual(r, {
        code: 0,
        out: ["np6_905: no gaps in 1 series over 2025-06-10..2025-06-10; 96 intervals received"],
        err: [],
      });
    });
    await t.step("the default is the last 7 days of every feed", async () => {
      const r = await run("--now", "2025-06-11T12:00:00Z");
      assert.equal(r.code, 0);
      assert.equal(r.out.length, 7);
      assert.match(
        r.out.at(-1)!,
        /^all feeds: 6 series-days with gaps in 1 of 1 series over 2025-06-04\.\.2025-06-10; 576 of 672/,
      );
    });
    await t.step("bad usage is one line and exit 2", async () => {
      for (const args of [["--feed", "nope"], ["--days", "0"], ["--now", "yesterday"]]) {
        const r = await run(...args);
        assert.equal(r.code, 2);
        assert.equal(r.err.length, 1);
        assert.match(r.err[0], /^coverage: (Unknown feed "nope"|Invalid --days "0"|Invalid --now)/);
      }
    });
  });
});
