import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { createEventBus, type EventBus } from "../../bus/events.ts";
import { publishWrite } from "../../bus/publish.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { sseReader } from "../_helpers.ts";
import { waitFor } from "../_wait.ts";

function appWith(db: TestDatabase, bus: EventBus, sse = {}) {
  return createApp(testDeps(db, { bus, sse }));
}

const obs = (series: string, value: number) => ({
  type: "observation" as const,
  payload: { series, value },
});

Deno.test("GET /api/v1/stream delivers events in order, each with an id, type and JSON data", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const res = await appWith(db, bus).request("/api/v1/stream");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "no-store, no-transform");
    const sse = sseReader(res.body!);
    const [preamble] = await sse.next(1, (m) => m.retry !== undefined);
    assert.equal(preamble.retry, "3000");
    await publishWrite(bus, {
      feed: "np6_905",
      rows: [{ series: "spp.rt.hb_west", ts: new Date("2025-12-31T23:45:00Z"), value: 42.5 }],
      ingestedAt: new Date("2026-01-01T00:00:00Z"),
    });
    await bus.publish("alert", { rule: 1, message: "West above $100" });
    await bus.publish("grid_status", { state: "normal", eea_level: 0 });
    const events = await sse.next(4);
    assert.deepEqual(events.map((e) => e.event), ["observation", "ingest", "alert", "grid_status"]);
    assert.deepEqual(JSON.parse(events[0].data!), {
      series: "spp.rt.hb_west",
      ts: "2025-12-31T23:45:00.000Z",
      value: 42.5,
      ingested_at: "2026-01-01T00:00:00.000Z",
      lag_seconds: 900,
    });
    assert.deepEqual(JSON.parse(events[1].data!).rows, 1);
    const ids = events.map((e) => Number(e.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    await sse.cancel();
    await bus.close();
  });
});

Deno.test("GET /api/v1/stream filters by series prefix and by event type", async (t) => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const app = appWith(db, bus);
    await t.step("prefix", async () => {
      const sse = sseReader((await app.request("/api/v1/stream?prefix=spp.rt.")).body!);
      await sse.next(1, (m) => m.retry !== undefined);
      await bus.publishMany([
        obs("spp.da.hb_west", 1),
        obs("spp.rt.hb_west", 2),
        obs("load.actual", 3),
      ]);
      await bus.publish("alert", { rule: 9 });
      const events = await sse.next(2);
      assert.deepEqual(events.map((e) => [e.event, JSON.parse(e.data!).value]), [
        ["observation", 2],
        ["alert", undefined],
      ]);
      await sse.cancel();
    });
    await t.step("types", async () => {
      const sse = sseReader((await app.request("/api/v1/stream?types=alert,grid_status")).body!);
      await sse.next(1, (m) => m.retry !== undefined);
      await bus.publishMany([obs("spp.rt.hb_west", 4), {
        type: "grid_status",
        payload: { eea_level: 2 },
      }]);
      const [event] = await sse.next(1);
      assert.equal(event.event, "grid_status");
      await sse.cancel();
    });
  });
});

Deno.test("Last-Event-ID resumes after a restart with no event missed or repeated", async () => {
  await withDatabase(async (db) => {
    const before = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const first = sseReader((await appWith(db, before).request("/api/v1/stream")).body!);
    await first.next(1, (m) => m.retry !== undefined);
    await before.publishMany([1, 2, 3].map((i) => obs("spp.rt.hb_west", i)));
    const seen = await first.next(3);
    await first.cancel();
    await before.close();
    await new Promise((r) => setTimeout(r, 10));

    // A new process: a new bus and app over the same database.
    const after = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    await after.publishMany([4, 5].map((i) => obs("spp.rt.hb_west", i)));
    const app = appWith(db, after);
    const resumed = sseReader(
      (await app.request("/api/v1/stream", {
        headers: { "last-event-id": seen[1].id! },
      })).body!,
    );
    await after.publish("observation", { series: "spp.rt.hb_west", value: 6 });
    const events = await resumed.next(4);
    assert.deepEqual(events.map((e) => JSON.parse(e.data!).value), [3, 4, 5, 6]);
    const ids = events.map((e) => Number(e.id));
    assert.equal(ids[0], Number(seen[2].id));
    assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b));
    await resumed.cancel();

    const viaQuery = sseReader((await app.request(`/api/v1/stream?last_event_id=${ids[2]}`)).body!);
    assert.deepEqual((await viaQuery.next(1)).map((e) => JSON.parse(e.data!).value), [6]);
    await viaQuery.cancel();
    await after.close();
  });
});

Deno.test("a subscriber that stops reading is dropped once its queue is full", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const app = appWith(db, bus, { maxQueueMessages: 5 });
    const stalled = await app.request("/api/v1/stream");
    const reading = sseReader((await app.request("/api/v1/stream")).body!);
    const metric = async (name: string) => {
      const text = await (await app.request("/metrics")).text();
      return Number(new RegExp(`^${name} (\\d+)$`, "m").exec(text)?.[1]);
    };
    assert.equal(await metric("sse_subscribers"), 2);
    for (let i = 0; i < 4; i++) {
      await bus.publishMany([1, 2].map((v) => obs("spp.rt.hb_west", i * 2 + v)));
      assert.equal((await reading.next(2)).length, 2);
    }
    await waitFor(
      async () => await metric("sse_dropped_total") === 1,
      "the stalled client to be dropped",
    );
    assert.equal(await metric("sse_subscribers"), 1);
    await assert.rejects(stalled.body!.getReader().read(), /stopped reading/);
    await reading.cancel();
    await bus.close();
  });
});

Deno.test("an idle stream receives heartbeat comments at the configured interval", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const res = await appWith(db, bus, { heartbeatMs: 20 }).request("/api/v1/stream");
    const sse = sseReader(res.body!);
    const beats = await sse.next(2, (m) => m.comment === "heartbeat", 2000);
    assert.equal(beats.length, 2);
    await sse.cancel();
    await bus.close();
  });
});

Deno.test("GET /api/v1/stream rejects a malformed id or event type naming it", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const app = appWith(db, bus);
    const badId = await app.request("/api/v1/stream", { headers: { "last-event-id": "abc" } });
    assert.equal(badId.status, 400);
    assert.equal((await badId.json()).parameter, "Last-Event-ID");
    const badQueryId = await app.request("/api/v1/stream?last_event_id=-1");
    assert.equal((await badQueryId.json()).parameter, "last_event_id");
    const badType = await app.request("/api/v1/stream?types=observation,gossip");
    assert.equal(badType.status, 400);
    assert.match((await badType.json()).detail, /types "gossip" is not one of/);
    await bus.close();
  });
});

Deno.test("closing the bus ends every open stream, so the server can shut down", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const res = await appWith(db, bus).request("/api/v1/stream");
    const reader = res.body!.getReader();
    await reader.read();
    await bus.close();
    assert.equal((await reader.read()).done, true);
  });
});
