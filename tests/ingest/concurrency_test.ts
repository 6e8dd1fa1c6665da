/**
 * Feeds ingesting at the same moment on TimescaleDB, where creating a chunk
 * of `observations` used to deadlock with another document's lock on `series`.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { runFeed } from "../../ingest/job.ts";
import { type FeedId, FEEDS } from "../../ingest/feeds/mod.ts";
import { fixturesDir } from "../_fixtures.ts";
import { ingestDeps, layOutRecordings, withMirror } from "../_ingest.ts";
import { timescaleTest, timescaleUrl, withTimescale } from "../_timescale.ts";
import { waitFor } from "../_wait.ts";

/** Deadlocks PostgreSQL counted in a database once all its sessions are gone. */
async function deadlocks(name: string): Promise<number> {
  const admin = postgres(timescaleUrl!, { max: 1, onnotice: () => {} });
  try {
    // A session reports its counts when it ends.
    await waitFor(
      async () => {
        const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n
        from pg_stat_activity where datname = ${name} and backend_type = 'client backend'`;
        return n === 0;
      },
      "its sessions to end",
      10_000,
    );
    const [{ d }] = await admin<
      { d: number }[]
    >`select pg_stat_clear_snapshot(), deadlocks::int as d
      from pg_stat_database where datname = ${name}`;
    return d;
  } finally {
    await admin.end();
  }
}

/**
 * Pauses the database's TimescaleDB jobs and waits for any already running to end. The
 * compression policy, free to start at once in a fresh database, can deadlock with the writers
 * (it is the side PostgreSQL aborts, and the writers retry anyway); what is counted here is the
 * feeds' transactions against one another.
 */
async function pauseJobs(sql: Sql, name: string): Promise<void> {
  await sql`select alter_job(job_id, scheduled => false) from timescaledb_information.jobs
    where job_id >= 1000`;
  await waitFor(
    async () => {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
        where datname = ${name} and backend_type not in ('client backend')
          and application_name not like 'TimescaleDB Background Worker%'`;
      return n === 0;
    },
    "the database's running TimescaleDB jobs to end",
    30_000,
  );
}

timescaleTest(
  "every feed ingesting at once into a fresh TimescaleDB database: no deadlock and no failed run, ten times over",
  async () => {
    assert.ok(fixturesDir(), "the ERCOT recordings are needed (FIXTURES_DIR)");
    const root = await Deno.makeTempDir({ prefix: "ercot-feeds-" });
    try {
      await layOutRecordings(root);
      await withMirror(root, async (base) => {
        for (let round = 1; round <= 10; round++) {
          await withTimescale(async (db) => {
            await pauseJobs(db.db.sql, new URL(db.url!).pathname.slice(1));
            const feeds = Object.keys(FEEDS) as FeedId[];
            const runs = await Promise.all(feeds.map((f) => runFeed(ingestDeps(db, base), f)));
            const failed = runs.filter((r) => r.status !== "success")
              .map((r) => `${r.feed}: ${r.status} ${r.error ?? ""}`);
            assert.deepEqual(failed, [], `round ${round}`);
            assert.ok(runs.every((r) => r.rows > 0), `round ${round}: every feed wrote rows`);
            await db.db.close();
            assert.equal(await deadlocks(new URL(db.url!).pathname.slice(1)), 0, `round ${round}`);
          });
        }
      });
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
);
