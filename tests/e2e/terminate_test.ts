/**
 * A lost database connection, again and again: a real `deno run main.ts` on
 * PostgreSQL ingests from the recordings mirror on a one-minute schedule
 * while a client reads, and every backend of the service is terminated
 * (`pg_terminate_backend`, as a failover, a pooler or an idle timeout does)
 * ten times during ingestion. The process must stay up, `/health` answer 200
 * again each time, the runs that follow succeed, and nothing stored differ
 * from a clean reference load. Needs PostgreSQL: terminating backends is what
 * it tests, and the embedded database has none to terminate.
 *
 * @module
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { ingestDeps, layOutRecordings, withMirror } from "../_ingest.ts";
import { runFeed } from "../../ingest/job.ts";
import { FEED_IDS, FEEDS } from "../../ingest/feeds/mod.ts";
import { openTestDatabase, type TestDatabase, testDatabaseMode } from "../_db.ts";
import { fixturesDir } from "../_fixtures.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const enabled = testDatabaseMode() === "postgres" && fixturesDir() !== null;
if (!enabled) {
  console.warn(
    "SKIPPED: terminated-connection test needs PostgreSQL (DATABASE_URL) and FIXTURES_DIR",
  );
}

const TERMINATIONS = 10;
/**
 * Feeds that fetch again within the test a document whose store a termination
 * failed: those polled at least every five minutes (a dashboard's validators
 * are kept only once its payload is stored, so it is fetched whole again).
 * Every other feed is checked for wrong or partial rows.
 */
const RETRIED = FEED_IDS.filter((f) => FEEDS[f].cadenceMinutes <= 5);

type Obs = { key: string; ts: string; value: number };

async function observations(sql: postgres.Sql): Promise<Map<string, number>> {
  const rows = await sql<Obs[]>`
    select s.key, o.ts::text as ts, o.value::float8 as value
    from observations o join series s on s.id = o.series_id`;
  return new Map(rows.map((r) => [`${r.key} ${r.ts}`, r.value]));
}

async function documents(sql: postgres.Sql): Promise<Map<string, number>> {
  const rows = await sql<{ feed: string; doc_id: string; rows: number }[]>`
    select feed, doc_id, rows from ingest_documents where status = 'success'`;
  return new Map(rows.map((r) => [`${r.feed} ${r.doc_id}`, r.rows]));
}

async function referenceLoad(db: TestDatabase, base: string) {
  for (const feed of FEED_IDS) await runFeed(ingestDeps(db, base), feed);
  return { obs: await observations(db.db.sql), docs: await documents(db.db.sql) };
}

/** Everything the service printed, and whether it is still running. */
function spawnService(env: Record<string, string>) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-cron", MAIN],
    env: {
      NO_COLOR: "1",
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "",
      ...env,
    },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  let exited: Deno.CommandStatus | undefined;
  child.status.then((s) => exited = s);
  const read = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s.pipeThrough(new TextDecoderStream())) text += chunk;
  };
  const drained = Promise.all([read(child.stdout), read(child.stderr)]);
  return { child, drained, output: () => text, exited: () => exited };
}

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function status(url: string): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  await res.body?.cancel();
  return res.status;
}

