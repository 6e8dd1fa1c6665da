import assert from "node:assert/strict";
import { loadConfig } from "../../config.ts";
import { createAuthService } from "../../auth/service.ts";
import { createPasswordHasher } from "../../auth/passwords.ts";
import { createApp } from "../_app.ts";
import { testPasswordHasher } from "../_auth.ts";
import { testDeps, withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, PASSWORD, signUp } from "../_accounts.ts";

Deno.test("POST /api/auth/register makes the first account admin and later ones user", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const first = await signUp(app, "First@Example.COM");
    const second = await signUp(app, "second@example.com");
    assert.equal(first.role, "admin");
    assert.equal(second.role, "user");
    const me = await app.request("/api/auth/me", { headers: bearer(first.access) });
    assert.equal(me.status, 200);
    const body = await me.json();
    assert.equal(body.email, "first@example.com");
    assert.deepEqual(body.scopes, ["read", "write", "ai", "admin"]);
  });
});

Deno.test("POST /api/auth/register validates the email and the password", async (t) => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const cases: [string, unknown, string][] = [
      ["a malformed email", { email: "not-an-email", password: PASSWORD }, "email"],
      ["an 11-character password", { email: "a@example.com", password: "abcdefghij1" }, "password"],
      [
        "a 257-character password",
        { email: "a@example.com", password: "x".repeat(257) },
        "password",
      ],
      ["a common password", { email: "a@example.com", password: "Password1234" }, "password"],
      [
        "the email as password",
        { email: "abcdef@example.com", password: "abcdef@example.com" },
        "password",
      ],
      ["a missing password", { email: "a@example.com" }, "password"],
    ];
    for (const [name, body, parameter] of cases) {
      await t.step(name, async () => {
        const res = await app.request("/api/auth/register", jsonBody("POST", body));
        const problem = await assertProblem(res, 400);
        assert.equal(problem.parameter, parameter);
      });
    }
    const [{ n }] = await db.db.sql`select count(*)::int as n from users`;
    assert.equal(n, 0);
  });
});

Deno.test("POST /api/auth/register answers 409 for an email already registered", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    await signUp(app, "a@example.com");
    const res = await app.request(
      "/api/auth/register",
      jsonBody("POST", { email: "A@EXAMPLE.COM", password: PASSWORD }),
    );
    const problem = await assertProblem(res, 409);
    assert.match(String(problem.detail), /a@example\.com already exists/);
  });
});

Deno.test("the stored password is argon2id with m=19456, t=2, p=1", async () => {
  await withDatabase(async (db) => {
    // The one app test at production cost: an auth service given no hasher, as main.ts builds it.
    const deps = testDeps(db, { config: loadConfig({ JWT_SECRET: "x".repeat(40) }) });
    const app = createApp({ ...deps, auth: createAuthService(deps) });
    await signUp(app, "a@example.com");
    const [row] = await db.db.sql`select password_hash from users`;
    assert.match(
      row.password_hash,
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
  });
});

Deno.test("POST /api/auth/login answers a Bearer token pair with expires_in", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    await signUp(app, "a@example.com");
    const res = await app.request(
      "/api/auth/login",
      jsonBody("POST", { email: "a@example.com", password: PASSWORD }),
    );
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(Object.keys(body).sort(), [
      "access_token",
      "expires_in",
      "refresh_token",
      "token_type",
    ]);
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 900);
  });
});

Deno.test("POST /api/auth/login answers the same 401 for a wrong password and an unknown email", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    await signUp(app, "a@example.com");
    const wrong = await assertProblem(
      await app.request(
        "/api/auth/login",
        jsonBody("POST", { email: "a@example.com", password: "wrong password 1" }),
      ),
      401,
    );
    const unknown = await assertProblem(
      await app.request(
        "/api/auth/login",
        jsonBody("POST", { email: "b@example.com", password: "wrong password 1" }),
      ),
      401,
    );
    assert.equal(wrong.detail, unknown.detail);
    const audit = await db.db
      .sql`select action, details from audit_log where action = 'login_failed' order by id`;
    assert.deepEqual(audit.map((a) => a.details.reason), ["wrong_password", "unknown_email"]);
  });
});

Deno.test("login throttling: the 11th attempt after 10 failures is a 429 until the window passes", async () => {
  await withDatabase(async (db) => {
    const { app, advance } = accountApp(db);
    await signUp(app, "a@example.com");
    const attempt = (password: string) =>
      app.request("/api/auth/login", jsonBody("POST", { email: "a@example.com", password }));
    for (let i = 0; i < 10; i++) {
      await assertProblem(await attempt(`wrong password ${i}`), 401);
      advance(30_000);
    }
    const blocked = await attempt(PASSWORD);
    await assertProblem(blocked, 429);
    // The first failure was at +0 s and it is now +300 s: it leaves the 900 s window in 600 s.
    assert.equal(blocked.headers.get("retry-after"), "600");
    advance(599_000);
    await assertProblem(await attempt(PASSWORD), 429);
    advance(1_000);
    assert.equal((await attempt(PASSWORD)).status, 200);
  });
});

