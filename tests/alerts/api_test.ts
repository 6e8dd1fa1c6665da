import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";
import { seed, sseReader } from "../_helpers.ts";
import { createRule, type RuleBody, SCARCITY, storeEvent } from "../_alerts_api.ts";
import { createEventBus } from "../../bus/events.ts";
import { createAlertEvaluator } from "../../alerts/evaluate.ts";
import { createNotifier } from "../../alerts/notify.ts";

Deno.test("alert rules: create, read, replace, enable, disable and delete, never showing secrets", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = await signUp(app, "alice@example.com");
    const as = bearer(alice.access);
    const created = await createRule(app, alice);
    assert.deepEqual(created.channels, [
      { type: "webhook", url: "https://example.com/hook", secret_hint: "••••hook" },
      { type: "sse" },
    ]);
    assert.deepEqual((created as unknown as typeof SCARCITY).conditions[1], {
      ...SCARCITY.conditions[1],
      window: "PT1H",
      deadband: 0,
    });
    assert.equal(created.state, null);
    const list = await (await app.request("/api/alerts/rules", { headers: as })).json();
    assert.deepEqual(list.rules.map((r: RuleBody) => r.id), [created.id]);
    const one = await app.request(`/api/alerts/rules/${created.id}`, { headers: as });
    const text = await one.text();
    assert.equal(one.status, 200);
    assert.doesNotMatch(text, /s3cret/);
    const put = await app.request(
      `/api/alerts/rules/${created.id}`,
      jsonBody("PUT", {
        ...SCARCITY,
        name: "Scarcity, north",
        channels: [{ type: "webhook", url: "https://example.com/hook" }, {
          type: "webhook",
          url: "https://example.org/second",
        }],
      }, as),
    );
    assert.equal(put.status, 200);
    const replaced = await put.json();
    assert.equal(replaced.name, "Scarcity, north");
    assert.equal(replaced.channels[0].secret_hint, "••••hook", "the old secret is kept");
    assert.equal(replaced.channels[0].secret, undefined);
    assert.match(replaced.channels[1].secret, /^whsec_[0-9a-f]{64}$/, "a new secret is shown once");
    const again = await (await app.request(`/api/alerts/rules/${created.id}`, { headers: as }))
      .json();
    assert.equal(again.channels[1].secret, undefined);
    const off = await app.request(`/api/alerts/rules/${created.id}/disable`, {
      method: "POST",
      headers: as,
    });
    assert.equal((await off.json()).enabled, false);
    const on = await app.request(`/api/alerts/rules/${created.id}/enable`, {
      method: "POST",
      headers: as,
    });
    assert.equal((await on.json()).enabled, true);
    const del = await app.request(`/api/alerts/rules/${created.id}`, {
      method: "DELETE",
      headers: as,
    });
    assert.equal(del.status, 204);
    await assertProblem(await app.request(`/api/alerts/rules/${created.id}`, { headers: as }), 404);
  });
});

Deno.test("POST /api/alerts/rules answers 400 naming the field at fault", async (t) => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = await signUp(app, "alice@example.com");
    const withCondition = (i: number, patch: object) => ({
      ...SCARCITY,
      conditions: SCARCITY.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)),
    });
    const cases: [string, object, string, RegExp][] = [
      [
        "an unknown series",
        withCondition(1, { series: "spp.rt.hb_nrth" }),
        "conditions.1.series",
        /"spp\.rt\.hb_nrth" is not in the catalog.*did you mean spp\.rt\.hb_north/,
      ],
      [
        "a bad duration",
        withCondition(0, { for: "15m" }),
        "conditions.0.for",
        /"15m" is not an ISO 8601 duration/,
      ],
      ["a bad op", withCondition(0, { op: "==" }), "conditions.0.op", /.+/],
      ["no conditions", { ...SCARCITY, conditions: [] }, "conditions", /.+/],
      [
        "a loopback webhook",
        { ...SCARCITY, channels: [{ type: "webhook", url: "http://127.0.0.1:8080/x" }] },
        "channels.0.url",
        /127\.0\.0\.1 is a loopback address/,
      ],
      [
        "a private webhook",
        {
          ...SCARCITY,
          channels: [{ type: "sse" }, { type: "webhook", url: "https://10.20.0.4/x" }],
        },
        "channels.1.url",
        /private/,
      ],
      [
        "a localhost webhook",
        { ...SCARCITY, channels: [{ type: "webhook", url: "http://localhost/x" }] },
        "channels.0.url",
        /localhost is a local host name/,
      ],
      [
        "a short secret",
        {
          ...SCARCITY,
          channels: [{ type: "webhook", url: "https://example.com/h", secret: "short" }],
        },
        "channels.0.secret",
        /.+/,
      ],
    ];
    for (const [name, body, parameter, detail] of cases) {
      await t.step(name, async () => {
        const res = await app.request(
          "/api/alerts/rules",
          jsonBody("POST", body, bearer(alice.access)),
        );
        const problem = await assertProblem(res, 400);
        assert.equal(problem.parameter, parameter);
        assert.match(String(problem.detail), detail);
      });
    }
    await t.step("a stored series outside the catalog is accepted", async () => {
      await seed(db, { key: "spp.rt.some_node", start: "2026-01-01T00:00:00Z", n: 1 });
      await createRule(app, alice, withCondition(1, { series: "spp.rt.some_node" }));
    });
  });
});

