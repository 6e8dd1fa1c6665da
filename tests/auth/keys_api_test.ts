import assert from "node:assert/strict";
import { needs } from "../../http/access.ts";
import { withDatabase } from "../_db.ts";
import {
  accountApp,
  assertProblem,
  bearer,
  jsonBody,
  login,
  mountProbe,
  signUp,
  type TestApp,
} from "../_accounts.ts";

async function createKey(
  t: TestApp,
  access: string,
  body: Record<string, unknown> = { name: "ci", scopes: ["read"] },
) {
  const res = await t.app.request("/api/keys", jsonBody("POST", body, bearer(access)));
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

/** Mounts probe routes that echo the principal behind scope checks. */
function withProbe(t: TestApp): void {
  mountProbe(t.app, "get", "/api/probe/ai", needs("ai"));
  t.app.get("/api/v1/probe", (c) => c.json({ ok: true }));
  t.app.post("/api/v1/probe", (c) => c.json({ ok: true }));
}

Deno.test("POST /api/keys shows the key once; listings never include it", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const key = await createKey(t, a.access, { name: "ci", scopes: ["read", "ai"] });
    assert.match(key.key, /^ea_[0-9A-Za-z]{30}_[0-9A-Za-z]{6}$/);
    assert.equal(key.prefix, key.key.slice(0, 11));
    assert.deepEqual(key.scopes, ["read", "ai"]);
    assert.equal(key.status, "active");
    const list = await (await t.app.request("/api/keys", { headers: bearer(a.access) })).json();
    assert.equal(list.keys.length, 1);
    assert.equal(list.keys[0].key, undefined);
    assert.ok(!JSON.stringify(list).includes(key.key));
    const one = await (await t.app.request(`/api/keys/${key.id}`, { headers: bearer(a.access) }))
      .json();
    assert.equal(one.key, undefined);
    const [row] = await db.db.sql`select key_hash from api_keys`;
    assert.match(row.key_hash, /^[0-9a-f]{64}$/);
    assert.notEqual(row.key_hash, key.key);
  });
});

Deno.test("an API key is accepted as Authorization: Bearer and as X-API-Key", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const key = await createKey(t, a.access);
    for (const headers of [bearer(key.key), { "x-api-key": key.key }]) {
      const res = await t.app.request("/api/auth/me", { headers });
      assert.equal(res.status, 200);
      const me = await res.json();
      assert.equal(me.key_id, key.id);
      assert.equal(me.session_id, null);
      assert.deepEqual(me.scopes, ["read"]);
    }
  });
});

Deno.test("a mistyped, revoked, expired or unknown key is a 401", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    const a = await signUp(app.app, "a@example.com");
    const live = await createKey(app, a.access);
    const revoked = await createKey(app, a.access);
    await app.app.request(`/api/keys/${revoked.id}`, {
      method: "DELETE",
      headers: bearer(a.access),
    });
    const expiring = await createKey(app, a.access, {
      name: "short",
      scopes: ["read"],
      expires_at: new Date(app.now().getTime() + 60_000).toISOString(),
    });
    const typo = live.key.slice(0, 5) + (live.key[5] === "a" ? "b" : "a") + live.key.slice(6);
    const forged = "ea_" + "A".repeat(30) + "_" + live.key.slice(-6);
    app.advance(61_000);
    const cases: [string, string, RegExp][] = [
      ["a typo fails the checksum", typo, /checksum/],
      ["a forged key with a wrong checksum", forged, /checksum/],
      ["a revoked key", revoked.key, /revoked/],
      ["an expired key", expiring.key, /expired at/],
    ];
    for (const [name, value, detail] of cases) {
      await t.step(name, async () => {
        const problem = await assertProblem(
          await app.app.request("/api/auth/me", { headers: { "x-api-key": value } }),
          401,
        );
        assert.match(String(problem.detail), detail);
      });
    }
    assert.equal(
      (await app.app.request("/api/auth/me", { headers: { "x-api-key": live.key } })).status,
      200,
    );
  });
});

Deno.test("key scopes are enforced: read-only keys cannot write, and ai needs the ai scope", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    withProbe(t);
    const a = await signUp(t.app, "a@example.com");
    const reader = (await createKey(t, a.access, { name: "r", scopes: ["read"] })).key;
    const writer = (await createKey(t, a.access, { name: "w", scopes: ["write", "ai"] })).key;
    const req = (path: string, key: string, method = "GET") =>
      t.app.request(path, { method, headers: { "x-api-key": key } });
    assert.equal((await req("/api/v1/probe", reader)).status, 200);
    await assertProblem(await req("/api/v1/probe", reader, "POST"), 403);
    await assertProblem(await req("/api/probe/ai", reader), 403);
    await assertProblem(await req("/api/v1/probe", writer), 403);
    assert.equal((await req("/api/v1/probe", writer, "POST")).status, 200);
    assert.equal((await req("/api/probe/ai", writer)).status, 200);
    await assertProblem(await req("/api/admin/users", writer), 403);
  });
});

