import assert from "node:assert/strict";
import { createEventBus, type EventBus } from "../../bus/events.ts";
import { withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { accountApp, assertProblem, bearer, signUp, type TestApp } from "../_accounts.ts";

interface Message {
  id?: number;
  type: string;
  data: Record<string, unknown>;
}

/** A real WebSocket client: resolves `opened` true once open, false if the handshake failed. */
function connect(url: string, headers: Record<string, string> = {}) {
  const received: Message[] = [];
  // Deno's WebSocket takes headers, as non-browser clients can send them.
  const socket = new WebSocket(url, { headers } as unknown as string[]);
  let closed = false;
  let code: number | undefined;
  const opened = new Promise<boolean>((resolve) => {
    socket.onopen = () => resolve(true);
    socket.onclose = (e) => {
      closed = true;
      code = e.code;
      resolve(false);
    };
  });
  socket.onerror = () => {};
  socket.onmessage = (e) => received.push(JSON.parse(e.data));
  return {
    opened,
    received,
    /** The close code, once closed. */
    code: () => code,
    /** Waits for the server to close the socket. */
    closed: () => waitFor(() => closed, "the server to close the socket", 20_000),
    /** Waits until `n` messages have arrived and returns them. */
    async take(n: number): Promise<Message[]> {
      await waitFor(() => received.length >= n, `${n} WebSocket messages`, 20_000);
      return received.splice(0, n);
    },
    async close() {
      socket.close();
      await waitFor(() => closed, "the socket to close", 20_000);
    },
  };
}

async function withServer(
  env: Record<string, string>,
  fn: (t: TestApp, base: string, bus: EventBus) => Promise<void>,
) {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const t = accountApp(db, env, { bus });
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      t.app.fetch,
    );
    try {
      await fn(t, `ws://127.0.0.1:${server.addr.port}/api/v1/ws`, bus);
    } finally {
      await bus.close();
      await server.shutdown();
    }
  });
}

Deno.test("GET /api/v1/ws carries published events, filtered by prefix and types", async () => {
  await withServer({}, async (_t, base, bus) => {
    const all = connect(base);
    const some = connect(`${base}?prefix=spp.rt.&types=observation`);
    assert.equal(await all.opened, true);
    assert.equal(await some.opened, true);
    const ingest = await bus.publish("ingest", { feed: "np6_905", status: "success", rows: 1 });
    await bus.publish("observation", { series: "load.ercot", ts: "2026-01-01T00:00:00Z" });
    const wanted = await bus.publish("observation", { series: "spp.rt.hb_north", value: 41.5 });
    const [first, , third] = await all.take(3);
    assert.deepEqual(first, { id: ingest.id, type: "ingest", data: ingest.payload });
    assert.equal(third.id, wanted.id);
    assert.deepEqual(await some.take(1), [{
      id: wanted.id,
      type: "observation",
      data: { series: "spp.rt.hb_north", value: 41.5 },
    }]);
    assert.equal(some.received.length, 0);
    await all.close();
    await some.close();
  });
});

Deno.test("GET /api/v1/ws resumes after last_event_id with the events missed meanwhile", async () => {
  await withServer({}, async (_t, base, bus) => {
    const first = connect(base);
    assert.equal(await first.opened, true);
    const seen = await bus.publish("ingest", { feed: "fuel_mix", n: 1 });
    assert.equal((await first.take(1))[0].id, seen.id);
    await first.close();
    const missed = [
      await bus.publish("ingest", { feed: "fuel_mix", n: 2 }),
      await bus.publish("ingest", { feed: "fuel_mix", n: 3 }),
    ];
    const again = connect(`${base}?last_event_id=${seen.id}`);
    assert.equal(await again.opened, true);
    const live = await bus.publish("ingest", { feed: "fuel_mix", n: 4 });
    const ids = (await again.take(3)).map((m) => m.id);
    assert.deepEqual(ids, [...missed.map((e) => e.id), live.id]);
    await again.close();
  });
});

Deno.test("GET /api/v1/ws needs credentials when reads do: headers or a single-use ticket", async (t) => {
  await withServer({ REQUIRE_AUTH_FOR_READS: "true" }, async (app, base, bus) => {
    const user = await signUp(app.app, "ws@example.com");
    await t.step("no credential, or one in ?access_token=, is refused", async () => {
      assert.equal(await connect(base).opened, false);
      assert.equal(await connect(`${base}?access_token=${user.access}`).opened, false);
      await assertProblem(await app.app.request("/api/v1/ws"), 401);
    });
    await t.step("an Authorization header opens it, and the user's alerts arrive", async () => {
      const ws = connect(base, bearer(user.access));
      assert.equal(await ws.opened, true);
      await bus.publish("alert", { user_id: "someone-else", name: "theirs" });
      await bus.publish("alert", { user_id: user.id, name: "mine" });
      assert.equal((await ws.take(1))[0].data.name, "mine");
      await ws.close();
    });
    await t.step("a ticket opens it once", async () => {
      const res = await app.app.request("/api/v1/stream/ticket", {
        method: "POST",
        headers: bearer(user.access),
      });
      const { ticket } = await res.json();
      const ws = connect(`${base}?ticket=${ticket}`);
      assert.equal(await ws.opened, true);
      assert.equal(await connect(`${base}?ticket=${ticket}`).opened, false);
      const reused = await assertProblem(await app.app.request(`/api/v1/ws?ticket=${ticket}`), 401);
      assert.match(String(reused.detail), /unknown or was already used/);
      await ws.close();
    });
  });
});

Deno.test("GET /api/v1/ws without a WebSocket handshake answers 426, a bad filter 400", async () => {
  await withServer({}, async (t) => {
    const plain = await assertProblem(await t.app.request("/api/v1/ws"), 426);
    assert.match(String(plain.detail), /speaks WebSocket only/);
    const bad = await assertProblem(await t.app.request("/api/v1/ws?types=weather"), 400);
    assert.equal(bad.parameter, "types");
  });
});

Deno.test("closing the event bus closes every open WebSocket with 1001, so the server can stop", async () => {
  await withServer({}, async (_t, base, bus) => {
    const ws = connect(base);
    assert.equal(await ws.opened, true);
    await bus.close();
    await ws.closed();
    assert.equal(ws.code(), 1001);
  });
});
