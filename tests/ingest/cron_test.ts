import assert from "node:assert/strict";
import { nextCronTick } from "../../ingest/cron.ts";
import { DEFAULT_CRONS } from "../../ingest/schedule.ts";

const at = (iso: string) => new Date(iso);

Deno.test("nextCronTick() finds the next minute a cron fires, strictly after the instant", async (t) => {
  const cases: [string, string, string][] = [
    ["* * * * *", "2026-03-01T12:00:30Z", "2026-03-01T12:01:00.000Z"],
    ["*/2 * * * *", "2026-03-01T12:00:00Z", "2026-03-01T12:02:00.000Z"],
    ["*/2 * * * *", "2026-03-01T12:59:59Z", "2026-03-01T13:00:00.000Z"],
    ["10 18,19,20 * * *", "2026-03-01T18:10:00Z", "2026-03-01T19:10:00.000Z"],
    ["10 18,19,20 * * *", "2026-03-01T20:10:00Z", "2026-03-02T18:10:00.000Z"],
    ["0 0 1 1 *", "2026-03-01T00:00:00Z", "2027-01-01T00:00:00.000Z"],
    ["30 9-17/4 * * 1-5", "2026-03-06T17:31:00Z", "2026-03-09T09:30:00.000Z"],
    ["0 0 13 * 5", "2026-03-01T00:00:00Z", "2026-03-06T00:00:00.000Z"],
    ["0 12 * * 7", "2026-03-01T12:00:00Z", "2026-03-08T12:00:00.000Z"],
  ];
  for (const [cron, after, next] of cases) {
    await t.step(`${cron} after ${after}`, () => {
      assert.equal(nextCronTick(cron, at(after))?.toISOString(), next);
    });
  }
});

Deno.test("nextCronTick() reads every default schedule and rejects unreadable fields", () => {
  for (const cron of Object.values(DEFAULT_CRONS)) {
    assert.ok(nextCronTick(cron, at("2026-03-01T00:00:00Z")));
  }
  assert.equal(nextCronTick("0 0 31 2 *", at("2026-03-01T00:00:00Z")), null);
  assert.throws(() => nextCronTick("61 * * * *", new Date()), /field "61" outside 0-59/);
  assert.throws(() => nextCronTick("*/x * * * *", new Date()), /unreadable field "\*\/x"/);
  assert.throws(() => nextCronTick("* * *", new Date()), /is not five fields/);
});
