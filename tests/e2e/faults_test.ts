/**
 * Ingestion under faults: the recordings mirror answers 429, 500, hangs and
 * truncated bodies, the breaker opens, and (on PostgreSQL) the ingest
 * connections are terminated mid-run. Each time the stored data must equal a
 * clean reference load: nothing partial committed, nothing lost or doubled.
 * Interrupted backfills are covered by tests/ingest/backfill_test.ts.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ingestChecksum, ingestDeps, withMirror as withRecordingsMirror } from "../_ingest.ts";
import postgres from "postgres";
import type { HttpClientOptions } from "../../ingest/http.ts";
import { runFeed } from "../../ingest/job.ts";
import type { Fault } from "../../dev/mirror.ts";
import type { FeedId } from "../../ingest/feeds/mod.ts";
import { createApp } from "../_app.ts";
import { fixturesDir } from "../_fixtures.ts";
import { type TestDatabase, testDatabaseMode, testDeps, withDatabase } from "../_db.ts";

const dir = fixturesDir();
if (dir === null) console.warn("SKIPPED: fault tests: FIXTURES_DIR not found");

const FEEDS: FeedId[] = ["np4_188", "np6_346", "fuel_mix"];

/** The recordings' mirror with this test's faults or request hook. */
function withMirror<T>(
  opts: { faults?: (req: Request) => Fault; before?: (req: Request) => Promise<void> },
  fn: (base: string) => Promise<T>,
): Promise<T> {
  return withRecordingsMirror(dir!, fn, opts);
}

/** Ingest deps whose client retries quickly and times out in 5 s unless told otherwise. */
function deps(db: TestDatabase, base: string, http: HttpClientOptions = {}) {
  return ingestDeps(db, base, { retries: 4, timeoutMs: 5_000, ...http });
}

const checksum = ingestChecksum;

async function ingestAll(db: TestDatabase, base: string, http: HttpClientOptions = {}) {
  const client = deps(db, base, http);
  const runs = [];
  for (const feed of FEEDS) runs.push(await runFeed(client, feed));
  return runs;
}

let reference: Promise<string> | undefined;

/** The checksum of a clean load of {@link FEEDS}, computed once. */
function cleanReference(): Promise<string> {
  return reference ??= withDatabase((db) =>
    withMirror({}, async (base) => {
      const runs = await ingestAll(db, base);
      for (const r of runs) assert.equal(r.status, "success", `${r.feed}: ${r.error}`);
      return await checksum(db.db.sql);
    })
  );
}

const isDownload = (req: Request) => {
  const path = new URL(req.url).pathname;
  return path.includes("mirDownload") || path.includes("/dashboards/");
};

Deno.test({
  name: "429, 500, a hang and a truncated body are retried and the load equals a clean one",
  ignore: dir === null,
  fn: async () => {
    const expected = await cleanReference();
    const seen = new Map<string, number>();
    const faults = (req: Request): Fault => {
      if (!isDownload(req)) return undefined;
      const n = seen.get(req.url) ?? 0;
      seen.set(req.url, n + 1);
      const plan: Fault[] = [
        new Response("slow down", { status: 429, headers: { "retry-after": "0" } }),
        new Response("boom", { status: 500 }),
        "truncate",
        "hang",
      ];
      return plan[n];
    };
    await withDatabase((db) =>
      withMirror({ faults }, async (base) => {
        // Long enough for a clean answer on a loaded machine, short for the hang's attempt.
        const runs = await ingestAll(db, base, {
          timeoutMs: 1_500,
          breaker: { failureThreshold: 50 },
        });
        for (const r of runs) assert.equal(r.status, "success", `${r.feed}: ${r.error}`);
        assert.ok([...seen.values()].every((n) => n === 5), "each download took five attempts");
        assert.equal(await checksum(db.db.sql), expected);
      })
    );
  },
});

Deno.test({
  name: "an open breaker fails the run without a partial commit, and the next run completes it",
  ignore: dir === null,
  fn: async () => {
    const expected = await cleanReference();
    let failing = true;
    let downloads = 0;
    const faults = (req: Request): Fault => {
      if (!isDownload(req) || !failing) return undefined;
      // The first document of each run goes through; every later download is truncated.
      return downloads++ === 0 ? undefined : "truncate";
    };
    await withDatabase((db) =>
      withMirror({ faults }, async (base) => {
        const client = deps(db, base, { retries: 4, breaker: { failureThreshold: 3 } });
        const runs = [];
        for (const feed of FEEDS) runs.push(await runFeed(client, feed));
        assert.equal(runs[0].status, "success", runs[0].error);
        for (const r of runs.slice(1)) assert.notEqual(r.status, "success", r.feed);
        assert.equal(client.http.circuit(new URL(base).host), "open");
        assert.match(runs.at(-1)!.error ?? JSON.stringify(runs.at(-1)!.documents), /circuit open/i);
        const [{ n }] = await db.db.sql<{ n: number }[]>`
          select count(*)::int as n from observations`;
        assert.equal(n, runs[0].rows, "only the document that arrived whole wrote rows");
        const [{ stored }] = await db.db.sql<{ stored: number }[]>`
          select count(*)::int as stored from ingest_documents where status = 'success'`;
        assert.equal(stored, 1);
        failing = false;
        for (const r of await ingestAll(db, base)) {
          assert.ok(["success", "empty"].includes(r.status), `${r.feed}: ${r.error}`);
        }
        assert.equal(await checksum(db.db.sql), expected);
      })
    );
  },
});

Deno.test({
  name:
    "terminating the ingest connections mid-run rolls the document back, reads recover and a re-run matches a clean load",
  ignore: dir === null || testDatabaseMode() !== "postgres",
  fn: async () => {
    const expected = await cleanReference();
    await withDatabase(async (db) => {
      const name = new URL(db.url!).pathname.slice(1);
      const admin = postgres(Deno.env.get("DATABASE_URL")!, { max: 1, onnotice: () => {} });
      let downloads = 0, terminated = 0;
      const before = async (req: Request) => {
        if (!isDownload(req) || ++downloads !== 2) return;
        const rows = await admin`
          select pg_terminate_backend(pid) from pg_stat_activity
          where datname = ${name} and pid <> pg_backend_pid()`;
        terminated = rows.length;
      };
      try {
        await withMirror({ before }, async (base) => {
          const client = deps(db, base);
          for (const feed of FEEDS) {
            await runFeed(client, feed).catch(() => undefined);
          }
          assert.ok(terminated > 0, "ingest connections were terminated");
          // A terminated idle connection may be replaced before the next write (the run then
          // succeeds) or fail the document's transaction (it rolls back); either way the
          // re-run below must end with exactly the clean load, ledger included.
          const app = createApp(testDeps(db, { clock: () => new Date() }));
          const deadline = Date.now() + 30_000;
          let status = 0;
          while (status !== 200 && Date.now() < deadline) {
            const started = Date.now();
            const res = await Promise.resolve(app.request("/api/v1/series")).catch(() => undefined);
            assert.ok(Date.now() - started < 15_000, "a read hung past its timeout");
            status = res?.status ?? 0;
            await res?.body?.cancel();
          }
          assert.equal(status, 200, "reads answer again within 30 s");
          for (const r of await ingestAll(db, base)) {
            assert.ok(["success", "empty"].includes(r.status), `${r.feed}: ${r.error}`);
          }
          assert.equal(await checksum(db.db.sql), expected);
        });
      } finally {
        await admin.end();
      }
    });
  },
});
