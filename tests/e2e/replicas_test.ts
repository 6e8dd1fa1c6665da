/**
 * Scale-out on one PostgreSQL database: two replicas, each with its own
 * connection pool, leader lock, scheduler, event bus and HTTP server, as
 * `main.ts` wires them, ingesting from the recordings mirror. A leader that
 * dies is a real subprocess killed with SIGKILL. PostgreSQL only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { createEventBus, type EventBus } from "../../bus/events.ts";
import { createHttpClient } from "../../ingest/http.ts";
import { createMirror } from "../../dev/mirror.ts";
import { createScheduler, type Scheduler } from "../../ingest/schedule.ts";
import { createLeaderLock } from "../../db/leader_lock.ts";
import { afterStored } from "../../ingest/service.ts";
import type { FeedId } from "../../ingest/feeds/mod.ts";
import { createMetrics } from "../../metrics.ts";
import { createApp } from "../_app.ts";
import { fixturesDir } from "../_fixtures.ts";
import { type TestDatabase, testDatabaseMode, testDeps, withDatabase } from "../_db.ts";

const dir = fixturesDir();
const postgresMode = testDatabaseMode() === "postgres";
if (!postgresMode) {
  console.warn("SKIPPED: tests/e2e/replicas_test.ts needs DATABASE_URL (PostgreSQL)");
} else if (dir === null) console.warn("SKIPPED: replica tests: FIXTURES_DIR not found");

const FEEDS: FeedId[] = ["np4_188", "np6_346", "np4_732", "fuel_mix", "storage"];

interface Replica {
  name: string;
  url: string;
  scheduler: Scheduler;
  bus: EventBus;
  stop(): Promise<void>;
}

/** One replica as `main.ts` builds it, over its own pool, serving on a free loopback port. */
async function startReplica(
  name: string,
  db: TestDatabase,
  ercot: string,
  env: Record<string, string> = {},
): Promise<Replica> {
  const own = await openDatabase({ databaseUrl: db.url!, max: 4 });
  const bus = createEventBus({ sql: own.sql, mode: "postgres" });
  const metrics = createMetrics();
  const leader = createLeaderLock(own.sql, "postgres");
  const scheduler = createScheduler({
    sql: own.sql,
    variant: db.migration.variant,
    http: createHttpClient({ retries: 1, baseDelayMs: 1, timeoutMs: 10_000 }),
    ercotBaseUrl: ercot,
    clock: () => new Date(),
    maxDocumentsPerRun: 1000,
    bus,
    onStored: afterStored(bus, metrics),
  }, { leader, register: () => {}, log: () => {} });
  const app = createApp(testDeps(db, {
    config: loadConfig(env),
    sql: own.sql,
    clock: () => new Date(),
    bus,
    metrics,
    leader,
  }));
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  return {
    name,
    url: `http://127.0.0.1:${server.addr.port}`,
    scheduler,
    bus,
    stop: async () => {
      await leader.release();
      await bus.close();
      await server.shutdown();
      await own.close();
    },
  };
}

async function withCluster(
  env: Record<string, string>,
  fn: (a: Replica, b: Replica, db: TestDatabase, ercot: string) => Promise<void>,
): Promise<void> {
  await withDatabase(async (db) => {
    const mirror = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen() {} },
      createMirror({ dir: dir! }),
    );
    const ercot = `http://127.0.0.1:${mirror.addr.port}`;
    const a = await startReplica("A", db, ercot, env);
    const b = await startReplica("B", db, ercot, env);
    try {
      await fn(a, b, db, ercot);
    } finally {
      await a.stop();
      await b.stop();
      await mirror.shutdown();
    }
  });
}

const enabled = postgresMode && dir !== null;

