import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { handWritten } from "../_fixtures.ts";
import { waitFor } from "../_wait.ts";
import { GRID_BUILTIN, gridChanges, gridLevel, subscribe } from "../../alerts/grid_status.ts";
import { createAlertEvaluator } from "../../alerts/evaluate.ts";
import { createHttpClient } from "../../ingest/http.ts";
import { runFeed } from "../../ingest/job.ts";
import { afterStored } from "../../ingest/service.ts";
import { createMetrics } from "../../metrics.ts";
import { listAlertEvents } from "../../alerts/events_store.ts";
import { makeUser, quickNotifier, receiver, recordingBus } from "./_helpers.ts";

Deno.test("gridLevel() names normal, conservation, EEA 1-3 and keeps unknown states verbatim", () => {
  const cases: [string, number, string, string][] = [
    ["normal", 0, "normal", "Normal"],
    ["Normal", 0, "normal", "Normal"],
    ["conservation", 0, "conservation", "Conservation"],
    ["Conservation Appeal", 0, "conservation", "Conservation"],
    ["emergency", 1, "eea1", "EEA 1"],
    ["normal", 2, "eea2", "EEA 2"],
    ["EEA3", 0, "eea3", "EEA 3"],
    ["weather_watch", 0, "weather_watch", "weather_watch"],
    ["", 0, "unknown", "Unknown"],
  ];
  for (const [state, eeaLevel, level, label] of cases) {
    assert.deepEqual(gridLevel({ state, eeaLevel }), { level, label }, `${state}/${eeaLevel}`);
  }
});

/** A daily-prc.json payload (hand-written shape, tests/fixtures) with this condition at `minute`. */
function payload(state: string, eea: number, prc: number, minute: number): Uint8Array {
  const doc = JSON.parse(new TextDecoder().decode(handWritten("daily_prc_2025-11-02.json")));
  const epoch = Date.parse("2025-11-02T20:00:00Z") + minute * 60_000;
  doc.current_condition = {
    ...doc.current_condition,
    state,
    title: `${state} conditions`,
    eea_level: eea,
    prc_value: prc.toLocaleString("en-US"),
    datetime: epoch / 1000,
  };
  doc.data.push({ timestamp: "", epoch, prc });
  return new TextEncoder().encode(JSON.stringify(doc));
}

Deno.test("daily_prc ingests raise a kept change, subscriber alerts and grid_status events on each level change", async () => {
  await withDatabase(async (db) => {
    const { bus, seen } = await recordingBus(db);
    const hook = receiver([200]);
    const subscriber = await makeUser(db.db.sql, "watcher@example.com");
    const bystander = await makeUser(db.db.sql, "bystander@example.com");
    await subscribe(db.db.sql, subscriber, GRID_BUILTIN, [
      { type: "sse" },
      { type: "webhook", url: hook.url, secret: "grid-secret-0123456789" },
    ], new Date());
    let now = Date.parse("2025-11-02T20:00:00Z");
    const { notifier } = quickNotifier(db, bus);
    const alerts = createAlertEvaluator({ sql: db.db.sql, clock: () => new Date(now), notifier });
    const conditions: [string, number, number][] = [
      ["normal", 0, 9000],
      ["conservation", 0, 3200],
      ["emergency", 1, 2400],
      ["emergency", 2, 1900],
      ["emergency", 3, 1400],
      ["weather_watch", 0, 2600],
      ["weather_watch", 0, 2700],
      ["normal", 0, 6000],
    ];
    let served = payload("normal", 0, 0, 0);
    const http = createHttpClient({
      fetch: () => Promise.resolve(new Response(served as BodyInit)),
      now: () => now,
      retries: 0,
    });
    const deps = {
      sql: db.db.sql,
      variant: db.migration.variant,
      http,
      ercotBaseUrl: "http://ercot.test",
      clock: () => new Date(now),
      bus,
      onStored: afterStored(bus, createMetrics(), alerts.afterIngest),
    };
    for (const [i, [state, eea, prc]] of conditions.entries()) {
      now += 60_000;
      served = payload(state, eea, prc, i + 1);
      const run = await runFeed(deps, "daily_prc");
      assert.equal(run.status, "success", run.error ?? run.documents[0]?.error);
    }
    await alerts.settled();
    const changes = (await gridChanges(db.db.sql)).reverse();
    assert.deepEqual(changes.map((c) => [c.previousLevel, c.level]), [
      [null, "conservation"],
      ["conservation", "eea1"],
      ["eea1", "eea2"],
      ["eea2", "eea3"],
      ["eea3", "weather_watch"],
      ["weather_watch", "normal"],
    ]);
    assert.deepEqual(changes.map((c) => c.prc), [3200, 2400, 1900, 1400, 2600, 6000]);
    const events = (await listAlertEvents(db.db.sql, subscriber)).reverse();
    assert.deepEqual(events.map((e) => [e.state, e.name, e.value]), [
      ["firing", "ERCOT grid condition: Conservation", 0],
      ["firing", "ERCOT grid condition: EEA 1", 1],
      ["firing", "ERCOT grid condition: EEA 2", 2],
      ["firing", "ERCOT grid condition: EEA 3", 3],
      ["firing", "ERCOT grid condition: weather_watch", 0],
      ["resolved", "ERCOT grid condition: Normal", 0],
    ]);
    assert.ok(events.every((e) => e.builtin === GRID_BUILTIN && e.rule_id === null));
    assert.equal((await listAlertEvents(db.db.sql, bystander)).length, 0);
    assert.equal(hook.received.length, 6);
    assert.equal(JSON.parse(hook.received[3].body).details.level, "eea3");
    await waitFor(
      () => seen.filter((e) => e.type === "grid_status").length === conditions.length,
      "a grid_status event per new assessment",
    );
    const gridEvents = seen.filter((e) => e.type === "grid_status");
    assert.deepEqual(gridEvents.map((e) => e.payload.eea_level), [0, 0, 1, 2, 3, 0, 0, 0]);
    const alertEvents = seen.filter((e) => e.type === "alert");
    assert.equal(alertEvents.length, 6);
    assert.ok(alertEvents.every((e) => e.payload.user_id === subscriber));
    await hook.close();
    await bus.close();
  });
});
