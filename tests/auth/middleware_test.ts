import assert from "node:assert/strict";
import { decodeJwt, exportSPKI, generateKeyPair, SignJWT } from "jose";
import { ACCESS_AUDIENCE, ISSUER } from "../../auth/tokens.ts";
import { needs, SESSION } from "../../http/access.ts";
import { withDatabase } from "../_db.ts";
import {
  accountApp,
  assertProblem,
  bearer,
  jsonBody,
  mountProbe,
  signUp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../_accounts.ts";

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replaceAll("=", "").replaceAll("+", "-").replaceAll("/", "_");
}

function mountProbes(t: TestApp): void {
  t.app.get("/api/v1/probe", (c) => c.json({ ok: true }));
  t.app.post("/api/v1/probe", (c) => c.json({ ok: true }));
  t.app.post("/api/things", (c) => c.json({ ok: true }));
  mountProbe(t.app, "get", "/api/probe/read", needs("read"));
  mountProbe(t.app, "get", "/api/probe/write", needs("write"));
  mountProbe(t.app, "get", "/api/probe/session", SESSION);
  mountProbe(t.app, "post", "/api/probe/public");
}

type JWTPayload = ReturnType<typeof decodeJwt>;

function signWith(
  claims: JWTPayload,
  key: CryptoKey | Uint8Array,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "at+jwt", ...header }).sign(
    key,
  );
}

/** Tokens whose algorithm, key or bytes are wrong. */
async function forgedTokens(real: string, otherUserId: string): Promise<[string, string][]> {
  const claims = decodeJwt(real);
  const rsa = await generateKeyPair("RS256", { extractable: true });
  const publicPem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
  const [h, p, s] = real.split(".");
  const none = b64url({ alg: "none", typ: "at+jwt" });
  return [
    ["alg none", `${none}.${p}.`],
    ["alg none with the old signature", `${none}.${p}.${s}`],
    ["RS256 signed with a generated key", await signWith(claims, rsa.privateKey, { alg: "RS256" })],
    ["HS256 signed with the RSA public key bytes", await signWith(claims, publicPem)],
    ["HS512 with the right secret", await signWith(claims, secret, { alg: "HS512" })],
    [
      "HS256 with another secret",
      await signWith(claims, new TextEncoder().encode("other-".repeat(8))),
    ],
    [
      "tampered payload, original signature",
      `${h}.${b64url({ ...claims, sub: otherUserId })}.${s}`,
    ],
    ["tampered header, original signature", `${b64url({ alg: "HS384", typ: "at+jwt" })}.${p}.${s}`],
    ["truncated signature", real.slice(0, -4)],
    ["two segments", `${h}.${p}`],
    ["not a JWT", "hello"],
  ];
}

/** Tokens correctly signed with the real secret whose claims or header are wrong. */
async function badClaimTokens(real: string, otherUserId: string): Promise<[string, string][]> {
  const claims = decodeJwt(real);
  const now = claims.iat!;
  const sign = (change: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    signWith({ ...claims, ...change }, secret, header);
  return [
    ["expired", await sign({ iat: now - 3600, nbf: now - 3600, exp: now - 60 })],
    ["nbf in the future", await sign({ nbf: now + 3600 })],
    ["iat in the future", await sign({ iat: now + 3600, exp: now + 4000 })],
    ["wrong audience", await sign({ aud: "someone-else" })],
    ["wrong issuer", await sign({ iss: "https://evil.example" })],
    ["no exp", await sign({ exp: undefined })],
    ["no iat", await sign({ iat: undefined })],
    ["no nbf", await sign({ nbf: undefined })],
    ["exp = 1e308", await sign({ exp: 1e308 })],
    ["exp past the largest safe integer", await sign({ exp: 2 ** 53 + 2 })],
    ["exp with a fraction", await sign({ exp: now + 60.5 })],
    ["exp a year after iat", await sign({ exp: now + 366 * 86_400 })],
    ["exp as a string", await sign({ exp: String(now + 60) })],
    ["iat with a fraction", await sign({ iat: now + 0.25 })],
    ["iat = -1e308", await sign({ iat: -1e308 })],
    ["nbf with a fraction", await sign({ nbf: now - 0.5 })],
    ["nbf = -1e308", await sign({ nbf: -1e308 })],
    ["no session id", await sign({ sid: undefined })],
    ["a session id that does not exist", await sign({ sid: crypto.randomUUID() })],
    ["another user's id with this session", await sign({ sub: otherUserId })],
    ["a subject that is not an id", await sign({ sub: "admin" })],
    ["typ JWT instead of at+jwt", await sign({}, { typ: "JWT" })],
  ];
}

Deno.test("the JWT attack corpus is refused with a 401 problem everywhere", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    mountProbes(app);
    const victim = await signUp(app.app, "victim@example.com");
    const other = await signUp(app.app, "other@example.com");
    assert.equal(decodeJwt(victim.access).iss, ISSUER);
    assert.equal(decodeJwt(victim.access).aud, ACCESS_AUDIENCE);
    const corpus = [
      ...await forgedTokens(victim.access, other.id),
      ...await badClaimTokens(victim.access, other.id),
    ];
    for (const [name, token] of corpus) {
      await t.step(name, async () => {
        for (const path of ["/api/auth/me", "/api/v1/probe", "/health", "/no-such-page"]) {
          const res = await app.app.request(path, { headers: bearer(token) });
          await assertProblem(res, 401);
          assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
        }
      });
    }
    await t.step("the genuine token still works", async () => {
      assert.equal(
        (await app.app.request("/api/auth/me", { headers: bearer(victim.access) })).status,
        200,
      );
    });
  });
});

