/**
 * Escalation on a controllable clock: an unacknowledged firing is re-sent to
 * the escalation channels after `escalate_after` and every interval after,
 * until the signed one-click link acknowledges it or the rule resolves.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createAlertEvaluator } from "../../alerts/evaluate.ts";
import { withDatabase } from "../_db.ts";
import { accountApp, bearer, jsonBody, signUp, TEST_JWT_SECRET } from "../_accounts.ts";
import {
  makeRule,
  makeUser,
  quickNotifier,
  receiver,
  recordingBus,
  writeSeries,
} from "./_helpers.ts";

const T0 = new Date("2026-01-01T00:05:00Z").getTime();
const MIN = 60_000;
const hookOf = (url: string) => ({ type: "webhook", url, secret: "whsec_test_0123456789abcdef" });

Deno.test("an unacknowledged firing escalates after escalate_after and every interval until its link acknowledges it", async () => {
  const first = receiver([200]);
  const escalation = receiver([200]);
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      let now = T0;
      const clock = () => new Date(now);
      const { notifier } = quickNotifier(db, bus, {
        clock,
        publicUrl: "http://ercot.test",
        ackSecret: () => Promise.resolve(new TextEncoder().encode(TEST_JWT_SECRET)),
      });
      const alerts = createAlertEvaluator({ sql: db.db.sql, clock, notifier });
      await writeSeries(db, "test.reserves", 300, [["2026-01-01T00:00:00Z", 2900]]);
      const userId = await makeUser(db.db.sql, "owner@example.com");
      await makeRule(db.db.sql, userId, {
        conditions: [{ type: "threshold", series: "test.reserves", op: "<", value: 3000 }],
        channels: [hookOf(first.url)],
        escalate_after: "PT30M",
        escalation_channels: [hookOf(escalation.url)],
      });
      const [fired] = await alerts.evaluateSeries(["test.reserves"]);
      await alerts.settled();
      assert.equal(first.received.length, 1);
      const at = async (minutes: number) => {
        now = T0 + minutes * MIN;
        await alerts.tick();
        await alerts.settled();
        return escalation.received.length;
      };
      assert.equal(await at(29), 0);
      assert.equal(await at(30), 1);
      assert.equal(await at(45), 1);
      assert.equal(await at(60), 2);
      const second = JSON.parse(escalation.received[1].body);
      assert.equal(second.id, fired.id);
      assert.equal(second.escalation, 2);

      const link = new URL(JSON.parse(first.received[0].body).ack_url);
      assert.equal(link.origin, "http://ercot.test");
      const app = accountApp(db).app;
      // Change the signature's first character (a fixed "0" left it intact 1 time in 64).
      const forged = link.pathname +
        link.search.replace(/sig=(.)/, (_, c: string) => `sig=${c === "0" ? "1" : "0"}`);
      assert.equal((await app.request(forged)).status, 403);
      const res = await app.request(link.pathname + link.search);
      assert.equal(res.status, 200);
      assert.equal((await res.json()).id, fired.id);
      assert.equal(await at(90), 2, "no escalation once acknowledged");
      await bus.close();
    });
  } finally {
    await first.close();
    await escalation.close();
  }
});

Deno.test("escalation stops when the rule resolves, and an acknowledge link expires", async () => {
  const escalation = receiver([200]);
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      let now = T0;
      const clock = () => new Date(now);
      const { notifier } = quickNotifier(db, bus, {
        clock,
        publicUrl: "http://ercot.test",
        ackSecret: () => Promise.resolve(new TextEncoder().encode(TEST_JWT_SECRET)),
      });
      const alerts = createAlertEvaluator({ sql: db.db.sql, clock, notifier });
      await writeSeries(db, "test.reserves", 300, [["2026-01-01T00:00:00Z", 2900]]);
      const userId = await makeUser(db.db.sql, "owner@example.com");
      await makeRule(db.db.sql, userId, {
        conditions: [{ type: "threshold", series: "test.reserves", op: "<", value: 3000 }],
        escalate_after: "PT10M",
        escalation_channels: [hookOf(escalation.url)],
      });
      await alerts.evaluateSeries(["test.reserves"]);
      now = T0 + 10 * MIN;
      await alerts.tick();
      await alerts.settled();
      assert.equal(escalation.received.length, 1);
      await writeSeries(db, "test.reserves", 300, [["2026-01-01T00:10:00Z", 3500]]);
      now = T0 + 15 * MIN;
      const [resolved] = await alerts.evaluateSeries(["test.reserves"]);
      assert.equal(resolved.state, "resolved");
      now = T0 + 20 * MIN;
      await alerts.tick();
      await alerts.settled();
      assert.equal(escalation.received.length, 1, "no escalation once resolved");

      const link = new URL(JSON.parse(escalation.received[0].body).ack_url);
      const t = accountApp(db);
      t.advance(8 * 24 * 60 * MIN);
      const res = await t.app.request(link.pathname + link.search);
      assert.equal(res.status, 403);
      assert.match((await res.json()).detail, /expired/);
      await bus.close();
    });
  } finally {
    await escalation.close();
  }
});

Deno.test("POST /api/alerts/rules needs escalate_after and escalation_channels together", async () => {
  await withDatabase(async (db) => {
    const app = accountApp(db).app;
    const user = await signUp(app, "a@example.com");
    const save = (extra: Record<string, unknown>) =>
      app.request(
        "/api/alerts/rules",
        jsonBody("POST", {
          name: "Scarcity",
          conditions: [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }],
          ...extra,
        }, bearer(user.access)),
      );
    const missing = await save({ escalate_after: "PT30M" });
    assert.equal(missing.status, 400);
    assert.equal((await missing.json()).parameter, "escalation_channels");
    const alone = await save({ escalation_channels: [{ type: "sse" }] });
    assert.equal((await alone.json()).parameter, "escalate_after");
    const bad = await save({ escalate_after: "soon", escalation_channels: [{ type: "sse" }] });
    assert.equal((await bad.json()).parameter, "escalate_after");
    const ok = await save({ escalate_after: "PT30M", escalation_channels: [{ type: "sse" }] });
    assert.equal(ok.status, 201);
    const body = await ok.json();
    assert.equal(body.escalate_after, "PT30M");
    assert.deepEqual(body.escalation_channels, [{ type: "sse" }]);
  });
});
