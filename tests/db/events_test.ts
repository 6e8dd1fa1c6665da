import assert from "node:assert/strict";
import postgres from "postgres";
import { type BusEvent, createEventBus } from "../../bus/events.ts";
import { publishGridStatus, publishWrite } from "../../bus/publish.ts";
import { latestGridStatus, recordGridStatus } from "../../db/grid_status.ts";
import { testDatabaseMode, withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";

Deno.test("a subscriber receives published events in id order with increasing ids", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const seen: BusEvent[] = [];
    await bus.subscribe((e) => seen.push(e));
    await bus.publish("ingest", { feed: "np6_905", status: "success", rows: 1 });
    await bus.publishMany([
      { type: "observation", payload: { series: "spp.rt.hb_west", value: 1 } },
      { type: "observation", payload: { series: "spp.rt.hb_north", value: 2 } },
    ]);
    await bus.publish("alert", { rule: 7 });
    await waitFor(() => seen.length === 4, "four events");
    assert.deepEqual(seen.map((e) => e.type), ["ingest", "observation", "observation", "alert"]);
    assert.deepEqual(seen.map((e) => e.payload.value ?? null), [null, 1, 2, null]);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].id > seen[i - 1].id);
    assert.equal(bus.cursor, seen[3].id);
    await bus.close();
  });
});

Deno.test("a bus opened later starts after the stored events and replays them on request", async () => {
  await withDatabase(async (db) => {
    const first = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const stored = await first.publishMany(
      Array.from({ length: 5 }, (_, i) => ({ type: "alert" as const, payload: { i } })),
    );
    await first.close();
    const second = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const seen: BusEvent[] = [];
    await second.subscribe((e) => seen.push(e));
    assert.equal(second.cursor, stored[4].id);
    const replayed = await second.replay(stored[1].id, { upTo: stored[3].id });
    assert.deepEqual(replayed.map((e) => e.payload.i), [2, 3]);
    await second.publish("alert", { i: 5 });
    await waitFor(() => seen.length === 1, "the new event");
    assert.equal(seen[0].payload.i, 5);
    await second.close();
  });
});

Deno.test("prune() keeps only the newest events", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode, keep: 3 });
    const stored = await bus.publishMany(
      Array.from({ length: 10 }, (_, i) => ({ type: "alert" as const, payload: { i } })),
    );
    await bus.prune();
    assert.equal(await bus.oldestId(), stored[7].id);
    await bus.close();
  });
});

Deno.test("two buses on one PostgreSQL both deliver every event in order", async () => {
  if (testDatabaseMode() === "embedded") {
    console.warn("SKIPPED: two buses need PostgreSQL LISTEN/NOTIFY; set DATABASE_URL to run this");
    return;
  }
  await withDatabase(async (db) => {
    const other = postgres(db.url!, { max: 2, onnotice: () => {} });
    try {
      const a = createEventBus({ sql: db.db.sql, mode: "postgres" });
      const b = createEventBus({ sql: other, mode: "postgres" });
      const seenA: number[] = [], seenB: number[] = [];
      await a.subscribe((e) => seenA.push(e.payload.i as number));
      await b.subscribe((e) => seenB.push(e.payload.i as number));
      await Promise.all([
        a.publishMany([0, 1, 2].map((i) => ({ type: "alert" as const, payload: { i } }))),
        b.publishMany([3, 4, 5].map((i) => ({ type: "alert" as const, payload: { i } }))),
      ]);
      await a.publish("alert", { i: 6 });
      await waitFor(() => seenA.length === 7 && seenB.length === 7, "seven events on each bus");
      assert.deepEqual(seenA, seenB);
      assert.deepEqual([...seenA].sort(), [0, 1, 2, 3, 4, 5, 6]);
      await a.close();
      await b.close();
    } finally {
      await other.end();
    }
  });
});

Deno.test("publishWrite() emits the newest point per series, capped, then one ingest event", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const t = (h: number) => new Date(Date.UTC(2025, 5, 1, h));
    const rows = [
      { series: "spp.rt.hb_west", ts: t(1), value: 10 },
      { series: "spp.rt.hb_west", ts: t(2), value: 20 },
      { series: "spp.rt.hb_north", ts: t(1), value: 30 },
      { series: "spp.rt.hb_south", ts: t(0), value: 40 },
    ];
    const events = await publishWrite(bus, {
      feed: "np6_905",
      rows,
      ingestedAt: t(3),
      maxObservationEvents: 2,
    });
    assert.deepEqual(events.map((e) => e.type), ["observation", "observation", "ingest"]);
    assert.deepEqual(events[0].payload, {
      series: "spp.rt.hb_north",
      ts: "2025-06-01T01:00:00.000Z",
      value: 30,
      ingested_at: "2025-06-01T03:00:00.000Z",
      lag_seconds: 7200,
    });
    assert.equal(events[1].payload.series, "spp.rt.hb_west");
    assert.equal(events[1].payload.value, 20);
    assert.deepEqual(events[2].payload.series, [
      "spp.rt.hb_north",
      "spp.rt.hb_south",
      "spp.rt.hb_west",
    ]);
    assert.equal(events[2].payload.rows, 4);
    assert.equal(events[2].payload.feed, "np6_905");
    await bus.close();
  });
});

Deno.test("recordGridStatus() stores a condition once and publishes only changes", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const seen: BusEvent[] = [];
    await bus.subscribe((e) => seen.push(e));
    const status = {
      state: "normal",
      title: "Normal Conditions",
      note: "",
      eeaLevel: 0,
      prc: 10418,
      at: new Date("2025-11-02T12:00:00Z"),
    };
    const record = async (s: typeof status) => {
      const changed = await recordGridStatus(db.db.sql, s);
      if (changed) await publishGridStatus(bus, s);
      return changed;
    };
    assert.equal(await record(status), true);
    assert.equal(await record(status), false);
    assert.equal(await record({ ...status, eeaLevel: 1 }), true);
    await waitFor(() => seen.length === 2, "two grid_status events");
    assert.deepEqual(seen.map((e) => [e.type, e.payload.eea_level]), [["grid_status", 0], [
      "grid_status",
      1,
    ]]);
    const latest = await latestGridStatus(db.db.sql);
    assert.equal(latest?.eeaLevel, 1);
    assert.equal(latest?.prc, 10418);
    await bus.close();
  });
});