Deno.test("ALERT_WEBHOOK_ALLOW_PRIVATE=true accepts private webhook targets", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db, { ALERT_WEBHOOK_ALLOW_PRIVATE: "true" });
    const alice = await signUp(app, "alice@example.com");
    await createRule(app, alice, {
      ...SCARCITY,
      channels: [{ type: "webhook", url: "http://127.0.0.1:9/x" }],
    });
  });
});

Deno.test("alert routes need a user, and changes need the write scope", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = await signUp(app, "alice@example.com");
    await assertProblem(await app.request("/api/alerts/rules"), 401);
    await assertProblem(await app.request("/api/alerts/events"), 401);
    await assertProblem(await app.request("/api/alerts/rules", jsonBody("POST", SCARCITY)), 401);
    const key = await (await app.request(
      "/api/keys",
      jsonBody("POST", { name: "reader", scopes: ["read"] }, bearer(alice.access)),
    )).json();
    const reader = { "x-api-key": key.key };
    assert.equal((await app.request("/api/alerts/rules", { headers: reader })).status, 200);
    await assertProblem(
      await app.request("/api/alerts/rules", jsonBody("POST", SCARCITY, reader)),
      403,
    );
  });
});

Deno.test("no user reads or changes another's alert rules, events or subscription, by any route", async (t) => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = await signUp(app, "alice@example.com");
    const bob = await signUp(app, "bob@example.com");
    const rule = await createRule(app, alice);
    const own = await storeEvent(db, {
      user_id: alice.id,
      rule_id: rule.id,
      builtin: null,
      name: "Scarcity",
    });
    const subscribe = jsonBody("POST", { channels: [{ type: "sse" }] }, bearer(alice.access));
    assert.equal(
      (await app.request("/api/alerts/builtin/grid-condition/subscribe", subscribe)).status,
      200,
    );
    const stranger = "00000000-0000-4000-8000-000000000000";
    const as = bearer(bob.access);
    const routes: [string, string, object?][] = [
      ["GET", `/api/alerts/rules/${rule.id}`],
      ["PUT", `/api/alerts/rules/${rule.id}`, SCARCITY],
      ["DELETE", `/api/alerts/rules/${rule.id}`],
      ["POST", `/api/alerts/rules/${rule.id}/enable`],
      ["POST", `/api/alerts/rules/${rule.id}/disable`],
      ["GET", `/api/alerts/events/${own.id}`],
      ["POST", `/api/alerts/events/${own.id}/ack`],
    ];
    for (const [method, path, body] of routes) {
      await t.step(
        `${method} ${path.replace(/[0-9a-f-]{36}/, "{id}")} is a 404 like an unknown id`,
        async () => {
          const init = body ? jsonBody(method, body, as) : { method, headers: as };
          const res = await assertProblem(await app.request(path, init), 404);
          const unknown = await assertProblem(
            await app.request(path.replace(/[0-9a-f-]{36}/, stranger), init),
            404,
          );
          assert.equal(
            String(res.detail).replace(/[0-9a-f-]{36}/, "ID"),
            String(unknown.detail).replace(/[0-9a-f-]{36}/, "ID"),
          );
        },
      );
    }
    await t.step("lists and filters show none of them", async () => {
      const rules = await (await app.request("/api/alerts/rules", { headers: as })).json();
      assert.deepEqual(rules.rules, []);
      const events =
        await (await app.request(`/api/alerts/events?rule=${rule.id}`, { headers: as })).json();
      assert.deepEqual(events.events, []);
      const builtin = await (await app.request("/api/alerts/builtin", { headers: as })).json();
      assert.equal(builtin.builtin[0].subscription, null);
      await assertProblem(
        await app.request("/api/alerts/builtin/grid-condition/unsubscribe", {
          method: "POST",
          headers: as,
        }),
        404,
      );
    });
    await t.step("the owner's rule, event and subscription are untouched", async () => {
      const mine =
        await (await app.request(`/api/alerts/rules/${rule.id}`, { headers: bearer(alice.access) }))
          .json();
      assert.equal(mine.enabled, true);
      const ev =
        await (await app.request(`/api/alerts/events/${own.id}`, { headers: bearer(alice.access) }))
          .json();
      assert.equal(ev.acknowledged_at, null);
      const builtin =
        await (await app.request("/api/alerts/builtin", { headers: bearer(alice.access) })).json();
      assert.deepEqual(builtin.builtin[0].subscription.channels, [{ type: "sse" }]);
    });
  });
});

