/**
 * Webhook delivery against DNS answers that change: a local DNS server
 * (`_dns_stub.ts`) answers the host name, and the connection seam stands in
 * for the network between this host and the "public" address it returns.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dnsResolver } from "../../alerts/address.ts";
import type { Connect } from "../../alerts/pinned_post.ts";
import type { StoredChannel } from "../../alerts/schemas.ts";
import {
  type AlertEventRow,
  insertAlertEvents,
  listDeliveries,
} from "../../alerts/events_store.ts";
import type { EventBus } from "../../bus/events.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";
import { accountApp, bearer, jsonBody, signUp } from "../_accounts.ts";
import { type DnsStub, startDnsStub } from "./_dns_stub.ts";
import { certificatesFor } from "./_tls.ts";
import { makeRule, makeUser, quickNotifier, receiver, recordingBus } from "./_helpers.ts";

const HOST = "hooks.rebind.test";
const PUBLIC = "93.184.216.34";
const CONDITIONS = [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }];

async function eventFor(db: TestDatabase, userId: string, ruleId: string): Promise<AlertEventRow> {
  const [event] = await insertAlertEvents(db.db.sql, [{
    user_id: userId,
    rule_id: ruleId,
    builtin: null,
    name: "Scarcity",
    state: "firing",
    value: 2875.5,
    instant: new Date("2026-01-01T00:05:00Z"),
    details: {},
  }], new Date("2026-01-01T00:05:00Z"));
  return event;
}

/** A connection seam that records the addresses dialled and reaches `port` on this host. */
function network(port: number): { connect: Connect; dialled: string[] } {
  const dialled: string[] = [];
  return {
    dialled,
    connect: (o) => {
      dialled.push(o.hostname);
      return Deno.connect({ hostname: "127.0.0.1", port });
    },
  };
}

async function withStub(
  fn: (db: TestDatabase, bus: EventBus, stub: DnsStub) => Promise<void>,
): Promise<void> {
  const stub = await startDnsStub();
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      try {
        await fn(db, bus, stub);
      } finally {
        await bus.close();
      }
    });
  } finally {
    await stub.close();
  }
}

Deno.test("a name saved while public and rebound to loopback before delivery is refused, logged and never dialled", async () => {
  await withStub(async (db, bus, stub) => {
    const hook = receiver([200]);
    const port = new URL(hook.url).port;
    const t = accountApp(db);
    const user = await signUp(t.app, "a@example.com");
    stub.answers.set(`${HOST}/A`, [PUBLIC]);
    const saved = await t.app.request(
      "/api/alerts/rules",
      jsonBody("POST", {
        name: "Scarcity",
        conditions: [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }],
        channels: [{ type: "webhook", url: `http://${HOST}:${port}/hook` }],
      }, bearer(user.access)),
    );
    assert.equal(saved.status, 201, await saved.clone().text());
    const rule = await saved.json();
    const [{ channels }] = await db.db.sql<{ channels: StoredChannel[] }[]>`
      select channels from alert_rules where id = ${rule.id}`;
    const net = network(Number(port));
    const warnings: string[] = [];
    const { notifier } = quickNotifier(db, bus, {
      allowPrivate: false,
      resolveDns: dnsResolver({ ipAddr: "127.0.0.1", port: stub.port }),
      connect: net.connect,
      warn: (m) => warnings.push(m),
    });
    const first = await eventFor(db, user.id, rule.id);
    await notifier.dispatch(first, channels);
    await notifier.settled();
    assert.deepEqual(net.dialled, [PUBLIC]);
    assert.equal(hook.received.length, 1);
    assert.equal(hook.received[0].headers.get("host"), `${HOST}:${port}`);
    assert.equal((await listDeliveries(db.db.sql, first.id))[0].status, "delivered");

    stub.answers.set(`${HOST}/A`, ["127.0.0.1"]);
    const second = await eventFor(db, user.id, rule.id);
    await notifier.dispatch(second, channels);
    await notifier.settled();
    assert.deepEqual(net.dialled, [PUBLIC], "the rebound address was dialled");
    assert.equal(hook.received.length, 1);
    const [log] = await listDeliveries(db.db.sql, second.id);
    assert.deepEqual([log.status, log.attempts], ["refused", 0]);
    assert.match(log.error!, /resolves to 127\.0\.0\.1: 127\.0\.0\.1 is a loopback address/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], new RegExp(`delivery ${log.id}: Refused webhook .* loopback`));
    await hook.close();
  });
});

Deno.test("each attempt resolves the name once and dials the address it vetted, never a later answer", async () => {
  await withStub(async (db, bus, stub) => {
    const hook = receiver([500, 200]);
    const port = Number(new URL(hook.url).port);
    const userId = await makeUser(db.db.sql, "a@example.com");
    const rule = await makeRule(db.db.sql, userId, { conditions: CONDITIONS });
    // The first answer is public; every later one, as a rebinding server would, loopback.
    stub.answers.set(`${HOST}/A`, [PUBLIC]);
    stub.onAnswered = (q) => q === `${HOST}/A` && stub.answers.set(`${HOST}/A`, ["127.0.0.1"]);
    const net = network(port);
    const { notifier } = quickNotifier(db, bus, {
      allowPrivate: false,
      resolveDns: dnsResolver({ ipAddr: "127.0.0.1", port: stub.port }),
      connect: net.connect,
      warn: () => {},
    });
    const event = await eventFor(db, userId, rule.id);
    await notifier.dispatch(event, [{
      type: "webhook",
      url: `http://${HOST}:${port}/h`,
      secret: "s",
    }]);
    await notifier.settled();
    assert.deepEqual(net.dialled, [PUBLIC]);
    assert.deepEqual(stub.asked, [`${HOST}/A`, `${HOST}/AAAA`, `${HOST}/A`, `${HOST}/AAAA`]);
    const [log] = await listDeliveries(db.db.sql, event.id);
    assert.deepEqual([log.status, log.attempts, hook.received.length], ["refused", 1, 1]);
    await hook.close();
  });
});

