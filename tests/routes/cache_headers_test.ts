import assert from "node:assert/strict";
import { createEventBus } from "../../bus/events.ts";
import { createMetrics } from "../../metrics.ts";
import { createResponseCache } from "../../http/cache.ts";
import { waitFor } from "../_wait.ts";
import { withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { accountApp, bearer, jsonBody, signUp } from "../_accounts.ts";

const READ = "/api/v1/observations?series=load.actual&start=2025-12-01&end=2025-12-02";

Deno.test("answers carrying tokens, keys or personal data say Cache-Control: no-store", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
    const reg = await t.app.request(
      "/api/auth/register",
      jsonBody("POST", { email: "a@example.com", password: "violet kettle under nine moons" }),
    );
    const user = await signUp(t.app, "b@example.com");
    const as = bearer(user.access);
    const login = await t.app.request(
      "/api/auth/login",
      jsonBody("POST", { email: "b@example.com", password: "violet kettle under nine moons" }),
    );
    const { refresh_token } = await login.clone().json();
    const answers: [string, Response][] = [
      ["register", reg],
      ["login", login],
      [
        "refresh",
        await t.app.request("/api/auth/refresh", jsonBody("POST", { refresh_token })),
      ],
      ["me", await t.app.request("/api/auth/me", { headers: as })],
      ["sessions", await t.app.request("/api/auth/sessions", { headers: as })],
      [
        "new key",
        await t.app.request("/api/keys", jsonBody("POST", { name: "k", scopes: ["read"] }, as)),
      ],
      ["keys", await t.app.request("/api/keys", { headers: as })],
      ["admin users", await t.app.request("/api/admin/users", { headers: as })],
      [
        "new alert rule with a generated webhook secret",
        await t.app.request(
          "/api/alerts/rules",
          jsonBody("POST", {
            name: "x",
            conditions: [{ type: "stale", series: "load.actual", minutes: 5 }],
            channels: [{ type: "webhook", url: "https://hooks.example.com/x" }],
          }, as),
        ),
      ],
      ["dashboards", await t.app.request("/api/dashboards", { headers: as })],
      ["ai history", await t.app.request("/api/ai/visualizations", { headers: as })],
      [
        "stream ticket",
        await t.app.request("/api/v1/stream/ticket", { method: "POST", headers: as }),
      ],
      ["a refused credential", await t.app.request("/api/auth/me", { headers: bearer("x.y.z") })],
    ];
    for (const [what, res] of answers) {
      assert.equal(res.headers.get("cache-control"), "no-store", `${what}: ${res.status}`);
      await res.body?.cancel();
    }
  });
});

Deno.test("data reads are public to anonymous callers and private to anyone who sent a credential", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "load.actual", start: "2025-12-01T00:00:00Z", n: 8 });
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const metrics = createMetrics();
    const cache = createResponseCache();
    const t = accountApp(db, { RATE_LIMIT_ENABLED: "false" }, { bus, metrics, cache });
    const user = await signUp(t.app, "a@example.com");
    const lane = () => Number(/^api_fast_lane_total (\d+)$/m.exec(metrics.render())?.[1] ?? 0);
    const get = async (headers: Record<string, string> = {}) => {
      const res = await t.app.request(READ, { headers });
      await res.body?.cancel();
      return res;
    };
    // The cache keeps entries once it listens to the bus: ask until one is kept.
    let first = await get(bearer(user.access));
    await waitFor(async () => {
      first = await get(bearer(user.access));
      return cache.stats().entries === 1;
    }, "the answer to be cached");
    assert.equal(first.status, 200);
    assert.match(first.headers.get("cache-control")!, /^private, max-age=\d+$/);
    for (let i = 0; i < 3; i++) {
      assert.match((await get()).headers.get("cache-control")!, /^public, max-age=\d+$/);
    }
    const served = lane();
    assert.ok(served > 0, "the anonymous reads were not served by the fast lane");
    const cached = await get(bearer(user.access));
    assert.match(cached.headers.get("cache-control")!, /^private, /);
    const etag = cached.headers.get("etag")!;
    const notModified = await get({ ...bearer(user.access), "if-none-match": etag });
    assert.equal(notModified.status, 304);
    assert.match(notModified.headers.get("cache-control")!, /^private, /);
    const csv = await get({ ...bearer(user.access), accept: "text/csv" });
    assert.match(csv.headers.get("cache-control")!, /^private, /);
    assert.equal(lane(), served, "a credentialed read went through the fast lane");
    await bus.close();
  });
});

Deno.test("with REQUIRE_AUTH_FOR_READS no data answer says public", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "load.actual", start: "2025-12-01T00:00:00Z", n: 8 });
    const t = accountApp(db, { RATE_LIMIT_ENABLED: "false", REQUIRE_AUTH_FOR_READS: "true" });
    const user = await signUp(t.app, "a@example.com");
    for (const path of [READ, "/api/v1/series", "/api/v1/grid-status"]) {
      for (let i = 0; i < 2; i++) {
        const res = await t.app.request(path, { headers: bearer(user.access) });
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get("cache-control")!, /^private, /, path);
        await res.body?.cancel();
      }
      assert.equal((await t.app.request(path)).headers.get("cache-control"), "no-store");
    }
  });
});