Deno.test({
  name: "exactly one replica ingests at a time, and runs of different replicas never overlap",
  ignore: !enabled,
  fn: () =>
    withCluster({}, async (a, b, db) => {
      const ranBy = new Map<number, string>();
      for (const round of [0, 1]) {
        if (round === 1) {
          const [from, to] = a.scheduler.leader.held ? [a, b] : [b, a];
          await from.scheduler.leader.release();
          assert.equal(await to.scheduler.leader.acquire(), true);
        }
        for (const feed of FEEDS) {
          const results = await Promise.all([a, b].map(async (r) => {
            const s = await r.scheduler.tick(feed);
            if (typeof s === "object") ranBy.set(s.runId, r.name);
            return s;
          }));
          const ran = results.filter((s) => typeof s === "object");
          assert.equal(ran.length, 1, `${feed}: ${JSON.stringify(results)}`);
          assert.ok(results.includes("not-leader"), `${feed}: ${JSON.stringify(results)}`);
        }
        assert.equal(
          [a, b].filter((r) => r.scheduler.leader.held).length,
          1,
          `round ${round} has one leader`,
        );
      }
      assert.ok(new Set(ranBy.values()).size === 2, "the lead moved when the leader let go");
      const runs = await db.db.sql<{ id: string; started_at: Date; finished_at: Date }[]>`
        select id, started_at, finished_at from ingest_runs order by started_at`;
      assert.equal(runs.length, FEEDS.length * 2);
      for (const x of runs) {
        for (const y of runs) {
          if (ranBy.get(Number(x.id)) === ranBy.get(Number(y.id))) continue;
          const overlap = x.started_at < y.finished_at && y.started_at < x.finished_at;
          assert.ok(!overlap, `runs ${x.id} and ${y.id} of different replicas overlap`);
        }
      }
      const [{ n }] = await db.db.sql<{ n: number }[]>`
        select count(*)::int as n from observations`;
      assert.ok(n > 0, "the leader stored observations");
    }),
});

const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

/** A process that takes the leader lock and then idles until it is killed. */
const HOLDER = `
import { openDatabase } from "${new URL("../../db/client.ts", import.meta.url).href}";
import { createLeaderLock } from "${new URL("../../db/leader_lock.ts", import.meta.url).href}";
const db = await openDatabase({ databaseUrl: Deno.args[0], max: 2 });
const held = await createLeaderLock(db.sql, "postgres", { log: () => {} }).acquire();
console.log(held ? "leader" : "follower");
setInterval(() => {}, 60_000);
`;

Deno.test({
  name: "when the leading process is killed another replica takes over within one schedule period",
  ignore: !enabled,
  fn: () =>
    withCluster({}, async (_a, b, db) => {
      const script = await Deno.makeTempFile({ suffix: ".ts" });
      await Deno.writeTextFile(script, HOLDER);
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--config", CONFIG, script, db.url!],
        stdout: "piped",
        stderr: "inherit",
      }).spawn();
      try {
        const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
        const { value } = await reader.read();
        assert.equal(value?.trim(), "leader");
        assert.equal(await b.scheduler.tick("fuel_mix"), "not-leader");
        child.kill("SIGKILL");
        await child.status;
        await reader.cancel().catch(() => {});
        // One schedule period: the fastest feed cron fires every minute.
        const killedAt = Date.now();
        let took: unknown = "not-leader";
        while (took === "not-leader" && Date.now() - killedAt < 60_000) {
          await new Promise((r) => setTimeout(r, 250));
          took = await b.scheduler.tick("fuel_mix");
        }
        assert.equal(typeof took === "object" && took !== null && "status" in took, true);
        assert.ok(b.scheduler.leader.held);
      } finally {
        try {
          child.kill("SIGKILL");
        } catch {
          // Already gone.
        }
        await child.status;
        await Deno.remove(script);
      }
    }),
});

Deno.test({
  name: "an event published while replica A ingests reaches a stream subscriber of replica B",
  ignore: !enabled,
  fn: () =>
    withCluster({}, async (a, b) => {
      const controller = new AbortController();
      const res = await fetch(`${b.url}/api/v1/stream`, { signal: controller.signal });
      assert.equal(res.status, 200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      try {
        const run = await a.scheduler.tick("fuel_mix");
        assert.equal(typeof run === "object" && run.status, "success");
        let text = "";
        const deadline = Date.now() + 15_000;
        while (!/event: ingest/.test(text) && Date.now() < deadline) {
          const { value, done } = await Promise.race([
            reader.read(),
            new Promise<{ value: string; done: boolean }>((r) =>
              setTimeout(() => r({ value: "", done: false }), 500)
            ),
          ]);
          if (done) break;
          text += value;
        }
        assert.match(text, /event: ingest/);
        assert.match(text, /fuel_mix/);
      } finally {
        controller.abort();
        await reader.cancel().catch(() => {});
      }
    }),
});

Deno.test({
  name: "rate limits are shared: anonymous requests split across replicas get 429 at the 4th",
  ignore: !enabled,
  fn: () =>
    withCluster({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: "3" }, async (a, b) => {
      const statuses: number[] = [];
      for (const r of [a, b, a, b]) {
        const res = await fetch(`${r.url}/api/v1/series`);
        await res.body?.cancel();
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
    }),
});
