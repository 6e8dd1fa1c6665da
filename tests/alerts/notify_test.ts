import assert from "node:assert/strict";
import { type TestDatabase, withDatabase } from "../_db.ts";
import { type AlertEventRow, insertAlertEvents, listDeliveries } from "../../db/alert_events.ts";
import { signWebhook, webhookBody } from "../../alerts/notify.ts";
import {
  isPrivateAddress,
  obviouslyPrivate,
  refusalReason,
  systemResolver,
} from "../../alerts/address.ts";
import type { StoredChannel } from "../../alerts/schema.ts";
import {
  expectedSignature,
  makeRule,
  makeUser,
  quickNotifier,
  receiver,
  recordingBus,
} from "./_helpers.ts";
import { waitFor } from "../_wait.ts";

const SECRET = "whsec_test_0123456789abcdef";

async function storedEvent(db: TestDatabase): Promise<AlertEventRow> {
  const userId = await makeUser(db.db.sql, "owner@example.com");
  const rule = await makeRule(db.db.sql, userId, {
    conditions: [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }],
  });
  const [event] = await insertAlertEvents(db.db.sql, [{
    user_id: userId,
    rule_id: rule.id,
    builtin: null,
    name: "Scarcity",
    state: "firing",
    value: 2875.5,
    instant: new Date("2026-01-01T00:05:00Z"),
    details: { match: "all" },
  }], new Date("2026-01-01T00:05:00Z"));
  return event;
}

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
      const event = await storedEvent(db);
      await notifier.dispatch(event, webhook(hook.url));
      await notifier.settled();
      assert.equal(hook.received.length, 2);
      assert.deepEqual(waits, [1000]);
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

Deno.test("a webhook is retried on 429 and 5xx with doubling waits, then given up", async (t) => {
  await withDatabase(async (db) => {
    const { bus } = await recordingBus(db);
    const event = await storedEvent(db);
    await t.step("503 every time: five attempts, then failed", async () => {
      const hook = receiver([503]);
      const { notifier, waits } = quickNotifier(db, bus);
      await notifier.dispatch(event, webhook(hook.url));
      await notifier.settled();
      await hook.close();
      assert.equal(hook.received.length, 5);
      assert.deepEqual(waits, [1000, 2000, 4000, 8000]);
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
      assert.deepEqual(waits, [1000]);
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
      const event = await storedEvent(db);
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

Deno.test("private and loopback webhook targets are refused unless allowed", async (t) => {
  await t.step("addresses", () => {
    for (
      const ip of [
        "127.0.0.1",
        "127.9.9.9",
        "10.0.0.5",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.10",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
      ]
    ) assert.equal(isPrivateAddress(ip), true, ip);
    for (
      const ip of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:1.1.1.1"]
    ) {
      assert.equal(isPrivateAddress(ip), false, ip);
    }
  });
  await t.step("literal IPs and local names in URLs", () => {
    for (
      const url of [
        "http://127.0.0.1:8080/hook",
        "http://[::1]/hook",
        "https://10.1.2.3/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://[::ffff:192.168.0.1]/",
        "http://localhost:9000/",
        "http://api.localhost/",
      ]
    ) assert.notEqual(obviouslyPrivate(url), null, url);
    assert.equal(obviouslyPrivate("https://hooks.example.com/x"), null);
    assert.equal(obviouslyPrivate("https://8.8.8.8/x"), null);
  });
  await t.step("host names resolving to loopback or private addresses", async () => {
    const resolver = (answers: Record<string, string[]>) => (host: string, type: "A" | "AAAA") =>
      Promise.resolve((answers[`${host}/${type}`] ?? []) as string[]);
    assert.match(
      (await refusalReason(
        "https://hooks.example.test/x",
        resolver({ "hooks.example.test/A": ["10.0.0.7"] }),
      ))!,
      /hooks\.example\.test resolves to private or loopback address 10\.0\.0\.7/,
    );
    assert.match(
      (await refusalReason(
        "https://mixed.example.test/x",
        resolver({ "mixed.example.test/A": ["93.184.216.34"], "mixed.example.test/AAAA": ["::1"] }),
      ))!,
      /::1/,
    );
    assert.equal(
      await refusalReason(
        "https://ok.example.test/",
        resolver({ "ok.example.test/A": ["93.184.216.34"] }),
      ),
      null,
    );
    assert.ok((await systemResolver("localhost", "A")).includes("127.0.0.1"));
    assert.match((await refusalReason("http://localhost:1/", systemResolver))!, /localhost/);
  });
  await t.step("a refused delivery is logged and nothing is sent", async () => {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      const hook = receiver([200]);
      const sent: string[] = [];
      const { notifier } = quickNotifier(db, bus, {
        allowPrivate: false,
        fetch: (input) => {
          sent.push(String(input));
          return Promise.resolve(new Response("ok"));
        },
      });
      const event = await storedEvent(db);
      await notifier.dispatch(event, [
        ...webhook(hook.url),
        { type: "webhook", url: "http://localhost:9/x", secret: SECRET },
      ]);
      await notifier.settled();
      assert.deepEqual(sent, []);
      assert.equal(hook.received.length, 0);
      const logs = await listDeliveries(db.db.sql, event.id);
      assert.deepEqual(logs.map((l) => [l.status, l.attempts]), [["refused", 0], ["refused", 0]]);
      assert.match(logs[0].error!, /Refused webhook to http:\/\/127\.0\.0\.1:\d+\/hook/);
      await hook.close();
      await bus.close();
    });
  });
});

Deno.test("an sse channel publishes the event on the bus with its owner", async () => {
  await withDatabase(async (db) => {
    const { bus, seen } = await recordingBus(db);
    const { notifier } = quickNotifier(db, bus);
    const event = await storedEvent(db);
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
