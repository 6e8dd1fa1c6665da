/**
 * Every writer publishes: `deno task ingest`, run as its own process against
 * the PostgreSQL database a running server uses, goes through the same event
 * bus as the service, so the server drops the answer it had cached and its
 * live stream carries the `observation` and `ingest` events. PostgreSQL only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fixturesDir } from "../_fixtures.ts";
import { testDatabaseMode, withDatabase } from "../_db.ts";
import { ingestDeps, withMirror } from "../_ingest.ts";
import { runFeed } from "../../ingest/job.ts";
import { waitFor } from "../_wait.ts";
import { runDeno, startServer, stopProc } from "../../dev/process.ts";

const dir = fixturesDir();
const postgresMode = testDatabaseMode() === "postgres";
if (!postgresMode) {
  console.warn("SKIPPED: tests/e2e/cli_publish_test.ts needs DATABASE_URL (PostgreSQL)");
} else if (dir === null) console.warn("SKIPPED: CLI publish test: FIXTURES_DIR not found");

/** Reads an event stream into a string until aborted. */
function readStream(body: ReadableStream<Uint8Array>): { text(): string; done: Promise<void> } {
  let text = "";
  const done = (async () => {
    try {
      for await (const chunk of body.pipeThrough(new TextDecoderStream())) text += chunk;
    } catch {
      // Aborted at the end of the test.
    }
  })();
  return { text: () => text, done };
}

/** The `data:` of every event of `type` in an SSE text. */
function events(text: string, type: string): Record<string, unknown>[] {
  return text.split("\n\n")
    .filter((block) => block.split("\n").includes(`event: ${type}`))
    .map((block) => {
      const data = block.split("\n").filter((l) => l.startsWith("data:"));
      return JSON.parse(data.map((l) => l.slice(5).trim()).join("\n"));
    });
}

Deno.test({
  name:
    "deno task ingest on PostgreSQL reaches a running server: cached answers change, the stream shows its events",
  ignore: !postgresMode || dir === null,
  fn: async () => {
    await withDatabase((db) =>
      withMirror(dir!, async (ercot) => {
        const env = {
          DATABASE_URL: db.url!,
          ERCOT_BASE_URL: ercot,
          JWT_SECRET: "publish-test-secret-0123456789-abcdefghijklmn",
        };
        // load.actual exists (from the system-wide demand dashboard, November 2024) before the
        // server starts, so the February 2021 window below is an empty answer, not a 404.
        const seeded = await runFeed(ingestDeps(db, ercot), "system_demand");
        assert.equal(seeded.status, "success", seeded.error);
        const server = await startServer(env);
        const abort = new AbortController();
        try {
          // Winter Storm Uri: what the NP6-346-CD recording holds. An absolute window is kept
          // in the cache until a write to its series says otherwise.
          const query = `${server.url}/api/v1/observations?series=load.actual` +
            "&start=2021-02-01T06:00:00Z&end=2021-03-01T06:00:00Z&resolution=1d";
          const read = async () => {
            const res = await fetch(query);
            const body = await res.json();
            assert.equal(res.status, 200, JSON.stringify(body));
            return body.series[0].v as number[];
          };
          assert.deepEqual(await read(), []);
          // Asked until two answers in a row are the cached one (the cache keeps entries
          // once it listens to the bus).
          await waitFor(
            async () => {
              await read();
              const res = await fetch(`${server.url}/metrics`);
              return /api_fast_lane_total\S* [1-9]/.test(await res.text());
            },
            "a cached answer",
            60_000,
          );
          assert.deepEqual(await read(), []);

          const stream = await fetch(`${server.url}/api/v1/stream?types=observation,ingest`, {
            signal: abort.signal,
          });
          assert.equal(stream.status, 200);
          const live = readStream(stream.body!);
          await waitFor(() => live.text().length > 0, "the stream to open", 60_000);

          const run = await runDeno(
            ["run", "-A", "--unstable-cron", "cli/ingest.ts", "np6_346"],
            env,
          );
          assert.equal(run.code, 0, run.stdout + run.stderr);
          assert.match(run.stdout, /np6_346\s+success\s+[1-9]\d* rows/);

          await waitFor(
            async () => (await read()).length > 0,
            "the server's answer to change",
            60_000,
          );
          await waitFor(
            () => events(live.text(), "ingest").some((e) => e.feed === "np6_346"),
            "an ingest event on the stream",
            60_000,
          );
          const ingest = events(live.text(), "ingest").find((e) => e.feed === "np6_346")!;
          assert.ok((ingest.series as string[]).includes("load.actual"));
          const observed = events(live.text(), "observation").map((e) => e.series);
          assert.ok(observed.includes("load.actual"), `observations: ${observed.join(", ")}`);
        } finally {
          abort.abort();
          await stopProc(server);
        }
      })
    );
  },
});
