/**
 * The ingestion service started for real (`startIngestion`, real `Deno.cron`
 * registrations, the real HTTP client) against the mirror of the recordings
 * over loopback HTTP. Every cron is moved to 1 January, so what runs in the
 * test is the catch-up at start, not a cron tick.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../../config.ts";
import { createEventBus } from "../../bus/events.ts";
import { FEED_IDS } from "../../ingest/feeds/mod.ts";
import type { CatchUpOptions } from "../../ingest/catch_up.ts";
import { startIngestion } from "../../ingest/service.ts";
import { startAlerting } from "../../alerts/service.ts";
import { createMetrics } from "../../metrics.ts";
import { createApp } from "../_app.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { fixturesDir } from "../_fixtures.ts";
import { layOutRecordings, withMirror } from "../_ingest.ts";
import { waitFor } from "../_wait.ts";

const YEARLY = "0 0 1 1 *";

interface Feed {
  feed: string;
  next_attempt_at: string | null;
  next_attempt_reason: string | null;
  consecutive_failures: number;
}

async function withIngestion(
  db: TestDatabase,
  base: string,
  catchUp: CatchUpOptions,
  fn: (ingestion: ReturnType<typeof startIngestion>, lines: string[]) => Promise<void>,
): Promise<void> {
  const config = loadConfig({
    ERCOT_BASE_URL: base,
    INGEST_SCHEDULE: FEED_IDS.map((f) => `${f}=${YEARLY}`).join(";"),
  });
  const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
  const lines: string[] = [];
  const ingestion = startIngestion({
    config,
    db: db.db,
    variant: db.migration.variant,
    bus,
    metrics: createMetrics(),
    log: (line) => lines.push(line),
    catchUp,
    hooks: startAlerting({ sql: db.db.sql, bus, config }),
  });
  try {
    await fn(ingestion, lines);
  } finally {
    ingestion.stop();
    await ingestion.leader.release();
    await bus.close();
  }
}

async function scrapers(db: TestDatabase, ingestion: ReturnType<typeof startIngestion>) {
  const res = await createApp(testDeps(db, { ingest: ingestion })).request("/health/scrapers");
  assert.equal(res.status, 200);
  return (await res.json()).feeds as Feed[];
}

Deno.test({
  name: "a fresh start runs every feed once, staggered, without waiting for its cron",
  ignore: !fixturesDir(),
  fn: async () => {
    const root = await Deno.makeTempDir({ prefix: "ercot-catch-up-" });
    try {
      await layOutRecordings(root);
      await withMirror(root, (base) =>
        withDatabase(async (db) => {
          await withIngestion(db, base, { delayMs: 600_000 }, async (ingestion) => {
            assert.deepEqual(await ingestion.caughtUp, [...FEED_IDS], "nothing ran yet");
            for (const f of await scrapers(db, ingestion)) {
              assert.equal(f.next_attempt_reason, "catch-up", f.feed);
              assert.ok(new Date(f.next_attempt_at!).getTime() > Date.now() + 60_000, f.feed);
            }
          });
          const before = Date.now();
          const staggerMs = 200;
          await withIngestion(db, base, { delayMs: 0, staggerMs }, async (ingestion, lines) => {
            assert.deepEqual(await ingestion.caughtUp, [...FEED_IDS]);
            assert.ok(
              lines.includes(`ingest: catching up 13 feeds behind: ${FEED_IDS.join(", ")}`),
            );
            const finished = () =>
              db.db.sql<{ feed: string; status: string; rows: number; started_at: Date }[]>`
                select feed, status, rows, started_at from ingest_runs where status <> 'running'`;
            await waitFor(
              async () => (await finished()).length === FEED_IDS.length,
              "a finished run of every feed",
              180_000,
            );
            const runs = await finished();
            for (const r of runs) {
              assert.equal(r.status, "success", `${r.feed}: ${lines.join("\n")}`);
              assert.ok(r.rows > 0, r.feed);
              // Runs start staggered, in catalog order.
              const i = FEED_IDS.indexOf(r.feed as typeof FEED_IDS[number]);
              assert.ok(r.started_at.getTime() >= before + i * staggerMs, r.feed);
            }
            for (const f of await scrapers(db, ingestion)) {
              assert.deepEqual(
                [f.next_attempt_reason, f.consecutive_failures],
                ["cron", 0],
                f.feed,
              );
              assert.match(f.next_attempt_at!, /^\d{4}-01-01T00:00:00\.000Z$/, f.feed);
            }
          });
        }));
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