Deno.test("https: the connection to the vetted address verifies the certificate for the URL's host", async (t) => {
  const right = await certificatesFor(HOST);
  const wrong = await certificatesFor("other.example.test");
  await withStub(async (db, bus, stub) => {
    stub.answers.set(`${HOST}/A`, [PUBLIC]);
    const userId = await makeUser(db.db.sql, "a@example.com");
    const rule = await makeRule(db.db.sql, userId, { conditions: CONDITIONS });
    for (
      const [name, served, trusted, outcome] of [
        ["a certificate for the host, from a trusted CA", right, [right.ca], "delivered"],
        ["a certificate for another host", wrong, [wrong.ca], "failed"],
        ["a certificate from an unknown CA", right, undefined, "failed"],
      ] as const
    ) {
      await t.step(name, async () => {
        const seen: string[] = [];
        const server = Deno.serve(
          { hostname: "127.0.0.1", port: 0, cert: served.cert, key: served.key, onListen() {} },
          (req) => {
            seen.push(req.headers.get("host")!);
            return new Response(null, { status: 204 });
          },
        );
        const net = network(server.addr.port);
        const { notifier } = quickNotifier(db, bus, {
          allowPrivate: false,
          resolveDns: dnsResolver({ ipAddr: "127.0.0.1", port: stub.port }),
          connect: net.connect,
          caCerts: trusted ? [...trusted] : undefined,
          maxAttempts: 1,
        });
        const event = await eventFor(db, userId, rule.id);
        const url = `https://${HOST}:${server.addr.port}/hook`;
        await notifier.dispatch(event, [{ type: "webhook", url, secret: "s".repeat(16) }]);
        await notifier.settled();
        await server.shutdown();
        const [log] = await listDeliveries(db.db.sql, event.id);
        assert.equal(log.status, outcome, log.error ?? "");
        assert.deepEqual(net.dialled, [PUBLIC]);
        if (outcome === "delivered") assert.deepEqual(seen, [`${HOST}:${server.addr.port}`]);
        else assert.match(log.error!, /certificate|issuer/i);
      });
    }
  });
});

Deno.test("ALERT_WEBHOOK_ALLOW_PRIVATE=true delivers to a name resolving to a private address", async () => {
  await withStub(async (db, bus, stub) => {
    const hook = receiver([200]);
    stub.answers.set("hooks.lan.test/A", ["127.0.0.1"]);
    const userId = await makeUser(db.db.sql, "a@example.com");
    const rule = await makeRule(db.db.sql, userId, { conditions: CONDITIONS });
    const { notifier } = quickNotifier(db, bus, {
      allowPrivate: true,
      resolveDns: dnsResolver({ ipAddr: "127.0.0.1", port: stub.port }),
    });
    const event = await eventFor(db, userId, rule.id);
    const url = `http://hooks.lan.test:${new URL(hook.url).port}/hook`;
    await notifier.dispatch(event, [{ type: "webhook", url, secret: "s".repeat(16) }]);
    await notifier.settled();
    assert.equal((await listDeliveries(db.db.sql, event.id))[0].status, "delivered");
    assert.equal(hook.received[0].headers.get("host"), new URL(url).host);
    await hook.close();
  });
});

Deno.test("literal and local targets are refused at delivery too, with the reason logged", async () => {
  await withStub(async (db, bus) => {
    const hook = receiver([200]);
    const port = new URL(hook.url).port;
    const userId = await makeUser(db.db.sql, "a@example.com");
    const rule = await makeRule(db.db.sql, userId, { conditions: CONDITIONS });
    const warnings: string[] = [];
    const { notifier } = quickNotifier(db, bus, {
      allowPrivate: false,
      warn: (m) => warnings.push(m),
    });
    const urls = [
      hook.url,
      `http://localhost.:${port}/hook`,
      `http://[::ffff:7f00:1]:${port}/hook`,
      `http://[64:ff9b::7f00:1]:${port}/hook`,
    ];
    const event = await eventFor(db, userId, rule.id);
    await notifier.dispatch(event, urls.map((url) => ({ type: "webhook", url, secret: "s" })));
    await notifier.settled();
    assert.equal(hook.received.length, 0);
    const logs = await listDeliveries(db.db.sql, event.id);
    assert.deepEqual(logs.map((l) => l.status), ["refused", "refused", "refused", "refused"]);
    assert.match(logs[0].error!, /127\.0\.0\.1 is a loopback address/);
    assert.match(logs[1].error!, /localhost is a local host name/);
    assert.match(logs[2].error!, /IPv4-mapped form of 127\.0\.0\.1/);
    assert.match(logs[3].error!, /NAT64 form of 127\.0\.0\.1/);
    assert.equal(warnings.length, 4);
    await hook.close();
  });
});
