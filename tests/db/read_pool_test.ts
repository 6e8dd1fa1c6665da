/**
 * Data reads through `DATABASE_READ_URL` against a real streaming replica:
 * a private PostgreSQL 15 primary and a `pg_basebackup` hot standby started
 * by the test (dev/standby.ts) on free loopback ports, never the shared
 * servers. Runs in every suite mode; it does not use `DATABASE_URL`.
 *
 * @module
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { loadConfig } from "../../config.ts";
import { prepareDatabase, type ReadyDatabase } from "../../db/setup.ts";
import { ensureSeries } from "../../db/series.ts";
import { writeObservations } from "../../db/observations.ts";
import { openReadPool, openReads, type ReadPool } from "../../db/read_pool.ts";
import { REPLICA_CACHE_MAX_AGE_MS } from "../../routes/compose.ts";
import type { Sql } from "../../db/client.ts";
import { standbyUnavailable, startStandbyCluster } from "../../dev/standby.ts";
import { createApp } from "../_app.ts";
import { testDeps } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { publishWrite } from "../../bus/publish.ts";

const unavailable = standbyUnavailable();
if (unavailable) console.warn(`SKIPPED: read replica tests: ${unavailable}`);

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const KEY = "spp.rt.hb_west";
const T0 = Date.parse("2026-01-01T00:00:00Z");
const OBSERVATIONS = `/api/v1/observations?series=${KEY}` +
  "&start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&resolution=raw";

/** Log lines a pool writes, as `warn <message>` / `info <message>`. */
function captureLog() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (m: string) => void lines.push(`info ${m}`),
      warn: (m: string) => void lines.push(`warn ${m}`),
    },
  };
}

async function writePoint(ready: ReadyDatabase, id: number, i: number, value: number) {
  const ts = new Date(T0 + i * 900_000);
  await writeObservations(ready.db.sql, [{ seriesId: id, ts, value }], {
    variant: ready.migration.variant,
  });
}

/** Waits until `standby` has replayed everything the primary has written so far. */
async function caughtUp(primary: Sql, standby: Sql): Promise<void> {
  const [{ lsn }] = await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
  await waitFor(async () => {
    const [{ done }] = await standby<{ done: boolean }[]>`
      select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as done`;
    return done;
  }, "the standby to replay the primary's writes");
}

type App = { request(path: string): Response | Promise<Response> };

/** Three clients reading the database through `app` without pause until `stop()`. */
function traffic(app: App) {
  let n = 0, stopped = false;
  const statuses: number[] = [];
  const clients = Array.from({ length: 3 }, async () => {
    while (!stopped) {
      // A distinct max_points per request: each one reads the database, never the cache.
      const res = await app.request(`${OBSERVATIONS}&max_points=${2 + (n++ % 19000)}`);
      statuses.push(res.status);
      await res.body?.cancel();
    }
  });
  return {
    statuses,
    /** Waits until 20 more requests have been answered. */
    more: (what: string) => {
      const before = statuses.length;
      return waitFor(() => statuses.length > before + 20, what);
    },
    stop: async () => {
      stopped = true;
      await Promise.all(clients);
    },
  };
}

async function values(app: App) {
  const res = await app.request(OBSERVATIONS);
  assert.equal(res.status, 200);
  const body = await res.json();
  return body.series[0].v as number[];
}

Deno.test("openReads() ignores DATABASE_READ_URL on the embedded database with a warning", async () => {
  const { lines, log } = captureLog();
  const sql = postgres("postgres://postgres@127.0.0.1:1/none", { max: 1 });
  try {
    const reads = await openReads("embedded", {
      primary: sql,
      urls: ["postgres://r@127.0.0.1:1/x"],
      log,
    });
    assert.equal(reads.replicas, 0);
    assert.deepEqual(lines, [
      "warn DATABASE_READ_URL is ignored: the embedded database has no replicas (set DATABASE_URL)",
    ]);
    assert.equal(await reads.run((s) => Promise.resolve(s === sql)), true);
  } finally {
    await sql.end();
  }
});

