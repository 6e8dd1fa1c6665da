import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { listDeliveries } from "../../alerts/events_store.ts";
import { signWebhook, webhookBody } from "../../alerts/notify.ts";
import type { StoredChannel } from "../../alerts/schemas.ts";
import {
  expectedSignature,
  firingEvent,
  quickNotifier,
  receiver,
  recordingBus,
} from "./_helpers.ts";
import { waitFor } from "../_wait.ts";

const SECRET = "whsec_test_0123456789abcdef";

const webhook = (url: string): StoredChannel[] => [{ type: "webhook", url, secret: SECRET }];

Deno.test("signWebhook() matches HMAC-SHA256 computed by node:crypto and by openssl", async () => {
  const body = '{"id":"e1","state":"firing","value":1234.5}';
  const t = 1767225600;
  const ours = await signWebhook(SECRET, t, body);
  assert.equal(ours, expectedSignature(SECRET, String(t), body));
  const openssl = new Deno.Command("openssl", {
    args: ["dgst", "-sha256", "-hmac", SECRET, "-hex"],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = openssl.stdin.getWriter();
  await writer.write(new TextEncoder().encode(`${t}.${body}`));
  await writer.close();
  const out = new TextDecoder().decode((await openssl.output()).stdout);
  assert.equal(out.trim().split(/\s+/).pop(), ours);
});

Deno.test("a webhook answering 500 is retried with backoff and then delivered, signed", async () => {
  await withDatabase(async (db) => {
    const hook = receiver([500, 200]);
    const { bus } = await recordingBus(db);
    const { notifier, waits } = quickNotifier(db, bus, {
      clock: () => new Date("2026-01-01T00:05:07Z"),
    });
    try {
      const event = await firingEvent(db);
      await notifier.dispatch(event, webhook(hook.url));
      await notifier.settled();
      assert.equal(hook.received.length, 2);
      assert.deepEqual(waits, [500]);
      const { headers, body } = hook.received[1];
      assert.equal(body, webhookBody(event));
      assert.equal(headers.get("content-type"), "application/json");
      assert.equal(headers.get("x-ercot-event"), "alert.firing");
      assert.equal(headers.get("x-ercot-timestamp"), "1767225907");
      const signature = headers.get("x-ercot-signature")!;
      assert.equal(
        signature,
        `t=1767225907,v1=${expectedSignature(SECRET, "1767225907", body)}`,
      );
      assert.deepEqual(JSON.parse(body), {
        id: event.id,
        type: "alert.firing",
        rule_id: event.rule_id,
        builtin: null,
        name: "Scarcity",
        state: "firing",
        value: 2875.5,
        instant: "2026-01-01T00:05:00.000Z",
        details: { match: "all" },
      });
      const [log] = await listDeliveries(db.db.sql, event.id);
      assert.equal(log.status, "delivered");
      assert.equal(log.attempts, 2);
      assert.equal(log.response_code, 200);
      assert.equal(log.error, null);
      assert.equal(headers.get("x-ercot-delivery"), log.id);
      assert.ok(log.duration_ms >= 0);
      assert.ok(log.delivered_at);
    } finally {
      await hook.close();
      await bus.close();
    }
  });
});

Deno.test("a webhook is retried on 429 and 5xx with jittered doubling waits, then given up", async (t) => {
  await withDatabase(async (db) => {
    const { bus } = await recordingBus(db);
    const event = await firingEvent(db);
    await t.step("503 every time: five attempts, then failed", async () => {
      const hook = receiver([503]);
      const { notifier, waits } = quickNotifier(db, bus);
      await notifier.dispatch(event, webhook(hook.url));
      await notifier.settled();
      await hook.close();
      assert.equal(hook.received.length, 5);
      assert.deepEqual(waits, [500, 1000, 2000, 4000]);
      const log = (await listDeliveries(db.db.sql, event.id)).at(-1)!;
      assert.equal(log.status, "failed");
      assert.equal(log.attempts, 5);
      assert.equal(log.response_code, 503);
      assert.match(log.error!, /answered HTTP 503/);
    });
    await t.step("429 with Retry-After waits at least that long", async () => {
      const hook = receiver([429, 204], { "retry-after": "7" });
      const { notifier, waits } = quickNotifier(db, bus);
      await notifier.dispatch(event, webhook(hook.url));
      await notifier.settled();
      await hook.close();
      assert.deepEqual(waits, [7000]);
      assert.equal((await listDeliveries(db.db.sql, event.id)).at(-1)!.status, "delivered");
    });
    await t.step(
      "503 with Retry-After as an HTTP-date waits until then, at most 60 s",
      async () => {
        const hook = receiver([503, 204], {
          "retry-after": new Date(Date.now() + 3_600_000).toUTCString(),
        });
        const { notifier, waits } = quickNotifier(db, bus);
        await notifier.dispatch(event, webhook(hook.url));
        await notifier.settled();
        await hook.close();
        assert.deepEqual(waits, [60_000]);
        assert.equal((await listDeliveries(db.db.sql, event.id)).at(-1)!.status, "delivered");
      },
    );
    await t.step("400 and redirects are not retried", async () => {
      for (const status of [400, 302]) {
        const hook = receiver(
          [status, 200],
          status === 302 ? { location: "http://10.0.0.1/" } : {},
        );
        const { notifier, waits } = quickNotifier(db, bus);
        await notifier.dispatch(event, webhook(hook.url));
        await notifier.settled();
        await hook.close();
        assert.equal(hook.received.length, 1);
        assert.deepEqual(waits, []);
        const log = (await listDeliveries(db.db.sql, event.id)).at(-1)!;
        assert.equal(log.status, "failed");
        assert.equal(log.response_code, status);
      }
    });
    await t.step("an unreachable receiver is a network error, retried", async () => {
      const hook = receiver([200]);
      await hook.close();
      const { notifier, waits } = quickNotifier(db, bus, { maxAttempts: 2 });
      await notifier.dispatch(event, webhook(hook.url));
      await notifier.settled();
      assert.deepEqual(waits, [500]);
      const log = (await listDeliveries(db.db.sql, event.id)).at(-1)!;
      assert.equal(log.status, "failed");
      assert.equal(log.response_code, null);
      assert.match(log.error!, /Cannot reach webhook 127\.0\.0\.1/);
    });
    await bus.close();
  });
});

Deno.test("a webhook that does not answer in time is abandoned after the timeout", async () => {
  await withDatabase(async (db) => {
    const { bus } = await recordingBus(db);
    const release = Promise.withResolvers<void>();
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async () => {
      await release.promise;
      return new Response("late");
    });
    const { notifier } = quickNotifier(db, bus, { timeoutMs: 100, maxAttempts: 1 });
    try {
      const event = await firingEvent(db);
      await notifier.dispatch(event, webhook(`http://127.0.0.1:${server.addr.port}/slow`));
      await notifier.settled();
      const [log] = await listDeliveries(db.db.sql, event.id);
      assert.equal(log.status, "failed");
      assert.match(log.error!, /did not answer within 0\.1 s/);
    } finally {
      release.resolve();
      await server.shutdown();
      await bus.close();
    }
  });
});

Deno.test("an sse channel publishes the event on the bus with its owner", async () => {
  await withDatabase(async (db) => {
    const { bus, seen } = await recordingBus(db);
    const { notifier } = quickNotifier(db, bus);
    const event = await firingEvent(db);
    await notifier.dispatch(event, [{ type: "sse" }], ["reserves.prc"]);
    await waitFor(() => seen.length === 1, "the alert event");
    assert.equal(seen[0].type, "alert");
    assert.deepEqual(seen[0].payload, {
      event_id: event.id,
      rule_id: event.rule_id,
      builtin: null,
      user_id: event.user_id,
      name: "Scarcity",
      state: "firing",
      value: 2875.5,
      instant: "2026-01-01T00:05:00.000Z",
      series: ["reserves.prc"],
    });
    assert.equal((await listDeliveries(db.db.sql, event.id)).length, 0);
    await bus.close();
  });
});
