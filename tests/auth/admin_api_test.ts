import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import {
  accountApp,
  assertProblem,
  bearer,
  jsonBody,
  login,
  PASSWORD,
  signUp,
} from "../_accounts.ts";

Deno.test("GET /api/admin/users lists accounts for admins only", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const user = await signUp(app, "user@example.com");
    const res = await app.request("/api/admin/users?limit=10", { headers: bearer(admin.access) });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.total, 2);
    assert.deepEqual(body.users.map((u: { email: string; role: string }) => [u.email, u.role]), [
      ["admin@example.com", "admin"],
      ["user@example.com", "user"],
    ]);
    assert.ok(!JSON.stringify(body).includes("argon2"));
    await assertProblem(
      await app.request("/api/admin/users", { headers: bearer(user.access) }),
      403,
    );
    await assertProblem(await app.request("/api/admin/users"), 401);
  });
});

Deno.test("GET /api/admin/users pages with limit and offset, and refuses bad values", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    await signUp(app, "b@example.com");
    await signUp(app, "c@example.com");
    const page = await (await app.request("/api/admin/users?limit=1&offset=1", {
      headers: bearer(admin.access),
    })).json();
    assert.deepEqual(page.users.map((u: { email: string }) => u.email), ["b@example.com"]);
    assert.equal(page.total, 3);
    await assertProblem(
      await app.request("/api/admin/users?limit=0", { headers: bearer(admin.access) }),
      400,
    );
    await assertProblem(
      await app.request("/api/admin/users?limit=501", { headers: bearer(admin.access) }),
      400,
    );
  });
});

Deno.test("PATCH /api/admin/users/{id} changes a role, effective on the next request", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const user = await signUp(app, "user@example.com");
    await assertProblem(
      await app.request("/api/admin/users", { headers: bearer(user.access) }),
      403,
    );
    const res = await app.request(
      `/api/admin/users/${user.id}`,
      jsonBody("PATCH", { role: "admin" }, bearer(admin.access)),
    );
    assert.equal(res.status, 200);
    assert.equal((await res.json()).role, "admin");
    assert.equal(
      (await app.request("/api/admin/users", { headers: bearer(user.access) })).status,
      200,
    );
    const [audit] = await db.db
      .sql`select user_id, details from audit_log where action = 'role_changed'`;
    assert.equal(audit.user_id, admin.id);
    assert.deepEqual(audit.details, { target_user_id: user.id, from: "user", to: "admin" });
  });
});

Deno.test("disabling a user ends their sessions, stops their keys and refuses their login", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const user = await signUp(app, "user@example.com");
    const key = await (await app.request(
      "/api/keys",
      jsonBody("POST", { name: "k", scopes: ["read"] }, bearer(user.access)),
    )).json();
    const res = await app.request(
      `/api/admin/users/${user.id}`,
      jsonBody("PATCH", { disabled: true }, bearer(admin.access)),
    );
    assert.equal(res.status, 200);
    assert.equal((await res.json()).disabled, true);
    await assertProblem(await app.request("/api/auth/me", { headers: bearer(user.access) }), 401);
    await assertProblem(
      await app.request("/api/auth/me", { headers: { "x-api-key": key.key } }),
      401,
    );
    await assertProblem(
      await app.request("/api/auth/refresh", jsonBody("POST", { refresh_token: user.refresh })),
      401,
    );
    const refused = await assertProblem(
      await app.request(
        "/api/auth/login",
        jsonBody("POST", { email: "user@example.com", password: PASSWORD }),
      ),
      401,
    );
    assert.equal(refused.detail, "Email or password is incorrect");
    const enable = await app.request(
      `/api/admin/users/${user.id}`,
      jsonBody("PATCH", { disabled: false }, bearer(admin.access)),
    );
    assert.equal((await enable.json()).disabled, false);
    await assertProblem(await app.request("/api/auth/me", { headers: bearer(user.access) }), 401);
    await login(app, "user@example.com");
    const actions = await db.db
      .sql`select action from audit_log where action like 'user_%' order by id`;
    assert.deepEqual(actions.map((r) => r.action), ["user_disabled", "user_enabled"]);
  });
});

Deno.test("the last enabled admin cannot be demoted or disabled", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    for (const change of [{ role: "user" }, { disabled: true }]) {
      const res = await app.request(
        `/api/admin/users/${admin.id}`,
        jsonBody("PATCH", change, bearer(admin.access)),
      );
      const problem = await assertProblem(res, 409);
      assert.match(String(problem.detail), /last enabled admin/);
    }
    const other = await signUp(app, "other@example.com");
    await app.request(
      `/api/admin/users/${other.id}`,
      jsonBody("PATCH", { role: "admin" }, bearer(admin.access)),
    );
    const res = await app.request(
      `/api/admin/users/${admin.id}`,
      jsonBody("PATCH", { role: "viewer" }, bearer(admin.access)),
    );
    assert.equal(res.status, 200);
  });
});

Deno.test("PATCH /api/admin/users/{id} answers 404 for an unknown id and 400 for an empty change", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const unknown = "00000000-0000-4000-8000-000000000000";
    await assertProblem(
      await app.request(
        `/api/admin/users/${unknown}`,
        jsonBody("PATCH", { role: "user" }, bearer(admin.access)),
      ),
      404,
    );
    await assertProblem(
      await app.request(
        `/api/admin/users/${admin.id}`,
        jsonBody("PATCH", {}, bearer(admin.access)),
      ),
      400,
    );
    await assertProblem(
      await app.request(
        `/api/admin/users/not-a-uuid`,
        jsonBody("PATCH", { role: "user" }, bearer(admin.access)),
      ),
      400,
    );
    await assertProblem(
      await app.request(
        `/api/admin/users/${admin.id}`,
        jsonBody("PATCH", { role: "root" }, bearer(admin.access)),
      ),
      400,
    );
  });
});

Deno.test("admin routes need the admin scope even for an admin's API key", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const make = async (scopes: string[]) =>
      (await (await app.request(
        "/api/keys",
        jsonBody("POST", { name: "k", scopes }, bearer(admin.access)),
      )).json()).key;
    const readKey = await make(["read"]);
    const adminKey = await make(["admin"]);
    await assertProblem(
      await app.request("/api/admin/users", { headers: { "x-api-key": readKey } }),
      403,
    );
    assert.equal(
      (await app.request("/api/admin/users", { headers: { "x-api-key": adminKey } })).status,
      200,
    );
  });
});
