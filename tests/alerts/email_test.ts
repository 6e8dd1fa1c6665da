/**
 * Email alerts against a real SMTP server on loopback: STARTTLS and
 * authentication, the message's content, a refused recipient, a server that
 * is down or silent, header injection through the rule's name, and bad
 * addresses refused when a rule is saved.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { SmtpConfig } from "../../config.ts";
import {
  type AlertEventRow,
  insertAlertEvents,
  listDeliveries,
} from "../../alerts/events_store.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";
import { accountApp, bearer, jsonBody, signUp } from "../_accounts.ts";
import { makeRule, makeUser, quickNotifier, recordingBus, writeSeries } from "./_helpers.ts";
import { closedPort, silentServer, startSmtp } from "./_smtp.ts";

const AUTH = { user: "alerts", pass: "mail-password-1" };
const smtp = (port: number): SmtpConfig => ({
  host: "127.0.0.1",
  port,
  security: "starttls",
  user: AUTH.user,
  password: AUTH.pass,
  from: "ERCOT Analytics <alerts@example.com>",
});

async function firing(db: TestDatabase, name = "Scarcity"): Promise<AlertEventRow> {
  await writeSeries(db, "test.reserves", 300, [["2026-01-01T00:00:00Z", 2900]]);
  const userId = await makeUser(db.db.sql, "owner@example.com");
  const rule = await makeRule(db.db.sql, userId, {
    conditions: [{ type: "threshold", series: "test.reserves", op: "<", value: 3000 }],
  });
  const [event] = await insertAlertEvents(db.db.sql, [{
    user_id: userId,
    rule_id: rule.id,
    builtin: null,
    name,
    state: "firing",
    value: 2875.5,
    instant: new Date("2026-01-01T00:05:00Z"),
    details: {
      match: "all",
      conditions: [{
        series: "test.reserves",
        condition: "test.reserves < 3000",
        value: 2875.5,
        met: true,
      }],
    },
  }], new Date("2026-01-01T00:05:00Z"));
  return event;
}

/** Unfolds a raw message's quoted-printable soft breaks so text can be searched. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");

Deno.test("an email channel sends over STARTTLS with auth a text and HTML message with units, both zones and a link", async () => {
  const server = await startSmtp({ auth: AUTH });
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      const { notifier } = quickNotifier(db, bus, {
        smtp: smtp(server.port),
        caCerts: [server.ca],
        publicUrl: "https://grid.example.com",
      });
      const event = await firing(db);
      await notifier.dispatch(event, [{ type: "email", to: "ops@example.com" }]);
      await notifier.settled();
      assert.equal(server.received.length, 1);
      const mail = server.received[0];
      assert.deepEqual(mail.to, ["ops@example.com"]);
      assert.equal(mail.from, "alerts@example.com");
      const raw = plain(mail.raw);
      assert.match(raw, /^Subject: \[ERCOT Analytics\] Firing: Scarcity\r?$/m);
      assert.match(raw, /Content-Type: text\/plain/);
      assert.match(raw, /Content-Type: text\/html/);
      assert.match(raw, /test\.reserves < 3000: 2875\.5 MW \(met\)/);
      assert.match(raw, /Dec 31, 2025, 6:05:00\sPM CST \(2026-01-01T00:05:00Z\)/);
      assert.match(raw, new RegExp(`https://grid\\.example\\.com/alerts\\?event=${event.id}`));
      const [log] = await listDeliveries(db.db.sql, event.id);
      assert.equal(log.url, "mailto:ops@example.com");
      assert.equal(log.status, "delivered");
      assert.equal(log.attempts, 1);
      assert.equal(log.response_code, 250);
      await bus.close();
    });
  } finally {
    await server.close();
  }
});

Deno.test("a refused recipient is recorded failed with the server's answer and not retried", async () => {
  const server = await startSmtp({ auth: AUTH, refuse: ["nobody@example.com"] });
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      const { notifier, waits } = quickNotifier(db, bus, {
        smtp: smtp(server.port),
        caCerts: [server.ca],
      });
      const event = await firing(db);
      await notifier.dispatch(event, [{ type: "email", to: "nobody@example.com" }]);
      await notifier.settled();
      const [log] = await listDeliveries(db.db.sql, event.id);
      assert.equal(log.status, "failed");
      assert.equal(log.attempts, 1);
      assert.equal(log.response_code, 550);
      assert.match(log.error!, /No such user/);
      assert.deepEqual(waits, []);
      assert.equal(server.received.length, 0);
      await bus.close();
    });
  } finally {
    await server.close();
  }
});

Deno.test("a server that is down is retried with backoff, then recorded failed with the reason", async () => {
  await withDatabase(async (db) => {
    const { bus } = await recordingBus(db);
    const { notifier, waits } = quickNotifier(db, bus, {
      smtp: smtp(closedPort()),
      maxAttempts: 3,
    });
    const event = await firing(db);
    await notifier.dispatch(event, [{ type: "email", to: "ops@example.com" }]);
    await notifier.settled();
    const [log] = await listDeliveries(db.db.sql, event.id);
    assert.equal(log.status, "failed");
    assert.equal(log.attempts, 3);
    assert.equal(waits.length, 2);
    assert.match(log.error!, /ECONNREFUSED|refused/i);
    await bus.close();
  });
});

Deno.test("a server that never greets times out and is recorded failed", async () => {
  const silent = silentServer();
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      const { notifier } = quickNotifier(db, bus, {
        smtp: smtp(silent.port),
        maxAttempts: 2,
        timeoutMs: 300,
      });
      const event = await firing(db);
      await notifier.dispatch(event, [{ type: "email", to: "ops@example.com" }]);
      await notifier.settled();
      const [log] = await listDeliveries(db.db.sql, event.id);
      assert.equal(log.status, "failed");
      assert.equal(log.attempts, 2);
      assert.match(log.error!, /did not answer within 0\.3 s/);
      await bus.close();
    });
  } finally {
    silent.close();
  }
});

Deno.test("CR/LF in a rule's name cannot add a header to the email", async () => {
  const server = await startSmtp({ auth: AUTH });
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      const { notifier } = quickNotifier(db, bus, {
        smtp: smtp(server.port),
        caCerts: [server.ca],
      });
      const event = await firing(db, "Scarcity\r\nBcc: thief@evil.example\r\nX-Injected: 1");
      await notifier.dispatch(event, [{ type: "email", to: "ops@example.com" }]);
      await notifier.settled();
      assert.equal(server.received.length, 1);
      assert.deepEqual(server.received[0].to, ["ops@example.com"]);
      const raw = server.received[0].raw.replace(/\r\n[ \t]+/g, " ");
      assert.doesNotMatch(raw, /^Bcc:/im);
      assert.doesNotMatch(raw, /^X-Injected:/im);
      assert.match(raw, /^Subject: .*Scarcity Bcc: thief@evil\.example X-Injected: 1/m);
      await bus.close();
    });
  } finally {
    await server.close();
  }
});

Deno.test("POST /api/alerts/rules refuses a malformed email address, and email without SMTP, naming the field", async (t) => {
  await withDatabase(async (db) => {
    const env = { SMTP_HOST: "127.0.0.1", SMTP_FROM: "alerts@example.com" };
    const app = accountApp(db, env).app;
    const user = await signUp(app, "a@example.com");
    const save = (a: typeof app, to: string) =>
      a.request(
        "/api/alerts/rules",
        jsonBody("POST", {
          name: "Scarcity",
          conditions: [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }],
          channels: [{ type: "sse" }, { type: "email", to }],
        }, bearer(user.access)),
      );
    for (
      const bad of [
        "ops",
        "ops@",
        "a@b@example.com",
        "ops@example.com\r\nBcc: x@y.z",
        "Ops <ops@example.com>",
        "a,b@example.com",
      ]
    ) {
      await t.step(JSON.stringify(bad), async () => {
        const res = await save(app, bad);
        assert.equal(res.status, 400);
        const body = await res.json();
        assert.equal(body.parameter, "channels.1.to");
      });
    }
    const ok = await save(app, "ops@example.com");
    assert.equal(ok.status, 201);
    assert.deepEqual((await ok.json()).channels[1], { type: "email", to: "ops@example.com" });
    const noSmtp = accountApp(db).app;
    const res = await save(noSmtp, "ops@example.com");
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.parameter, "channels.1.to");
    assert.match(body.detail, /SMTP_HOST/);
  });
});
