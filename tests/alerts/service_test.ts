/**
 * Alerting as main.ts hangs it on ingestion: the hooks `startAlerting()`
 * hands to `startIngestion` (the post-ingest evaluation and the minute job).
 */
import assert from "node:assert/strict";
import { loadConfig } from "../../config.ts";
import { startAlerting } from "../../alerts/service.ts";
import { listAlertEvents } from "../../alerts/events_store.ts";
import { withDatabase } from "../_db.ts";
import { makeRule, makeUser, recordingBus, writeSeries } from "./_helpers.ts";

const T0 = new Date("2026-01-01T00:00:00Z");

Deno.test("startAlerting()'s minute job evaluates rules only when this process leads", async () => {
  await withDatabase(async (db) => {
    const { bus } = await recordingBus(db);
    const alerting = startAlerting({
      sql: db.db.sql,
      bus,
      config: loadConfig({}),
      clock: () => new Date(T0.getTime() + 3_600_000),
    });
    const owner = await makeUser(db.db.sql, "owner@example.com");
    await makeRule(db.db.sql, owner, {
      conditions: [{ type: "stale", series: "gen.wind", minutes: 10 }],
    });
    await writeSeries(db, "gen.wind", 300, [[T0, 20_000]]);
    assert.equal(alerting.minutely.name, "alerts");
    await alerting.minutely.run({ acquire: () => Promise.resolve(false) });
    await alerting.minutely.run({ acquire: () => Promise.reject(new Error("Connection lost")) });
    assert.equal((await listAlertEvents(db.db.sql, owner)).length, 0);
    await alerting.minutely.run({ acquire: () => Promise.resolve(true) });
    const events = await listAlertEvents(db.db.sql, owner);
    assert.deepEqual(events.map((e) => e.state), ["firing"]);
    alerting.stop();
    await bus.close();
  });
});
