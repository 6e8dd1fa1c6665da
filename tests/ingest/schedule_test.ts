import assert from "node:assert/strict";
import postgres from "postgres";
import { createScheduler, DEFAULT_CRONS, feedCrons } from "../../ingest/schedule.ts";
import { createLeaderLock } from "../../db/leader_lock.ts";
import { type FeedId, FEEDS } from "../../ingest/feeds/mod.ts";
import { createHttpClient } from "../../ingest/http.ts";
import { createApp } from "../_app.ts";
import { testDatabaseMode, testDeps, withDatabase } from "../_db.ts";
import type { Sql } from "../../db/client.ts";

/** Polls per day of a cron whose hour/day fields are `*` or lists, minute `*`, `*\/N` or a list. */
function pollsPerDay(cron: string): number {
  const [minute, hour] = cron.split(/\s+/);
  const count = (field: string, size: number) =>
    field === "*"
      ? size
      : field.startsWith("*/")
      ? Math.ceil(size / Number(field.slice(2)))
      : field.split(",").length;
  return count(minute, 60) * count(hour, 24);
}

Deno.test("default schedules never poll a report more than three times per posting", () => {
  for (const [feed, cron] of Object.entries(DEFAULT_CRONS)) {
    const postingsPerDay = 1440 / FEEDS[feed as FeedId].cadenceMinutes;
    // daily_prc's PRC values change every few seconds; its one-minute poll is the floor cron allows.
    const limit = feed === "daily_prc" ? 1440 : 3 * postingsPerDay;
    assert.ok(pollsPerDay(cron) <= limit, `${feed}: ${pollsPerDay(cron)} polls/day > ${limit}`);
  }
});

Deno.test("feedCrons() applies overrides and rejects unknown feeds and malformed crons", () => {
  assert.equal(feedCrons({ fuel_mix: "*/10 * * * *" }).fuel_mix, "*/10 * * * *");
  assert.throws(() => feedCrons({ nope: "* * * * *" }), /unknown feed "nope"/);
  assert.throws(() => feedCrons({ fuel_mix: "every minute" }), /is not five fields/);
  assert.throws(
    () => feedCrons({ fuel_mix: "61 * * * *" }),
    /INGEST_SCHEDULE for fuel_mix: Cron "61 \* \* \* \*" has field "61" outside 0-59/,
  );
});

Deno.test("the scheduler registers one cron per feed and skips a feed that is still running", async () => {
  await withDatabase(async (db) => {
    const registered: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => release = r);
    const slowFetch: typeof fetch = async () => {
      await gate;
      return new Response("{}", { status: 503 });
    };
    const scheduler = createScheduler({
      sql: db.db.sql,
      variant: db.migration.variant,
      http: createHttpClient({ fetch: slowFetch, retries: 0 }),
      ercotBaseUrl: "http://127.0.0.1:9",
      clock: () => new Date(),
    }, {
      leader: createLeaderLock(db.db.sql, "embedded"),
      register: (name) => registered.push(name),
      log: () => {},
    });
    assert.equal(registered.length, Object.keys(FEEDS).length);
    const first = scheduler.tick("fuel_mix");
    assert.equal(await scheduler.tick("fuel_mix"), "busy");
    release();
    const summary = await first;
    assert.equal(typeof summary === "object" && summary.status, "failed");
  });
});

