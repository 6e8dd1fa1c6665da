/**
 * Back-off against a real mirror over HTTP: the mirror answers 503, is then
 * stopped (connection refused), started again still answering 503, and
 * finally restored. The scheduler's clock is controlled; its ticks are driven
 * at the feed's cron times, as `Deno.cron` would.
 */
import assert from "node:assert/strict";
import { backoffMs, createAttempts } from "../../ingest/attempts.ts";
import { createMirror } from "../../dev/mirror.ts";
import { createScheduler } from "../../ingest/schedule.ts";
import { createLeaderLock } from "../../db/leader_lock.ts";
import { createApp } from "../_app.ts";
import { testDeps, withDatabase } from "../_db.ts";
import { ingestDeps } from "../_ingest.ts";

const FIXTURE = new URL("../fixtures/supply_demand_2025-11-02.json", import.meta.url).pathname;
const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}Z`);

/** A mirror of one supply-demand recording that can answer 503, stop and start again on its port. */
async function flakyMirror() {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/dashboard-supply-demand`);
  await Deno.copyFile(FIXTURE, `${dir}/dashboard-supply-demand/supply-demand_2025-11-02T2359.json`);
  const state = { down: true, requests: 0 };
  const mirror = createMirror({
    dir,
    faults: () => {
      state.requests++;
      return state.down ? new Response("unavailable", { status: 503 }) : undefined;
    },
  });
  const serve = (port: number) =>
    Deno.serve({ port, hostname: "127.0.0.1", onListen() {} }, mirror);
  let server: Deno.HttpServer<Deno.NetAddr> | null = serve(0);
  const port = server.addr.port;
  return {
    state,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      await server?.shutdown();
      server = null;
    },
    start() {
      server ??= serve(port);
    },
    async close() {
      await server?.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("a feed whose source is down backs off exponentially, logs when it starts failing, hourly while it fails, and when it recovers", async () => {
  await withDatabase(async (db) => {
    const mirror = await flakyMirror();
    let now = at("12:00:30").getTime();
    const clock = () => new Date(now);
    const deps = { ...ingestDeps(db, mirror.base, { retries: 0, now: () => now }), clock };
    const lines: string[] = [];
    const leader = createLeaderLock(db.db.sql, db.db.mode);
    const scheduler = createScheduler(deps, {
      leader,
      feeds: ["supply_demand"],
      register: () => {},
      log: (line) => lines.push(line),
    });
    try {
      const attempted: string[] = [];
      const tickAt = async (instant: Date) => {
        now = instant.getTime();
        const result = await scheduler.tick("supply_demand");
        if (result === "backoff") return result;
        assert.equal(typeof result, "object", `tick at ${instant.toISOString()}: ${result}`);
        attempted.push(instant.toISOString().slice(11, 16));
        return typeof result === "object" ? result.status : result;
      };
      assert.equal(await tickAt(at("12:00:30")), "failed");
      assert.deepEqual(scheduler.nextAttempt("supply_demand"), {
        at: at("12:04:00"),
        reason: "back-off",
      });
      const health = await createApp(testDeps(db, { ingest: scheduler })).request(
        "/health/scrapers",
      );
      const feed = (await health.json()).feeds.find((f: { feed: string }) =>
        f.feed === "supply_demand"
      );
      assert.deepEqual(
        [feed.next_attempt_at, feed.next_attempt_reason, feed.consecutive_failures],
        ["2026-03-02T12:04:00.000Z", "back-off", 1],
      );
      assert.equal(feed.backoff_until, "2026-03-02T12:02:10.000Z");

      // The feed's cron (*/2) keeps firing; the mirror is stopped from 12:20 to 12:40
      // and answers again from 14:10.
      for (let t = at("12:02:00").getTime(); t <= at("15:00:00").getTime(); t += 120_000) {
        if (t === at("12:20:00").getTime()) await mirror.stop();
        if (t === at("12:40:00").getTime()) mirror.start();
        if (t === at("14:10:00").getTime()) mirror.state.down = false;
        await tickAt(new Date(t));
      }
      // Waits of 100 s (a third of the 5-minute cadence), doubling, capped at an hour.
      assert.deepEqual(attempted, [
        "12:00",
        "12:04",
        "12:08",
        "12:16",
        "12:30",
        "12:58",
        "13:52",
        "14:52",
        "14:54",
        "14:56",
        "14:58",
        "15:00",
      ]);
      assert.equal(mirror.state.requests, attempted.length - 1, "none while stopped at 12:30");
      const about = lines.filter((l) => l.includes("supply_demand"));
      const failing = about.filter((l) => /: failing: /.test(l));
      assert.equal(failing.length, 1, about.join("\n"));
      assert.match(failing[0], /HTTP 503.*next attempt not before 2026-03-02T12:02:10\.000Z/);
      const summaries = about.filter((l) => /still failing/.test(l));
      assert.equal(summaries.length, 2, about.join("\n"));
      assert.match(summaries[0], /^ingest: 1 feeds still failing: supply_demand \(6 attempts/);
      assert.equal(
        about.filter((l) =>
          l.includes("recovered after 7 failed attempts since 2026-03-02T12:00:30.000Z")
        ).length,
        1,
      );
      assert.equal(
        about.length,
        failing.length + summaries.length + 1 +
          about.filter((l) => /: (success|empty),/.test(l)).length,
        about.join("\n"),
      );
      assert.equal(scheduler.attempts.state("supply_demand").failures, 0);
      assert.deepEqual(scheduler.nextAttempt("supply_demand"), {
        at: at("15:02:00"),
        reason: "cron",
      });
    } finally {
      await leader.release();
      await mirror.close();
    }
  });
});

Deno.test("backoffMs() doubles from a third of the cadence up to the cadence or an hour", () => {
  assert.deepEqual([1, 2, 3, 6, 7, 9].map((n) => backoffMs("fuel_mix", n) / 1000), [
    100,
    200,
    400,
    3200,
    3600,
    3600,
  ]);
  assert.deepEqual([1, 2, 3].map((n) => backoffMs("np4_190", n) / 3_600_000), [8, 16, 24]);
  assert.equal(backoffMs("daily_prc", 1, { baseMs: 5, maxMs: 7 }), 5);
  assert.throws(
    () => createAttempts({ clock: () => new Date(), log: () => {}, backoff: { baseMs: 0 } }),
    /Invalid back-off/,
  );
});

Deno.test("only a run its source failed backs off: a run this service failed (its database connection lost) changes nothing", () => {
  const now = new Date("2026-07-01T12:00:00Z");
  const lines: string[] = [];
  const attempts = createAttempts({ clock: () => now, log: (l) => lines.push(l) });
  const error = "database connection lost while storing";
  attempts.record("fuel_mix", now, { status: "failed", error, failedAt: "service" });
  assert.equal(attempts.backoffUntil("fuel_mix"), null);
  assert.equal(attempts.state("fuel_mix").failures, 0);
  assert.deepEqual(lines, []);
  attempts.record("fuel_mix", now, { status: "failed", error: "HTTP 503", failedAt: "source" });
  assert.ok(attempts.backoffUntil("fuel_mix"));
  assert.equal(lines.length, 1);
});
