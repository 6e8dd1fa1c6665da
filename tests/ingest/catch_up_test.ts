import assert from "node:assert/strict";
import { catchUpTimes, feedsDue } from "../../ingest/catch_up.ts";
import { FEED_IDS } from "../../ingest/feeds/mod.ts";
import { withDatabase } from "../_db.ts";

const NOW = new Date("2026-03-02T12:00:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

Deno.test("feedsDue() picks feeds never run, behind their cadence, or whose latest run failed or never finished", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const run = (feed: string, minutes: number, status: string) =>
      sql`insert into ingest_runs (feed, started_at, finished_at, status)
          values (${feed}, ${ago(minutes)}, ${
        status === "running" ? null : ago(minutes)
      }, ${status})`;
    await run("np6_905", 10, "success"); // cadence 15 min: current
    await run("np6_788", 10, "success"); // cadence 5 min: behind
    await run("fuel_mix", 3, "success");
    await run("fuel_mix", 1, "running"); // interrupted by a crash
    await run("storage", 3, "empty");
    await run("storage", 1, "failed");
    await run("supply_demand", 3, "success");
    await run("supply_demand", 1, "skipped"); // refused as too soon: says nothing
    await run("np4_190", 20 * 60, "success"); // daily: current
    await run("np4_188", 25 * 60, "success"); // daily: behind
    await run("np3_560", 30, "partial");
    await run("np3_560", 10, "success"); // a later success wins
    const due = await feedsDue(sql, FEED_IDS, NOW);
    const current = ["np6_905", "supply_demand", "np4_190", "np3_560"];
    assert.deepEqual(due, FEED_IDS.filter((f) => !current.includes(f)));
  });
});

Deno.test("catchUpTimes() applies defaults and rejects negative waits", () => {
  assert.deepEqual(catchUpTimes(), { delayMs: 2_000, staggerMs: 3_000 });
  assert.deepEqual(catchUpTimes({ staggerMs: 0 }), { delayMs: 2_000, staggerMs: 0 });
  assert.throws(() => catchUpTimes({ staggerMs: -1 }), /catch-up staggerMs: -1 is not/);
  assert.throws(() => catchUpTimes({ delayMs: NaN }), /catch-up delayMs: NaN is not/);
});