Deno.test({
  name: "exactly one replica holds the ingest lock, and another takes over when it dies",
  ignore: testDatabaseMode() !== "postgres",
  fn: () =>
    withDatabase(async (db) => {
      const a = postgres(db.url!, { max: 2, onnotice: () => {} }) as unknown as Sql;
      const b = postgres(db.url!, { max: 2, onnotice: () => {} }) as unknown as Sql;
      try {
        const la = createLeaderLock(a, "postgres");
        const lb = createLeaderLock(b, "postgres");
        assert.equal(await la.acquire(), true);
        assert.equal(await lb.acquire(), false);
        assert.equal(await la.acquire(), true, "the leader keeps its lock");
        await a.end({ timeout: 0 });
        // PostgreSQL frees the lock once it notices the session is gone: well within a tick.
        let took = false;
        for (let i = 0; i < 50 && !took; i++) {
          took = await lb.acquire();
          if (!took) await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(took, true, "the survivor takes over within five seconds");
      } finally {
        await b.end({ timeout: 0 });
      }
    }),
});
if (testDatabaseMode() !== "postgres") {
  console.warn("SKIPPED: leader-lock takeover test needs PostgreSQL (DATABASE_URL)");
}

Deno.test("GET /health/scrapers shows per feed the last success, data instant, lag and error", async () => {
  await withDatabase(async (db) => {
    await db.db.sql`
      insert into ingest_runs (feed, started_at, finished_at, status, rows, documents, details)
      values ('fuel_mix', '2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z', 'success', 10, 1,
              '{"last_data_at": "2025-12-31T23:55:00Z"}')`;
    await db.db.sql`
      insert into ingest_runs (feed, started_at, finished_at, status, error)
      values ('np6_905', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'failed', 'listing answered HTTP 503')`;
    const res = await createApp(testDeps(db)).request("/health/scrapers");
    assert.equal(res.status, 200);
    const body = await res.json();
    const fuel = body.feeds.find((f: { feed: string }) => f.feed === "fuel_mix");
    assert.equal(fuel.last_success_at, "2026-01-01T00:00:05.000Z");
    assert.equal(fuel.last_data_at, "2025-12-31T23:55:00.000Z");
    assert.equal(fuel.lag_seconds, 360);
    assert.equal(fuel.stale, false);
    // No schedule runs in this process: nothing to say about its next attempt.
    assert.deepEqual([fuel.next_attempt_at, fuel.next_attempt_reason], [null, null]);
    const spp = body.feeds.find((f: { feed: string }) => f.feed === "np6_905");
    assert.deepEqual([spp.last_run_status, spp.last_error, spp.stale], [
      "failed",
      "listing answered HTTP 503",
      true,
    ]);
    assert.equal(body.feeds.length, Object.keys(FEEDS).length);
  });
});

Deno.test("a run that never returns is abandoned after the run timeout: recorded failed, the feed freed, its late end ignored", async () => {
  await withDatabase(async (db) => {
    let release!: () => void;
    const gate = new Promise<void>((r) => release = r);
    // A source call that stays pending past the run timeout (as a statement postgres.js never
    // settles does), and only answers once released.
    const hangingFetch: typeof fetch = async () => {
      await gate;
      return new Response("{}", { status: 503 });
    };
    const lines: string[] = [];
    const scheduler = createScheduler({
      sql: db.db.sql,
      variant: db.migration.variant,
      http: createHttpClient({ fetch: hangingFetch, retries: 0, timeoutMs: 60_000 }),
      ercotBaseUrl: "http://127.0.0.1:9",
      clock: () => new Date(),
    }, {
      leader: createLeaderLock(db.db.sql, "embedded"),
      register: () => {},
      log: (line) => lines.push(line),
      runTimeoutMs: 300,
    });
    const first = await scheduler.tick("fuel_mix");
    assert.ok(typeof first === "object", `the tick returned ${first}`);
    assert.equal(first.status, "failed");
    assert.match(first.error ?? "", /^Abandoned: no result within 0\.3 s/);
    assert.ok(lines.some((l) => l.startsWith("ingest fuel_mix: Abandoned")), lines.join("\n"));
    const [row] = await db.db.sql<{ status: string; error: string }[]>`
      select status, error from ingest_runs where id = ${first.runId}`;
    assert.deepEqual([row.status, /^Abandoned/.test(row.error)], ["failed", true]);
    // The feed is free: the next tick runs rather than answering "busy".
    const second = scheduler.tick("fuel_mix");
    release();
    assert.equal(typeof (await second), "object", "the next tick ran the feed");
    // The abandoned run ends late (its source answered): its result does not replace the record.
    await new Promise((r) => setTimeout(r, 300));
    const [after] = await db.db.sql<{ status: string; error: string }[]>`
      select status, error from ingest_runs where id = ${first.runId}`;
    assert.deepEqual([after.status, /^Abandoned/.test(after.error)], ["failed", true]);
  });
});