Deno.test({
  name: "DATABASE_READ_URL sends data reads to a real streaming standby and survives it stopping " +
    "or hanging",
  ignore: unavailable !== undefined,
  fn: async (t) => {
    const cluster = await startStandbyCluster();
    let ready: ReadyDatabase | undefined;
    const pools: ReadPool[] = [];
    const standby = postgres(cluster.standbyUrl, { max: 1, onnotice: () => {} });
    try {
      ready = await prepareDatabase({ databaseUrl: cluster.primaryUrl, dataDir: "" });
      const primary = ready.db.sql;
      const ids = await ensureSeries(primary, [{
        key: KEY,
        name: "Real-time SPP, West hub",
        unit: "$/MWh",
        intervalSeconds: 900,
        feed: "np6_905",
      }]);
      const id = ids.get(KEY)!;
      for (let i = 0; i < 4; i++) await writePoint(ready, id, i, 10 + i);
      await caughtUp(primary, standby);

      const { lines, log } = captureLog();
      const pool = await openReadPool({
        primary,
        urls: [cluster.standbyUrl],
        log,
        probeIntervalMs: 200,
        hangCheckMs: 500,
        connectTimeout: 2,
      });
      pools.push(pool);
      assert.equal(lines.length, 0, "a healthy standby starts without a warning");
      const deps = testDeps(ready, {
        config: loadConfig({ RATE_LIMIT_ENABLED: "false" }),
        readSql: pool,
        clock: () => new Date(),
      });
      const app = createApp(deps);

      await t.step("reads are served by the standby, freshness included", async () => {
        const [{ standby: onStandby }] = await pool.run((sql) =>
          sql<{ standby: boolean }[]>`select pg_is_in_recovery() as standby`
        );
        assert.equal(onStandby, true);
        assert.equal(deps.cache.maxAgeMs, REPLICA_CACHE_MAX_AGE_MS);
        // The cache keeps answers once it listens to the bus: the second request is a hit.
        await waitFor(async () => {
          const hits = deps.cache.stats().hits;
          await values(app);
          return deps.cache.stats().hits > hits;
        }, "the cache to keep the answer");
        // With replay paused, a row written on the primary exists only there. Its write is
        // published as ingestion publishes it, which drops the cached answer at once.
        await standby`select pg_wal_replay_pause()`;
        const generation = deps.cache.generation;
        await writePoint(ready!, id, 4, 99);
        await publishWrite(deps.bus, {
          feed: "np6_905",
          rows: [{ series: KEY, ts: new Date(T0 + 4 * 900_000), value: 99 }],
          ingestedAt: new Date(),
        });
        await waitFor(() => deps.cache.generation > generation, "the write to invalidate");
        assert.deepEqual(await values(app), [10, 11, 12, 13]);
        const res = await app.request(`/api/v1/series/${KEY}`);
        assert.equal(res.status, 200);
        const one = await res.json();
        // The standby's newest instant, not the primary's: a lagging replica claims no more.
        assert.equal(one.last, "2026-01-01T00:45:00.000Z");
        const [{ last }] = await primary<{ last: Date }[]>`
          select max(ts) as last from observations where series_id = ${id}`;
        assert.equal(last.toISOString(), "2026-01-01T01:00:00.000Z");
      });

      await t.step("a write on the primary shows through the API once replicated", async () => {
        await standby`select pg_wal_replay_resume()`;
        await caughtUp(primary, standby);
        // The same URL: its answer, read from the standby before replay, is cached, and
        // lives 2 s at most; without that cap it would be served until the next write.
        const started = Date.now();
        await waitFor(async () => (await values(app)).length === 5, "the new row", 5000);
        assert.ok(Date.now() - started <= REPLICA_CACHE_MAX_AGE_MS + 500);
        assert.deepEqual(await values(app), [10, 11, 12, 13, 99]);
      });

      await t.step("the standby stopped mid-traffic and restarted: no request fails", async () => {
        const reads = traffic(app);
        const { statuses } = reads;
        try {
          await new Promise((r) => setTimeout(r, 300));
          await cluster.stopStandby();
          await waitFor(() => !pool.status()[0].healthy, "the standby to be marked down");
          await reads.more("reads while the standby is down");
          const health = await (await app.request("/health/database")).json();
          assert.deepEqual(health.read_replicas, { configured: 1, healthy: 0 });
          const [{ r: down }] = await pool.run((sql) =>
            sql<{ r: boolean }[]>`select pg_is_in_recovery() as r`
          );
          assert.equal(down, false, "reads fall back to the primary");
          await cluster.startStandby();
          await waitFor(() => pool.status()[0].healthy, "the standby to be probed back", 10_000);
          await reads.more("reads after the standby is back");
        } finally {
          await reads.stop();
        }
        assert.ok(statuses.length > 60, `only ${statuses.length} requests`);
        assert.deepEqual(statuses.filter((s) => s !== 200), [], "every request answered 200");
        const [{ r: back }] = await pool.run((sql) =>
          sql<{ r: boolean }[]>`select pg_is_in_recovery() as r`
        );
        assert.equal(back, true, "reads return to the standby");
        const name = pool.status()[0].name;
        assert.ok(lines.some((l) => l.startsWith(`warn read replica ${name}: its connection`)));
        assert.ok(
          lines.includes(`info read replica ${name} answers again as a standby: reads go to it`),
        );
      });

      await t.step(
        "the standby frozen mid-traffic (a hung host): skipped, then back, no request fails",
        async () => {
          lines.length = 0;
          const reads = traffic(app);
          try {
            await new Promise((r) => setTimeout(r, 300));
            await cluster.freezeStandby();
            // Reads waiting on it are probed after hangCheckMs; the probe gives up after 3 s.
            await waitFor(
              () => !pool.status()[0].healthy,
              "the frozen standby to be marked down",
              20_000,
            );
            await reads.more("reads while the standby is frozen");
            await cluster.thawStandby();
            await waitFor(() => pool.status()[0].healthy, "the thawed standby to answer", 10_000);
            await reads.more("reads after the standby is thawed");
          } finally {
            await cluster.thawStandby();
            await reads.stop();
          }
          assert.deepEqual(
            reads.statuses.filter((s) => s !== 200),
            [],
            "every request answered 200",
          );
          const [{ r: back }] = await pool.run((sql) =>
            sql<{ r: boolean }[]>`select pg_is_in_recovery() as r`
          );
          assert.equal(back, true, "reads return to the standby");
          const name = pool.status()[0].name;
          assert.ok(
            lines.some((l) => l.startsWith(`warn read replica ${name}: it does not answer`)),
            lines.join("\n"),
          );
        },
      );

      await t.step(
        "a primary given as a read URL is a warning naming it, never a failed start",
        async () => {
          const captured = captureLog();
          const wrong = await openReadPool({
            primary,
            urls: [cluster.primaryUrl],
            log: captured.log,
          });
          pools.push(wrong);
          const name = wrong.status()[0].name;
          assert.deepEqual(captured.lines, [
            `warn read replica ${name}: it is not a standby (pg_is_in_recovery() is false), ` +
            "so its data may not be the primary's; its reads go elsewhere until it answers",
          ]);
          assert.equal(wrong.status()[0].healthy, false);
          const [{ r }] = await wrong.run((sql) =>
            sql<{ r: boolean }[]>`select pg_is_in_recovery() as r`
          );
          assert.equal(r, false, "reads go to the primary given as the fallback");
        },
      );

      await t.step(
        "an unreachable read URL at start is a warning; the reachable one serves",
        async () => {
          const captured = captureLog();
          const some = await openReadPool({
            primary,
            urls: [cluster.unreachableUrl, cluster.standbyUrl],
            log: captured.log,
            connectTimeout: 2,
          });
          pools.push(some);
          const [gone, up] = some.status();
          assert.equal(captured.lines.length, 1);
          assert.match(
            captured.lines[0],
            new RegExp(`^warn read replica ${gone.name}: it does not answer: connection refused`),
          );
          assert.deepEqual([gone.healthy, up.healthy], [false, true]);
          for (let i = 0; i < 4; i++) {
            const [{ r }] = await some.run((sql) =>
              sql<{ r: boolean }[]>`select pg_is_in_recovery() as r`
            );
            assert.equal(r, true);
          }
        },
      );
      await t.step(
        "main.ts starts with an unreachable read URL, warns naming it, reads the standby",
        async () => {
          const child = new Deno.Command(Deno.execPath(), {
            args: ["run", "-A", "--unstable-cron", MAIN],
            env: {
              PORT: "0",
              HOST: "127.0.0.1",
              INGEST_ENABLED: "false",
              RATE_LIMIT_ENABLED: "false",
              DATABASE_URL: cluster.primaryUrl,
              DATABASE_READ_URL: `${cluster.unreachableUrl},${cluster.standbyUrl}`,
            },
            stdout: "piped",
            stderr: "piped",
          }).spawn();
          let stderr = "";
          const errors = (async () => {
            for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
              stderr += chunk;
            }
          })();
          const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
          try {
            let stdout = "";
            let url: string | undefined;
            while (!url) {
              const { value, done } = await reader.read();
              if (done) throw new Error(`main.ts exited before listening: ${stdout}${stderr}`);
              stdout += value;
              url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
            }
            const gone = new URL(cluster.unreachableUrl), up = new URL(cluster.standbyUrl);
            assert.match(
              stdout,
              new RegExp(
                `reads: 2 replica\\(s\\), answering now: 127\\.0\\.0\\.1:${up.port}/postgres`,
              ),
            );
            const health = await (await fetch(`${url}/health/database`)).json();
            assert.deepEqual(health.read_replicas, { configured: 2, healthy: 1 });
            const res = await fetch(`${url}${OBSERVATIONS}`);
            assert.equal(res.status, 200);
            assert.deepEqual((await res.json()).series[0].v, [10, 11, 12, 13, 99]);
            assert.match(
              stderr,
              new RegExp(
                `read replica 127\\.0\\.0\\.1:${gone.port}/postgres: it does not answer: connection refused`,
              ),
            );
          } finally {
            child.kill("SIGTERM");
            await child.status;
            await reader.cancel().catch(() => {});
            await errors;
          }
        },
      );
      await deps.bus.close();
    } finally {
      for (const pool of pools) await pool.close();
      await standby.end({ timeout: 1 }).catch(() => {});
      await ready?.db.close().catch(() => {});
      await cluster.close();
    }
  },
});
