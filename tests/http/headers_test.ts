import assert from "node:assert/strict";
import { CONTENT_SECURITY_POLICY } from "../../http/headers.ts";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp, type TestApp } from "../_accounts.ts";

function assertSecurityHeaders(res: Response, label: string): void {
  assert.equal(res.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY, label);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff", label);
  assert.equal(res.headers.get("referrer-policy"), "no-referrer", label);
}

function mountProbes(t: TestApp): void {
  t.app.get("/boom", () => {
    throw new Error("connection to 10.0.0.5 failed: password authentication failed for user ercot");
  });
  t.app.post("/api/echo", async (c) => c.json({ size: (await c.req.text()).length }, 200));
  t.app.get(
    "/own-csp",
    (c) => c.text("x", 200, { "content-security-policy": "default-src 'none'" }),
  );
}

Deno.test("CSP has no inline scripts and every directive the policy needs", () => {
  assert.ok(!CONTENT_SECURITY_POLICY.includes("unsafe-inline"));
  assert.ok(!CONTENT_SECURITY_POLICY.includes("unsafe-eval"));
  for (
    const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ]
  ) assert.ok(CONTENT_SECURITY_POLICY.includes(directive), directive);
});

Deno.test("security headers are on 200, 401, 404, 405, 413, 429 and 500 responses", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db, { MAX_BODY_BYTES: "64", RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1" });
    mountProbes(t);
    const responses: [number, Response][] = [
      [200, await t.app.request("/health")],
      [401, await t.app.request("/health", { headers: bearer("nonsense") })],
      [404, await t.app.request("/no-such-page")],
      [405, await t.app.request("/health", { method: "DELETE" })],
      [413, await t.app.request("/api/auth/login", { method: "POST", body: "x".repeat(65) })],
      [500, await t.app.request("/boom")],
    ];
    await t.app.request("/api/v1/anything");
    responses.push([429, await t.app.request("/api/v1/anything")]);
    for (const [status, res] of responses) {
      assert.equal(res.status, status, await res.clone().text());
      assertSecurityHeaders(res, String(status));
      if (status !== 200) await assertProblem(res, status);
    }
  });
});

Deno.test("a 500 answers a generic problem and never the error's message", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    mountProbes(t);
    const res = await t.app.request("/boom");
    const body = await assertProblem(res, 500);
    assert.equal(body.detail, "An unexpected error occurred");
    assert.ok(!JSON.stringify(body).includes("password"));
  });
});

Deno.test("a 405 names the allowed methods in Allow", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const res = await t.app.request("/health", { method: "POST" });
    const body = await assertProblem(res, 405);
    assert.equal(res.headers.get("allow"), "GET, HEAD");
    assert.match(String(body.detail), /POST is not allowed on \/health/);
  });
});

Deno.test("a route's own stricter Content-Security-Policy is kept", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    mountProbes(t);
    const res = await t.app.request("/own-csp");
    assert.equal(res.headers.get("content-security-policy"), "default-src 'none'");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  });
});

Deno.test("HSTS is sent over TLS or X-Forwarded-Proto https, never over plain HTTP", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    assert.equal(
      (await app.request("http://localhost/health")).headers.get("strict-transport-security"),
      null,
    );
    const tls = await app.request("https://localhost/health");
    assert.match(tls.headers.get("strict-transport-security") ?? "", /^max-age=31536000/);
    const proxied = await app.request("http://localhost/no-such-page", {
      headers: { "x-forwarded-proto": "https" },
    });
    assert.match(proxied.headers.get("strict-transport-security") ?? "", /^max-age=31536000/);
  });
});

Deno.test("CORS answers only the configured origins", async (t) => {
  await withDatabase(async (db) => {
    const none = accountApp(db);
    const some = accountApp(db, {
      CORS_ORIGINS: "https://grid.example.com, https://ops.example.com",
    });
    const from = (origin: string, init: RequestInit = {}) => ({
      ...init,
      headers: { origin, ...(init.headers as Record<string, string> ?? {}) },
    });
    await t.step("no origins configured: no CORS headers", async () => {
      const res = await none.app.request("/health", from("https://grid.example.com"));
      assert.equal(res.headers.get("access-control-allow-origin"), null);
    });
    await t.step("a configured origin is echoed", async () => {
      const res = await some.app.request("/health", from("https://ops.example.com"));
      assert.equal(res.headers.get("access-control-allow-origin"), "https://ops.example.com");
      assert.match(res.headers.get("access-control-expose-headers") ?? "", /RateLimit-Remaining/);
      assert.match(res.headers.get("vary") ?? "", /Origin/);
    });
    await t.step("another origin gets nothing", async () => {
      const res = await some.app.request("/health", from("https://evil.example"));
      assert.equal(res.headers.get("access-control-allow-origin"), null);
      assert.equal(res.headers.get("access-control-expose-headers"), null);
    });
    await t.step(
      "a preflight from a configured origin is answered with headers allowed",
      async () => {
        const res = await some.app.request(
          "/api/keys",
          from("https://grid.example.com", {
            method: "OPTIONS",
            headers: {
              "access-control-request-method": "POST",
              "access-control-request-headers": "authorization",
            },
          }),
        );
        assert.equal(res.status, 204);
        assert.equal(res.headers.get("access-control-allow-origin"), "https://grid.example.com");
        assert.match(res.headers.get("access-control-allow-headers") ?? "", /X-API-Key/);
        assertSecurityHeaders(res, "preflight");
      },
    );
    await t.step("a preflight from another origin is not", async () => {
      const res = await some.app.request(
        "/api/keys",
        from("https://evil.example", { method: "OPTIONS" }),
      );
      assert.equal(res.headers.get("access-control-allow-origin"), null);
    });
  });
});

Deno.test("request bodies over MAX_BODY_BYTES are a 413 problem, declared or streamed", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db, { MAX_BODY_BYTES: "1024" });
    mountProbes(t);
    const a = await signUp(t.app, "a@example.com");
    const big = JSON.stringify({ email: "a@example.com", password: "x".repeat(2000) });
    const declared = await t.app.request("/api/auth/login", jsonBody("POST", JSON.parse(big)));
    const problem = await assertProblem(declared, 413);
    assert.match(String(problem.detail), /larger than 1024 bytes/);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode("y".repeat(400)));
        controller.close();
      },
    });
    const streamed = await t.app.request("/api/echo", {
      method: "POST",
      headers: bearer(a.access),
      body: stream,
      duplex: "half",
    } as RequestInit);
    await assertProblem(streamed, 413);
    const small = await t.app.request("/api/echo", {
      method: "POST",
      headers: bearer(a.access),
      body: "z".repeat(1024),
    });
    assert.deepEqual(await small.json(), { size: 1024 });
  });
});