Deno.test({
  name: "the service survives every backend terminated ten times during ingestion and serving",
  ignore: !enabled,
  fn: async () => {
    const tmp = await Deno.makeTempDir({ prefix: "terminate-" });
    await layOutRecordings(`${tmp}/recordings`);
    const ref = await openTestDatabase();
    const db = await openTestDatabase();
    const name = new URL(db.url!).pathname.slice(1);
    const admin = postgres(db.url!, {
      max: 1,
      onnotice: () => {},
      connection: { application_name: "terminate-test" },
    });
    await db.db.sql.end();
    try {
      await withMirror(`${tmp}/recordings`, async (base) => {
        const expected = await referenceLoad(ref, base);
        const svc = spawnService({
          DATABASE_URL: db.url!,
          PORT: "0",
          HOST: "127.0.0.1",
          ERCOT_BASE_URL: base,
          ERCOT_API_BASE_URL: `${base}/api/public-reports`,
          JWT_SECRET: "terminate-test-secret-0123456789-abcdefgh",
          RATE_LIMIT_ENABLED: "false",
          INGEST_SCHEDULE: FEED_IDS.map((f) => `${f}=* * * * *`).join(";"),
          // A run left waiting on a call the driver never settles is abandoned within a minute.
          INGEST_RUN_TIMEOUT_SECONDS: "60",
        });
        try {
          const url = await until(
            "the service to listen",
            90_000,
            () => Promise.resolve(/listening on (http:\/\/[\d.]+:\d+)/.exec(svc.output())?.[1]),
          );
          // The first tick (at the next minute) has runs going: terminate during ingestion.
          await until("the first ingest runs", 120_000, async () => {
            const [{ n }] = await admin<{ n: number }[]>`
              select count(*)::int as n from ingest_runs`;
            return n > 0 ? true : undefined;
          });
          const recovered: number[] = [];
          let lastKill = new Date();
          for (let i = 0; i < TERMINATIONS; i++) {
            const readers = Array.from(
              { length: 4 },
              () => fetch(`${url}/api/v1/series`).then((r) => r.body?.cancel()).catch(() => {}),
            );
            const killed = await admin`
              select pg_terminate_backend(pid) from pg_stat_activity
              where datname = ${name} and application_name = 'ercot-analytics'`;
            lastKill = new Date();
            assert.ok(killed.length > 0, `termination ${i + 1} found backends`);
            const t0 = performance.now();
            await until(
              "/health to answer 200",
              30_000,
              async () => (await status(`${url}/health`)) === 200 ? true : undefined,
            );
            recovered.push(Math.round(performance.now() - t0));
            await Promise.all(readers);
            assert.equal(svc.exited(), undefined, `the service died:\n${svc.output()}`);
            await new Promise((r) => setTimeout(r, 300 + 200 * i));
          }
          console.log(`/health 200 again after (ms): ${recovered.join(", ")}`);
          // Runs started after the last termination, on a later tick, all succeed.
          await until("a full tick after the terminations", 240_000, async () => {
            const rows = await admin<{ feed: string; status: string }[]>`
              select distinct on (feed) feed, status from ingest_runs
              where started_at > ${lastKill} and status <> 'running'
              order by feed, started_at`;
            return rows.length === FEED_IDS.length ? rows : undefined;
          }).catch(async (err) => {
            const runs = await admin<{ feed: string; status: string; error: string | null }[]>`
              select feed, status, error, started_at from ingest_runs
              where started_at > ${lastKill} order by started_at`;
            const seen = new Set(runs.map((r) => r.feed));
            const missing = FEED_IDS.filter((f) => !seen.has(f));
            const theirs = await admin`
              select feed, status, error, started_at, heartbeat_at from ingest_runs
              where feed in ${admin(missing)} order by started_at`;
            const activity = await admin`
              select pid, application_name, state, wait_event_type, wait_event,
                now() - query_start as running_for, left(query, 200) as query
              from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
            throw new Error(
              `${err.message}; no finished run for ${
                FEED_IDS.filter((f) => !seen.has(f)).join(", ")
              }; their runs:\n${
                theirs.map((r) =>
                  `${r.feed} ${r.status} ${r.started_at.toISOString()} ${r.heartbeat_at?.toISOString()} ${
                    r.error ?? ""
                  }`
                ).join("\n")
              }\nsessions:\n${activity.map((a) => JSON.stringify(a)).join("\n")}\nruns since:\n${
                runs.map((r) => `${r.feed} ${r.status} ${r.error ?? ""}`).join("\n")
              }\nservice output (tail):\n${svc.output().slice(-6000)}`,
            );
          }).then((rows) => {
            for (const r of rows) {
              assert.ok(
                ["success", "empty", "skipped"].includes(r.status),
                `${r.feed}: ${r.status}`,
              );
            }
          });
          // Fast feeds retry within the test: their data equals the reference exactly.
          const wanted = [...expected.docs.keys()].filter((k) =>
            RETRIED.includes(k.split(" ")[0] as (typeof RETRIED)[number])
          );
          const ours = await until(
            "the fast feeds to hold the reference load",
            150_000,
            async () => {
              const docs = await documents(admin);
              return wanted.every((k) => docs.has(k)) ? docs : undefined;
            },
          ).catch(async (err) => {
            const docs = await documents(admin);
            const runs = await admin`
              select feed, status, error, started_at from ingest_runs order by started_at`;
            throw new Error(
              `${err.message}; missing ${wanted.filter((k) => !docs.has(k)).join(", ")}; runs:\n${
                runs.map((r) =>
                  `${r.started_at.toISOString()} ${r.feed} ${r.status} ${r.error ?? ""}`
                )
                  .join("\n")
              }`,
            );
          });
          const obs = await observations(admin);
          for (const [key, value] of obs) {
            assert.equal(value, expected.obs.get(key), `observation ${key} matches the reference`);
          }
          for (const [doc, rows] of ours) {
            assert.equal(rows, expected.docs.get(doc), `document ${doc} stored in full`);
          }
          const [{ n }] = await admin<{ n: number }[]>`
            select count(*)::int as n from ingest_runs where status = 'running'
              and started_at < ${lastKill} and heartbeat_at < now() - interval '1 minute'`;
          assert.equal(n, 0, "no run of before the terminations is left running");
          assert.equal(svc.exited(), undefined, "the service is still up");
        } finally {
          svc.child.kill("SIGTERM");
          await svc.child.status;
          await svc.drained;
        }
      });
    } finally {
      await admin.end();
      await ref.close();
      await db.close().catch(() => {});
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