Deno.test("login throttling also counts failures per IP across accounts", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db, { TRUST_PROXY: "true" });
    await signUp(app, "victim@example.com");
    const from = (ip: string, email: string, password: string) =>
      app.request(
        "/api/auth/login",
        jsonBody("POST", { email, password }, { "x-forwarded-for": ip }),
      );
    for (let i = 0; i < 10; i++) {
      await assertProblem(
        await from("203.0.113.7", `user${i}@example.com`, "wrong password 1"),
        401,
      );
    }
    await assertProblem(await from("203.0.113.7", "victim@example.com", PASSWORD), 429);
    assert.equal((await from("198.51.100.2", "victim@example.com", PASSWORD)).status, 200);
  });
});

Deno.test("audit_log records register, login, logout and a failed login", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const a = await signUp(app, "a@example.com");
    await app.request(
      "/api/auth/login",
      jsonBody("POST", { email: "a@example.com", password: "not the password" }),
    );
    await app.request("/api/auth/logout", { method: "POST", headers: bearer(a.access) });
    const rows = await db.db.sql`select action, user_id from audit_log order by id`;
    assert.deepEqual(rows.map((r) => r.action), ["register", "login", "login_failed", "logout"]);
    assert.ok(rows.every((r) => r.user_id === a.id));
  });
});

Deno.test("a login does not stall other requests while its password hash runs", async () => {
  await withDatabase(async (db) => {
    // Production cost: the point is that a hash this slow still leaves the event loop free.
    const inner = createPasswordHasher();
    const events: string[] = [];
    let onVerify = () => {};
    const hasher = {
      hash: inner.hash,
      verify: (password: string, encoded: string) => {
        onVerify();
        return inner.verify(password, encoded).finally(() => events.push("hash done"));
      },
    };
    const deps = testDeps(db, { config: loadConfig({ JWT_SECRET: "x".repeat(40) }) });
    const app = createApp({ ...deps, auth: createAuthService(deps, { hasher }) });
    await signUp(app, "a@example.com");
    events.length = 0;
    const started = new Promise<void>((resolve) => onVerify = resolve);
    const loggingIn = Promise.resolve(
      app.request(
        "/api/auth/login",
        jsonBody("POST", { email: "a@example.com", password: PASSWORD }),
      ),
    );
    await started;
    // A hash computed on this thread would finish before the cheap request could start.
    const cheap = await app.request("/no-such-page");
    events.push(`cheap ${cheap.status}`);
    assert.equal((await loggingIn).status, 200);
    assert.deepEqual(events, ["cheap 404", "hash done"]);
  });
});

Deno.test("without JWT_SECRET the secret is generated once, kept in app_settings and shared", async () => {
  await withDatabase(async (db) => {
    const warnings: string[] = [];
    const deps = testDeps(db);
    const warn = (m: string) => warnings.push(m);
    const auth = createAuthService(deps, { warn, hasher: testPasswordHasher() });
    const replica = createAuthService(deps, { warn, hasher: testPasswordHasher() });
    const one = createApp({ ...deps, auth });
    const two = createApp({ ...deps, auth: replica });
    const a = await signUp(one, "a@example.com");
    assert.equal((await two.request("/api/auth/me", { headers: bearer(a.access) })).status, 200);
    const [row] = await db.db.sql`select value from app_settings where key = 'jwt_secret'`;
    assert.ok(typeof row.value === "string" && atob(row.value).length >= 32);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /JWT_SECRET is not set/);
  });
});

Deno.test("the OpenAPI document describes the account, key and admin routes", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const doc = await (await app.request("/api/openapi.json")).json();
    const expected: [string, string][] = [
      ["post", "/api/auth/register"],
      ["post", "/api/auth/login"],
      ["post", "/api/auth/refresh"],
      ["post", "/api/auth/logout"],
      ["post", "/api/auth/logout-all"],
      ["get", "/api/auth/me"],
      ["get", "/api/auth/sessions"],
      ["delete", "/api/auth/sessions/{id}"],
      ["post", "/api/keys"],
      ["get", "/api/keys"],
      ["get", "/api/keys/{id}"],
      ["delete", "/api/keys/{id}"],
      ["get", "/api/keys/{id}/usage"],
      ["get", "/api/admin/users"],
      ["patch", "/api/admin/users/{id}"],
    ];
    for (const [method, path] of expected) {
      assert.ok(doc.paths[path]?.[method], `${method} ${path} is documented`);
    }
    const login = doc.paths["/api/auth/login"].post;
    assert.ok(login.responses["200"].content["application/json"].schema);
    assert.ok(login.responses["429"].content["application/problem+json"]);
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), [
      "apiKeyAuth",
      "bearerAuth",
      "sessionAuth",
    ]);
    assert.deepEqual(doc.paths["/api/keys"].post.security, [{ sessionAuth: [] }]);
    assert.deepEqual(doc.paths["/api/admin/users"].get.security, [{ bearerAuth: ["admin"] }, {
      apiKeyAuth: ["admin"],
    }]);
    const password = doc.components.schemas.Credentials.properties.password;
    assert.equal(password.minLength, 12);
    assert.equal(password.maxLength, 256);
  });
});