Deno.test("an alert fired by the evaluator streams only to its owner's SSE connection", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const { app, deps } = accountApp(db, {}, { bus });
    const alice = await signUp(app, "alice@example.com");
    const bob = await signUp(app, "bob@example.com");
    const rule = await createRule(app, alice, {
      name: "West above $100",
      conditions: [{ type: "threshold", series: "spp.rt.hb_west", op: ">", value: 100 }],
      channels: [{ type: "sse" }],
    });
    const open = async (token?: string) => {
      const res = await app.request("/api/v1/stream?types=alert", {
        headers: token ? bearer(token) : {},
      });
      const sse = sseReader(res.body!);
      await sse.next(1, (m) => m.retry !== undefined);
      return sse;
    };
    const [mine, theirs, anonymous] = [
      await open(alice.access),
      await open(bob.access),
      await open(),
    ];
    await seed(db, {
      key: "spp.rt.hb_west",
      start: "2025-12-31T23:00:00Z",
      n: 4,
      value: (i) => 50 * i,
    });
    const notifier = createNotifier({ sql: db.db.sql, bus, allowPrivate: false });
    const alerts = createAlertEvaluator({ sql: db.db.sql, clock: deps.clock, notifier });
    assert.equal((await alerts.evaluateSeries(["spp.rt.hb_west"])).length, 1);
    const [got] = await mine.next(1);
    assert.equal(got.event, "alert");
    const data = JSON.parse(got.data!);
    assert.equal(data.rule_id, rule.id);
    assert.equal(data.user_id, alice.id);
    assert.equal(data.value, 150);
    await bus.publish("grid_status", { state: "normal" });
    await bus.publish("alert", { message: "a system-wide alert" });
    for (const other of [theirs, anonymous]) {
      const [first] = await other.next(1);
      assert.equal(
        JSON.parse(first.data!).message,
        "a system-wide alert",
        "the user's alert never arrived",
      );
    }
    await Promise.all([mine.cancel(), theirs.cancel(), anonymous.cancel()]);
    await bus.close();
  });
});

Deno.test("GET /api/openapi.json documents the alert routes", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const doc = await (await app.request("/api/openapi.json")).json();
    for (
      const [method, path] of [
        ["get", "/api/alerts/rules"],
        ["post", "/api/alerts/rules"],
        ["put", "/api/alerts/rules/{id}"],
        ["post", "/api/alerts/rules/{id}/disable"],
        ["get", "/api/alerts/events"],
        ["post", "/api/alerts/events/{id}/ack"],
        ["get", "/api/alerts/builtin"],
        ["post", "/api/alerts/builtin/{builtin}/subscribe"],
      ]
    ) assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    assert.ok(doc.components.schemas.AlertRule);
  });
});