Deno.test("credentials with another scheme, malformed headers or two headers are a 401", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    mountProbes(app);
    const a = await signUp(app.app, "a@example.com");
    const cases: [string, Record<string, string>][] = [
      ["Basic", { authorization: `Basic ${btoa("a@example.com:password")}` }],
      ["Token", { authorization: `Token ${a.access}` }],
      ["Digest", { authorization: `Digest ${a.access}` }],
      ["Bearer with no token", { authorization: "Bearer" }],
      ["Bearer with two tokens", { authorization: `Bearer ${a.access} ${a.access}` }],
      ["the token with no scheme", { authorization: a.access }],
      ["both Authorization and X-API-Key", { ...bearer(a.access), "x-api-key": "ea_x" }],
      ["an empty X-API-Key", { "x-api-key": " " }],
      ["a JWT in X-API-Key", { "x-api-key": a.access }],
    ];
    for (const [name, headers] of cases) {
      await t.step(name, async () => {
        await assertProblem(await app.app.request("/api/v1/probe", { headers }), 401);
      });
    }
    await t.step("the scheme is case-insensitive", async () => {
      const res = await app.app.request("/api/auth/me", {
        headers: { authorization: `bearer ${a.access}` },
      });
      assert.equal(res.status, 200);
    });
  });
});

Deno.test("ERCOT data reads are open by default and closed by REQUIRE_AUTH_FOR_READS", async (t) => {
  await withDatabase(async (db) => {
    const open = accountApp(db);
    mountProbes(open);
    const closed = accountApp(db, { REQUIRE_AUTH_FOR_READS: "true" });
    mountProbes(closed);
    const a = await signUp(open.app, "a@example.com");
    await t.step("open: anonymous GET /api/v1 answers 200", async () => {
      assert.equal((await open.app.request("/api/v1/probe")).status, 200);
    });
    await t.step("closed: anonymous GET /api/v1 answers 401", async () => {
      await assertProblem(await closed.app.request("/api/v1/probe"), 401);
      assert.equal((await closed.app.request("/api/v1/probe", { method: "HEAD" })).status, 401);
    });
    await t.step("closed: a signed-in GET answers 200", async () => {
      assert.equal(
        (await closed.app.request("/api/v1/probe", { headers: bearer(a.access) })).status,
        200,
      );
    });
    await t.step("closed: register and login stay open", async () => {
      const res = await closed.app.request(
        "/api/auth/login",
        jsonBody("POST", { email: "a@example.com", password: "wrong password 1" }),
      );
      await assertProblem(res, 401);
      await assertProblem(
        await closed.app.request("/api/auth/register", jsonBody("POST", {})),
        400,
      );
    });
  });
});

Deno.test("writes need a user everywhere under /api, and the write scope under /api/v1", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    mountProbes(app);
    await signUp(app.app, "admin@example.com");
    const viewer = await signUp(app.app, "viewer@example.com");
    const admin = await signUp(app.app, "writer@example.com");
    await db.db.sql`update users set role = 'viewer' where email = 'viewer@example.com'`;
    await t.step("anonymous POST /api/v1 is a 401", async () => {
      await assertProblem(await app.app.request("/api/v1/probe", { method: "POST" }), 401);
    });
    await t.step("anonymous POST elsewhere under /api is a 401", async () => {
      await assertProblem(await app.app.request("/api/things", { method: "POST" }), 401);
    });
    await t.step("a viewer may read but not write", async () => {
      assert.equal(
        (await app.app.request("/api/v1/probe", { headers: bearer(viewer.access) })).status,
        200,
      );
      await assertProblem(
        await app.app.request("/api/v1/probe", { method: "POST", headers: bearer(viewer.access) }),
        403,
      );
    });
    await t.step("a user may write", async () => {
      assert.equal(
        (await app.app.request("/api/v1/probe", { method: "POST", headers: bearer(admin.access) }))
          .status,
        200,
      );
    });
  });
});

Deno.test("declared access: public, needs(scope) and SESSION answer 401 for anonymous and 403 for too little", async () => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    mountProbes(app);
    await signUp(app.app, "admin@example.com");
    const viewer = await signUp(app.app, "viewer@example.com");
    await db.db.sql`update users set role = 'viewer' where email = 'viewer@example.com'`;
    const key = await (await app.app.request(
      "/api/keys",
      jsonBody("POST", { name: "k", scopes: ["read"] }, bearer(viewer.access)),
    )).json();
    const get = (path: string, headers: Record<string, string> = {}) =>
      app.app.request(path, { headers });
    for (const path of ["/api/probe/read", "/api/probe/write", "/api/probe/session"]) {
      await assertProblem(await get(path), 401);
    }
    assert.equal((await app.app.request("/api/probe/public", { method: "POST" })).status, 200);
    assert.equal((await get("/api/probe/read", bearer(viewer.access))).status, 200);
    assert.equal((await get("/api/probe/read", { "x-api-key": key.key })).status, 200);
    const scope = await assertProblem(await get("/api/probe/write", bearer(viewer.access)), 403);
    assert.match(String(scope.detail), /lacks the "write" scope/);
    assert.equal((await get("/api/probe/session", bearer(viewer.access))).status, 200);
    const session = await assertProblem(
      await get("/api/probe/session", { "x-api-key": key.key }),
      403,
    );
    assert.match(String(session.detail), /needs a session access token, not an API key/);
  });
});
