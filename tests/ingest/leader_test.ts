/**
 * The ingest leader lock and what a new leader does first: ticks firing in
 * the same second share one acquisition (none is skipped), a terminated lock
 * session is replaced and the lock taken again or by the survivor, and runs a
 * dead process left `running` are closed as `interrupted`.
 *
 * @module
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { createScheduler } from "../../ingest/schedule.ts";
import { createLeaderLock, type LeaderLock } from "../../db/leader_lock.ts";
import { createHttpClient } from "../../ingest/http.ts";
import type { FeedId } from "../../ingest/feeds/mod.ts";
import { alertTick, createAlertEvaluator } from "../../alerts/evaluate.ts";
import { createNotifier } from "../../alerts/notify.ts";
import { createEventBus } from "../../bus/events.ts";
import { openDatabase, type Sql } from "../../db/client.ts";
import { type TestDatabase, testDatabaseMode, withDatabase } from "../_db.ts";

const onPostgres = testDatabaseMode() === "postgres";
if (!onPostgres) console.warn("SKIPPED: leader lock session tests need PostgreSQL (DATABASE_URL)");

/**
 * A scheduler whose runs fail fast (nothing listens on port 9): enough to tell
 * a run from a skip. Its back-off lasts a millisecond, so every round runs.
 */
function scheduler(db: TestDatabase, sql: Sql, leader: LeaderLock) {
  return createScheduler({
    sql,
    variant: db.migration.variant,
    http: createHttpClient({ retries: 0, timeoutMs: 2_000 }),
    ercotBaseUrl: "http://127.0.0.1:9",
    clock: () => new Date(),
  }, { leader, register: () => {}, log: () => {}, backoff: { baseMs: 1, maxMs: 1 } });
}

/** Terminates every backend of `db` whose application_name is `app`; returns how many. */
async function terminate(db: TestDatabase, app: string): Promise<number> {
  const name = new URL(db.url!).pathname.slice(1);
  const admin = postgres(db.url!, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${name} and application_name = ${app} and pid <> pg_backend_pid()`;
    return rows.length;
  } finally {
    await admin.end();
  }
}

const FEEDS: FeedId[] = ["fuel_mix", "storage", "supply_demand", "np6_788", "daily_prc"];

Deno.test({
  name: "feed and alert ticks firing in the same second all run: none is skipped by a sibling",
  ignore: !onPostgres,
  fn: () =>
    withDatabase(async (db) => {
      const own = await openDatabase({ databaseUrl: db.url!, max: 4 });
      const leader = createLeaderLock(own.sql, "postgres", { log: () => {} });
      try {
        const s = scheduler(db, own.sql, leader);
        const bus = createEventBus({ sql: own.sql, mode: "postgres" });
        const notifier = createNotifier({ sql: own.sql, bus, allowPrivate: false });
        const alerts = createAlertEvaluator({ sql: own.sql, clock: () => new Date(), notifier });
        // First start, then a later minute when the lock is already held.
        for (const round of ["at start", "while leading"]) {
          const [alert, ...ticks] = await Promise.all([
            alertTick(alerts, leader),
            ...FEEDS.map((f) => s.tick(f)),
          ]);
          assert.notEqual(alert, "not-leader", `the alert tick ran ${round}`);
          for (const [i, t] of ticks.entries()) {
            assert.equal(typeof t, "object", `${FEEDS[i]} ran ${round}, got ${String(t)}`);
          }
        }
        assert.equal(leader.term, 1, "the lock was taken once");
      } finally {
        await leader.release();
        await own.close();
      }
    }),
});

Deno.test({
  name: "a leader whose lock session is terminated takes the lock again on a new session",
  ignore: !onPostgres,
  fn: () =>
    withDatabase(async (db) => {
      const own = await openDatabase({ databaseUrl: db.url!, max: 2 });
      const leader = createLeaderLock(own.sql, "postgres", { log: () => {} });
      try {
        assert.equal(await leader.acquire(), true);
        for (let i = 0; i < 3; i++) {
          assert.ok(await terminate(db, "ercot-analytics") > 0);
          let held = false;
          const deadline = Date.now() + 30_000;
          while (!held && Date.now() < deadline) {
            held = await leader.acquire();
            if (!held) await new Promise((r) => setTimeout(r, 100));
          }
          assert.equal(held, true, `held again after termination ${i + 1}`);
        }
        assert.ok((leader.term ?? 0) >= 2, "the lock was lost and taken anew");
      } finally {
        await leader.release();
        await own.close();
      }
    }),
});

Deno.test({
  name: "when the leader's connections are terminated, the other process takes over",
  ignore: !onPostgres,
  fn: () =>
    withDatabase(async (db) => {
      const a = postgres(db.url!, {
        max: 2,
        onnotice: () => {},
        connection: { application_name: "replica-a" },
      }) as unknown as Sql;
      const b = postgres(db.url!, {
        max: 2,
        onnotice: () => {},
        connection: { application_name: "replica-b" },
      }) as unknown as Sql;
      const la = createLeaderLock(a, "postgres", { log: () => {} });
      const lb = createLeaderLock(b, "postgres", { log: () => {} });
      try {
        assert.equal(await la.acquire(), true);
        assert.equal(await lb.acquire(), false);
        // The first process's connections die; the survivor checks first, as after a failover.
        assert.ok(await terminate(db, "replica-a") > 0);
        let took = false;
        const deadline = Date.now() + 30_000;
        while (!took && Date.now() < deadline) {
          took = await lb.acquire();
          if (!took) await new Promise((r) => setTimeout(r, 100));
        }
        console.log("took", took);
        assert.equal(took, true, "the survivor took over");
        console.log("la", await la.acquire());
        assert.equal(await la.acquire(), false, "the first process now follows");
        assert.equal(la.held, false);
      } finally {
        await la.release();
        await lb.release();
        await a.end({ timeout: 0 });
        await b.end({ timeout: 0 });
      }
    }),
});

Deno.test("a new leader closes runs a dead process left running as interrupted, at their last heartbeat, and leaves a live one (a CLI backfill beside it) running", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    await sql`
      insert into ingest_runs (feed, started_at, heartbeat_at)
      values ('np4_188', '2026-01-01T00:00:00Z', '2026-01-01T00:00:40Z'),
             ('np6_346', '2026-01-01T00:00:10Z', null),
             ('np4_190', '2026-01-01T00:00:20Z', now())`;
    const leader = createLeaderLock(sql, db.db.mode, { log: () => {} });
    try {
      const s = scheduler(db, sql, leader);
      assert.equal(typeof await s.tick("fuel_mix"), "object");
      const rows = await sql<{ feed: string; status: string; finished_at: Date }[]>`
        select feed, status, finished_at from ingest_runs
        where feed in ('np4_188', 'np6_346') order by feed`;
      assert.deepEqual(rows.map((r) => [r.feed, r.status, r.finished_at.toISOString()]), [
        ["np4_188", "interrupted", "2026-01-01T00:00:40.000Z"],
        ["np6_346", "interrupted", "2026-01-01T00:00:10.000Z"],
      ]);
      const live = await sql<{ feed: string }[]>`
        select feed from ingest_runs where status = 'running'`;
      assert.deepEqual(live.map((r) => r.feed), ["np4_190"], "only the live run is left running");
    } finally {
      await leader.release();
    }
  });
});