Deno.test("API keys cannot manage API keys or sessions", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const key = await createKey(t, a.access, {
      name: "all",
      scopes: ["read", "write", "ai", "admin"],
    });
    const as = { "x-api-key": key.key };
    await assertProblem(
      await t.app.request("/api/keys", jsonBody("POST", { name: "x", scopes: ["read"] }, as)),
      403,
    );
    await assertProblem(await t.app.request("/api/keys", { headers: as }), 403);
    await assertProblem(
      await t.app.request(`/api/keys/${key.id}`, { method: "DELETE", headers: as }),
      403,
    );
    await assertProblem(await t.app.request("/api/auth/sessions", { headers: as }), 403);
    await assertProblem(
      await t.app.request("/api/auth/logout", { method: "POST", headers: as }),
      403,
    );
  });
});

Deno.test("POST /api/keys refuses scopes beyond the role, unknown scopes and past expiry", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    await signUp(app.app, "admin@example.com");
    const u = await signUp(app.app, "user@example.com");
    const post = (body: unknown) =>
      app.app.request("/api/keys", jsonBody("POST", body, bearer(u.access)));
    await t.step("admin scope for a user", async () => {
      await assertProblem(await post({ name: "x", scopes: ["admin"] }), 403);
    });
    await t.step("an unknown scope", async () => {
      await assertProblem(await post({ name: "x", scopes: ["root"] }), 400);
    });
    await t.step("no scopes", async () => {
      await assertProblem(await post({ name: "x", scopes: [] }), 400);
    });
    await t.step("a repeated scope", async () => {
      await assertProblem(await post({ name: "x", scopes: ["read", "read"] }), 400);
    });
    await t.step("an expiry in the past", async () => {
      const problem = await assertProblem(
        await post({ name: "x", scopes: ["read"], expires_at: "2020-01-01T00:00:00Z" }),
        400,
      );
      assert.equal(problem.parameter, "expires_at");
    });
    await t.step("an empty name", async () => {
      await assertProblem(await post({ name: " ", scopes: ["read"] }), 400);
    });
  });
});

Deno.test("GET /api/keys/{id}/usage counts requests per hour and per day, and stamps last use", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const key = await createKey(t, a.access);
    const use = () => t.app.request("/api/auth/me", { headers: { "x-api-key": key.key } });
    await use();
    await use();
    t.advance(3_600_000);
    await use();
    t.advance(86_400_000);
    await use();
    // The sign-up session token expired meanwhile: the owner logs in again to look.
    await assertProblem(
      await t.app.request(`/api/keys/${key.id}/usage`, { headers: bearer(a.access) }),
      401,
    );
    const fresh = await login(t.app, "a@example.com");
    const res = await t.app.request(`/api/keys/${key.id}/usage`, {
      headers: bearer(fresh.access_token),
    });
    assert.equal(res.status, 200);
    const usage = await res.json();
    assert.deepEqual(usage.daily, [{ day: "2026-01-01", count: 3 }, {
      day: "2026-01-02",
      count: 1,
    }]);
    assert.deepEqual(usage.hourly, [
      { hour: "2026-01-01T00:00:00.000Z", count: 2 },
      { hour: "2026-01-01T01:00:00.000Z", count: 1 },
      { hour: "2026-01-02T01:00:00.000Z", count: 1 },
    ]);
    assert.equal(usage.last_used_at, "2026-01-02T01:01:00.000Z");
  });
});

Deno.test("DELETE /api/keys/{id} revokes at once and is audited", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const key = await createKey(t, a.access);
    assert.equal(
      (await t.app.request("/api/auth/me", { headers: { "x-api-key": key.key } })).status,
      200,
    );
    const del = await t.app.request(`/api/keys/${key.id}`, {
      method: "DELETE",
      headers: bearer(a.access),
    });
    assert.equal(del.status, 204);
    await assertProblem(
      await t.app.request("/api/auth/me", { headers: { "x-api-key": key.key } }),
      401,
    );
    const shown = await (await t.app.request(`/api/keys/${key.id}`, { headers: bearer(a.access) }))
      .json();
    assert.equal(shown.status, "revoked");
    const actions = await db.db
      .sql`select action from audit_log where action like 'key_%' order by id`;
    assert.deepEqual(actions.map((r) => r.action), ["key_created", "key_revoked"]);
  });
});

Deno.test("a demoted owner's key loses the scopes the new role lacks", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    withProbe(t);
    const admin = await signUp(t.app, "admin@example.com");
    const u = await signUp(t.app, "user@example.com");
    const key = (await createKey(t, u.access, { name: "w", scopes: ["read", "write"] })).key;
    assert.equal(
      (await t.app.request("/api/v1/probe", { method: "POST", headers: { "x-api-key": key } }))
        .status,
      200,
    );
    const patch = await t.app.request(
      `/api/admin/users/${u.id}`,
      jsonBody("PATCH", { role: "viewer" }, bearer(admin.access)),
    );
    assert.equal(patch.status, 200);
    await assertProblem(
      await t.app.request("/api/v1/probe", { method: "POST", headers: { "x-api-key": key } }),
      403,
    );
    assert.equal(
      (await t.app.request("/api/v1/probe", { headers: { "x-api-key": key } })).status,
      200,
    );
  });
});
