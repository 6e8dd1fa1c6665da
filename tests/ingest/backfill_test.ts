// Backfill through the mirror, on archive recordings built at test time (see tests/_archive.ts).
import assert from "node:assert/strict";
import { createHttpClient } from "../../ingest/http.ts";
import { createPublicApiClient } from "../../ingest/public_api.ts";
import { type BackfillProgress, runBackfill } from "../../ingest/backfill.ts";
import { buildRecordings, type Seen, START, withMirror } from "../_archive.ts";
import { withDatabase } from "../_db.ts";
import type { Sql } from "../../db/client.ts";
import { blockDailyRollup, timescaleTest, withTimescale } from "../_timescale.ts";

async function checksum(sql: Sql): Promise<string> {
  const [{ h }] = await sql<{ h: string }[]>`
    select md5(coalesce(string_agg(
      s.key || '|' || extract(epoch from o.ts) || '|' || o.value || '|' ||
      coalesce(extract(epoch from o.published_at)::text, ''), ',' order by s.key, o.ts), '')) as h
    from observations o join series s on s.id = o.series_id`;
  return h;
}

const count = async (sql: Sql, table: string) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`)[0].n;

const downloads = (seen: Seen[]) => seen.filter((s) => s.download).length;

Deno.test("backfill stores each archived document of the posting days, with its ledger row and a backfill run", async () => {
  await withMirror(await buildRecordings(6), ({ deps, seen }) =>
    withDatabase(async (db) => {
      const s = await runBackfill(deps(db), "np4_188", { from: "2025-01-06", to: "2025-01-09" });
      assert.equal(s.status, "success", s.error);
      assert.deepEqual([s.total, s.done, s.skipped, s.failed, s.rows], [4, 4, 0, 0, 480]);
      assert.equal(downloads(seen), 4);
      const sql = db.db.sql;
      assert.equal(await count(sql, "observations"), 480);
      const ledger = await sql`select doc_id, status, rows, published_at from ingest_documents
        where feed = 'np4_188' order by doc_id`;
      assert.deepEqual(ledger.map((r) => [r.doc_id, r.status, r.rows]), [
        ["archive:1100000001", "success", 120],
        ["archive:1100000002", "success", 120],
        ["archive:1100000003", "success", 120],
        ["archive:1100000004", "success", 120],
      ]);
      assert.deepEqual(ledger[0].published_at, new Date("2025-01-06T16:30:00Z"));
      // Posting day 2025-01-07 (i = 2) delivers 2025-01-08; HE 5 REGDN starts 04:00 CST.
      const [v] = await sql`select o.value from observations o join series s on s.id = o.series_id
        where s.key = 'mcpc.da.regdn' and o.ts = '2025-01-08T10:00:00Z'`;
      assert.equal(v.value, 2 * 1.5 + 5 * 0.25 + 1);
      const [run] = await sql`select id, feed, status, rows, documents, details from ingest_runs`;
      assert.deepEqual(
        [Number(run.id), run.feed, run.status, run.rows, run.documents],
        [s.runId, "np4_188", "success", 480, 4],
      );
      assert.equal(typeof s.runId, "number");
      assert.deepEqual(
        { ...run.details, failures: undefined },
        {
          kind: "backfill",
          from: "2025-01-06",
          to: "2025-01-09",
          total: 4,
          done: 4,
          skipped: 0,
          failed: 0,
          failures: undefined,
        },
      );
    }));
});

Deno.test("a second backfill of the same days downloads nothing and writes nothing", async () => {
  await withMirror(await buildRecordings(3), ({ deps, seen }) =>
    withDatabase(async (db) => {
      const range = { from: "2025-01-05", to: "2025-01-07" };
      await runBackfill(deps(db), "np4_188", range);
      const before = await checksum(db.db.sql);
      const first = downloads(seen);
      const again = await runBackfill(deps(db), "np4_188", range);
      assert.equal(first, 3);
      assert.equal(downloads(seen), first);
      assert.deepEqual([again.status, again.total, again.skipped, again.rows], [
        "success",
        3,
        3,
        0,
      ]);
      assert.equal(await checksum(db.db.sql), before);
    }));
});

Deno.test("a backfill stopped after k documents resumes to the checksum of an uninterrupted one", async () => {
  const range = { from: "2025-01-05", to: "2025-01-10" };
  await withMirror(await buildRecordings(6), ({ deps }) =>
    withDatabase(async (whole) => {
      await runBackfill(deps(whole), "np4_188", range);
      await withDatabase(async (db) => {
        const controller = new AbortController();
        const stopAfter3 = (p: BackfillProgress) => {
          if (p.done - p.skipped === 3) controller.abort();
        };
        const extra = { signal: controller.signal, onProgress: stopAfter3 };
        const stopped = await runBackfill(deps(db, extra), "np4_188", range);
        assert.equal(stopped.status, "partial");
        assert.equal(stopped.done, 3);
        assert.match(stopped.error ?? "", /^Interrupted at 3 of 6 documents; run again to resume$/);
        const resumed = await runBackfill(deps(db), "np4_188", range);
        assert.deepEqual([resumed.status, resumed.skipped, resumed.documents.length], [
          "success",
          3,
          3,
        ]);
        assert.equal(await checksum(db.db.sql), await checksum(whole.db.sql));
        const runs = await db.db.sql`select status from ingest_runs order by id`;
        assert.deepEqual(runs.map((r) => r.status), ["partial", "success"]);
      });
    }));
});

Deno.test("a document that cannot be parsed is recorded as failed and retried by the next run", async () => {
  await withMirror(await buildRecordings(3, 1), ({ deps, seen }) =>
    withDatabase(async (db) => {
      const range = { from: "2025-01-05", to: "2025-01-07" };
      const s = await runBackfill(deps(db), "np4_188", range);
      assert.equal(s.status, "partial");
      assert.equal(s.failed, 1);
      assert.match(s.documents[1].error ?? "", /^archive:1100000001 .*MCPC "n\/a" is not a number/);
      const [doc] = await db.db.sql`select status from ingest_documents
        where doc_id = 'archive:1100000001'`;
      assert.equal(doc.status, "failed");
      const before = downloads(seen);
      const again = await runBackfill(deps(db), "np4_188", range);
      assert.deepEqual([again.skipped, again.documents.length, downloads(seen) - before], [
        2,
        1,
        1,
      ]);
    }));
});

Deno.test("backfill keeps to 30 API requests in any 60 seconds on the injected clock", async () => {
  await withMirror(await buildRecordings(40), ({ deps, seen, time }) =>
    withDatabase(async (db) => {
      const s = await runBackfill(deps(db), "np4_188", { from: "2025-01-05", to: "2025-02-13" });
      assert.equal(s.status, "success", s.error);
      assert.equal(s.done, 40);
      const stamps = seen.filter((r) => r.path.startsWith("/api/public-reports/")).map((r) => r.at);
      assert.equal(stamps.length, 41);
      const busiest = Math.max(
        ...stamps.map((t) => stamps.filter((u) => u >= t && u < t + 60_000).length),
      );
      assert.equal(busiest, 30);
      assert.ok(time.now() - START >= 60_000, "the limiter never waited");
    }));
});

Deno.test("backfill refuses a dashboard feed, naming the feeds that can be backfilled", async () => {
  await withDatabase(async (db) => {
    const deps = {
      sql: db.db.sql,
      variant: db.migration.variant,
      api: createPublicApiClient({
        http: createHttpClient(),
        username: "u",
        password: "p",
        subscriptionKey: "k",
      }),
      clock: () => new Date(START),
    };
    await assert.rejects(runBackfill(deps, "fuel_mix", { from: "2025-01-01", to: "2025-01-02" }), {
      name: "ValidationError",
      message: 'Cannot backfill "fuel_mix": it has no ERCOT Public API archive; feeds that can ' +
        "be backfilled: np6_905, np6_788, np4_190, np4_188, np6_346, np3_560, np4_732, np4_737",
    });
    assert.equal(await count(db.db.sql, "ingest_runs"), 0);
  });
});

timescaleTest(
  "a backfill whose rollups cannot be refreshed after commit says so, and the next one repairs them",
  async () => {
    await withMirror(await buildRecordings(3), ({ deps }) =>
      withTimescale(async (db) => {
        const { impatient, release } = await blockDailyRollup(db);
        try {
          const range = { from: "2025-01-06", to: "2025-01-07" };
          const first = await runBackfill(deps(db, { sql: impatient }), "np4_188", range);
          assert.equal(first.status, "partial");
          assert.equal(first.rows, 240, "every document is stored");
          assert.match(first.error ?? "", /failed after commit \(kept for the next run\)/);
          await release();
          const second = await runBackfill(deps(db, { sql: impatient }), "np4_188", range);
          assert.deepEqual([second.status, second.documents.length, second.error], [
            "success",
            0,
            undefined,
          ]);
          assert.equal(await count(db.db.sql, "rollup_refresh_pending"), 0);
        } finally {
          await release();
          await impatient.end();
        }
      }));
  },
);

Deno.test("backfill downloads the next document while it stores the one before", async () => {
  await withMirror(await buildRecordings(6), ({ deps, seen }) =>
    withDatabase(async (db) => {
      // When each document has committed, how many downloads the mirror had served.
      const servedAtCommit: number[] = [];
      const onStored = () => void servedAtCommit.push(downloads(seen));
      const s = await runBackfill(deps(db, { onStored }), "np4_188", {
        from: "2025-01-06",
        to: "2025-01-09",
      });
      assert.equal(s.status, "success", s.error);
      // Document k commits once document k + 1 is already asked for; the last has no next.
      assert.deepEqual(servedAtCommit, [2, 3, 4, 4]);
    }));
});
