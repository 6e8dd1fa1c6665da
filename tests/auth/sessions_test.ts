import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, login, signUp } from "../_accounts.ts";

Deno.test("POST /api/auth/logout revokes the session at once: the old access token is a 401", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    assert.equal((await app.request("/api/auth/me", { headers: bearer(a.access) })).status, 200);
    const out = await app.request("/api/auth/logout", {
      method: "POST",
      headers: bearer(a.access),
    });
    assert.equal(out.status, 204);
    await assertProblem(await app.request("/api/auth/me", { headers: bearer(a.access) }), 401);
    const refreshed = await app.request(
      "/api/auth/refresh",
      jsonBody("POST", { refresh_token: a.refresh }),
    );
    await assertProblem(refreshed, 401);
  });
});

Deno.test("logout everywhere revokes every session of the account and no one else's", async (t) => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    const b = await signUp(app, "b@example.com");
    for (const path of ["/api/auth/logout?all=true", "/api/auth/logout-all"]) {
      await t.step(path, async () => {
        const first = (await login(app, "a@example.com")).access_token;
        const second = (await login(app, "a@example.com")).access_token;
        const res = await app.request(path, { method: "POST", headers: bearer(first) });
        assert.equal(res.status, 204);
        await assertProblem(await app.request("/api/auth/me", { headers: bearer(first) }), 401);
        await assertProblem(await app.request("/api/auth/me", { headers: bearer(second) }), 401);
        await assertProblem(await app.request("/api/auth/me", { headers: bearer(a.access) }), 401);
        assert.equal(
          (await app.request("/api/auth/me", { headers: bearer(b.access) })).status,
          200,
        );
      });
    }
  });
});

Deno.test("POST /api/auth/refresh rotates, and reusing an old refresh token revokes the session", async () => {
  await withDatabase(async (db) => {
    const { app, advance } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    advance(1_000);
    const r1 = await app.request(
      "/api/auth/refresh",
      jsonBody("POST", { refresh_token: a.refresh }),
    );
    assert.equal(r1.status, 200);
    const next = await r1.json();
    assert.notEqual(next.refresh_token, a.refresh);
    assert.equal(
      (await app.request("/api/auth/me", { headers: bearer(next.access_token) })).status,
      200,
    );
    const reuse = await app.request(
      "/api/auth/refresh",
      jsonBody("POST", { refresh_token: a.refresh }),
    );
    const problem = await assertProblem(reuse, 401);
    assert.match(String(problem.detail), /already used/);
    await assertProblem(
      await app.request("/api/auth/me", { headers: bearer(next.access_token) }),
      401,
    );
    const after = await app.request(
      "/api/auth/refresh",
      jsonBody("POST", { refresh_token: next.refresh_token }),
    );
    await assertProblem(after, 401);
    const [row] = await db.db.sql`select revoked_reason from sessions`;
    assert.equal(row.revoked_reason, "refresh_reuse");
  });
});

Deno.test("an access token is refused as a refresh token and a refresh token as an access token", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    await assertProblem(await app.request("/api/auth/me", { headers: bearer(a.refresh) }), 401);
    await assertProblem(
      await app.request("/api/auth/refresh", jsonBody("POST", { refresh_token: a.access })),
      401,
    );
  });
});

Deno.test("sessions end after 7 idle days and after 30 days whatever their use", async () => {
  await withDatabase(async (db) => {
    const { app, advance } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    advance(7 * 86_400_000 + 1_000);
    await assertProblem(
      await app.request("/api/auth/refresh", jsonBody("POST", { refresh_token: a.refresh })),
      401,
    );
    let tokens = await login(app, "a@example.com");
    for (let day = 0; day < 30; day += 5) {
      advance(5 * 86_400_000);
      const res = await app.request(
        "/api/auth/refresh",
        jsonBody("POST", { refresh_token: tokens.refresh_token }),
      );
      if (day < 25) {
        assert.equal(res.status, 200, `day ${day + 5}`);
        tokens = await res.json();
      } else {
        await assertProblem(res, 401);
      }
    }
  });
});

Deno.test("an access token expires after 15 minutes", async () => {
  await withDatabase(async (db) => {
    const { app, advance } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    advance(14 * 60_000);
    assert.equal((await app.request("/api/auth/me", { headers: bearer(a.access) })).status, 200);
    advance(60_000 + 6_000);
    const problem = await assertProblem(
      await app.request("/api/auth/me", { headers: bearer(a.access) }),
      401,
    );
    assert.match(String(problem.detail), /expired/);
  });
});

Deno.test("GET /api/auth/sessions lists live sessions and marks the current one", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    await login(app, "a@example.com");
    const res = await app.request("/api/auth/sessions", {
      headers: { ...bearer(a.access), "user-agent": "probe/1" },
    });
    assert.equal(res.status, 200);
    const { sessions } = await res.json();
    assert.equal(sessions.length, 2);
    assert.equal(sessions.filter((s: { current: boolean }) => s.current).length, 1);
  });
});
