import assert from "node:assert/strict";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp, type TestApp } from "../_accounts.ts";

/** Serves `app` over real HTTP on `hostname`, port 0, for the length of `fn`. */
async function served(
  app: OpenAPIHono,
  hostname: string,
  fn: (url: string) => Promise<void>,
): Promise<void> {
  const server = Deno.serve({ port: 0, hostname, onListen() {} }, app.fetch);
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  try {
    await fn(`http://${host}:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

async function createKey(t: TestApp, access: string, extra: Record<string, unknown> = {}) {
  const res = await t.app.request(
    "/api/keys",
    jsonBody("POST", { name: "ci", scopes: ["read"], ...extra }, bearer(access)),
  );
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json() as { id: string; key: string; prefix: string; allowed_cidrs: unknown };
}

function basic(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${btoa(`${user}:${password}`)}` };
}

async function me(url: string, headers: Record<string, string>): Promise<Response> {
  return await fetch(`${url}/api/auth/me`, { headers });
}

Deno.test("a key with allowed_cidrs answers inside its ranges and 403s outside, naming the rule", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const loopback = await createKey(t, a.access, { allowed_cidrs: ["127.0.0.0/8"] });
    const elsewhere = await createKey(t, a.access, { allowed_cidrs: ["10.0.0.0/8", "::1"] });
    assert.deepEqual(elsewhere.allowed_cidrs, ["10.0.0.0/8", "::1/128"]);
    await served(t.app, "127.0.0.1", async (url) => {
      const ok = await me(url, { "x-api-key": loopback.key });
      assert.equal(ok.status, 200, await ok.clone().text());
      assert.equal((await ok.json()).key_id, loopback.id);
      const body = await assertProblem(await me(url, bearer(elsewhere.key)), 403);
      assert.equal(body.rule, "allowed_cidrs");
      assert.match(String(body.detail), /allowed_cidrs to 10\.0\.0\.0\/8, ::1\/128/);
      assert.match(String(body.detail), /127\.0\.0\.1 is outside/);
    });
    const [row] = await db.db.sql`select last_used_at from api_keys where id = ${elsewhere.id}`;
    assert.equal(row.last_used_at, null, "a refused use is not counted");
  });
});

Deno.test("allowed_cidrs judge the forwarded address only under TRUST_PROXY", async (t) => {
  await withDatabase(async (db) => {
    for (const trust of [true, false]) {
      await t.step(`TRUST_PROXY=${trust}`, async () => {
        const app = accountApp(db, { TRUST_PROXY: String(trust) });
        const a = await signUp(app.app, `${trust}@example.com`);
        const key = await createKey(app, a.access, {
          allowed_cidrs: ["203.0.113.0/24", "2001:db8::/32"],
        });
        await served(app.app, "127.0.0.1", async (url) => {
          for (const hops of ["198.51.100.7, 203.0.113.9", "::ffff:203.0.113.9", "2001:db8::5"]) {
            const res = await me(url, { "x-api-key": key.key, "x-forwarded-for": hops });
            assert.equal(res.status, trust ? 200 : 403, `${hops}: ${await res.text()}`);
          }
          // The last hop is the one the proxy saw; earlier ones are the client's to invent.
          const spoofed = await me(url, {
            "x-api-key": key.key,
            "x-forwarded-for": "203.0.113.9, 198.51.100.7",
          });
          await assertProblem(spoofed, 403);
        });
      });
    }
  });
});

Deno.test("an IPv6 client is matched against IPv6 ranges", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const inside = await createKey(t, a.access, { allowed_cidrs: ["::/64"] });
    const outside = await createKey(t, a.access, { allowed_cidrs: ["2001:db8::/32", "0.0.0.0/0"] });
    await served(t.app, "::1", async (url) => {
      assert.equal((await me(url, { "x-api-key": inside.key })).status, 200);
      const body = await assertProblem(await me(url, { "x-api-key": outside.key }), 403);
      assert.match(String(body.detail), /::1 is outside/);
    });
  });
});

Deno.test("HTTP Basic takes an API key as the password, as curl -u :key sends it", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const key = await createKey(t, a.access);
    await served(t.app, "127.0.0.1", async (url) => {
      for (const user of ["", "grafana"]) {
        const res = await me(url, basic(user, key.key));
        assert.equal(res.status, 200, await res.clone().text());
        assert.equal((await res.json()).key_id, key.id);
      }
      const curl = await new Deno.Command("curl", {
        args: ["-sS", "-u", `:${key.key}`, "-w", "\n%{http_code}", `${url}/api/auth/me`],
      }).output();
      const [body, code] = new TextDecoder().decode(curl.stdout).split("\n");
      assert.equal(code, "200", new TextDecoder().decode(curl.stderr));
      assert.equal(JSON.parse(body).key_id, key.id);
    });
  });
});

Deno.test("a wrong or non-key Basic password is a 401 with a Basic challenge", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    const a = await signUp(app.app, "a@example.com");
    const key = await createKey(app, a.access);
    const typo = key.key.at(-8) === "A" ? "B" : "A"; // always a different character
    const wrong = key.key.slice(0, -8) + typo + key.key.slice(-7);
    const cases: [string, Record<string, string>, RegExp][] = [
      ["a mistyped key", basic("", wrong), /checksum/],
      ["a password", basic("admin", "hunter2"), /takes an API key/],
      ["no colon", { authorization: `Basic ${btoa("justuser")}` }, /no password/],
      ["not base64", { authorization: "Basic %%%" }, /not base64/],
    ];
    for (const [name, headers, detail] of cases) {
      await t.step(name, async () => {
        const res = await app.app.request("/api/auth/me", { headers });
        assert.match(res.headers.get("www-authenticate") ?? "", /^Basic realm=/);
        assert.match(String((await assertProblem(res, 401)).detail), detail);
      });
    }
    await t.step("a bad Bearer token is challenged with Bearer", async () => {
      const res = await app.app.request("/api/auth/me", { headers: bearer("nonsense") });
      assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer realm=/);
      await assertProblem(res, 401);
    });
  });
});

Deno.test("X-API-Key naming a key with X-API-Secret carrying it authenticates", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    const a = await signUp(app.app, "a@example.com");
    const key = await createKey(app, a.access);
    const other = await createKey(app, a.access);
    for (const name of [key.prefix, key.id, key.key]) {
      await t.step(`X-API-Key ${name === key.key ? "the key" : name}`, async () => {
        const headers = { "x-api-key": name, "x-api-secret": key.key };
        const res = await app.app.request("/api/auth/me", { headers });
        assert.equal(res.status, 200, await res.clone().text());
        assert.equal((await res.json()).key_id, key.id);
      });
    }
    await t.step("another key's name is a 401", async () => {
      const headers = { "x-api-key": other.prefix, "x-api-secret": key.key };
      const body = await assertProblem(await app.app.request("/api/auth/me", { headers }), 401);
      assert.match(String(body.detail), /does not name the key/);
    });
    await t.step("a secret alone is a 401", async () => {
      const headers = { "x-api-secret": key.key };
      const body = await assertProblem(await app.app.request("/api/auth/me", { headers }), 401);
      assert.match(String(body.detail), /X-API-Secret needs X-API-Key/);
    });
  });
});

Deno.test("POST /api/keys refuses a malformed allowed_cidrs entry, naming it", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    const a = await signUp(app.app, "a@example.com");
    const cases: [unknown, RegExp][] = [
      [["10.0.0.0/8", "10.0.0.0/33"], /allowed_cidrs\.1.*prefix length "33"; use 0 to 32/],
      [["10.1.2.3/8"], /allowed_cidrs\.0.*host bits set; the range is 10\.0\.0\.0\/8/],
      [["intranet"], /allowed_cidrs\.0.*"intranet" does not start with an IPv4 or IPv6 address/],
      [["fe80::1%eth0/64"], /allowed_cidrs\.0/],
      [["10.0.0.0/8/8"], /not address\/prefix/],
      [["010.0.0.0/8"], /does not start with/],
      [["2001:db8::/129"], /use 0 to 128/],
      [[], /allowed_cidrs/],
    ];
    for (const [cidrs, detail] of cases) {
      await t.step(JSON.stringify(cidrs), async () => {
        const res = await app.app.request(
          "/api/keys",
          jsonBody("POST", { name: "x", scopes: ["read"], allowed_cidrs: cidrs }, bearer(a.access)),
        );
        const body = await assertProblem(res, 400);
        assert.match(String(body.detail), detail);
        assert.match(String(body.parameter), /^allowed_cidrs/);
      });
    }
    const [{ count }] = await db.db.sql`select count(*)::int as count from api_keys`;
    assert.equal(count, 0);
  });
});

Deno.test("a stream ticket minted by a limited key is refused from outside its ranges", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db, { TRUST_PROXY: "true" });
    const a = await signUp(t.app, "a@example.com");
    const key = await createKey(t, a.access, { allowed_cidrs: ["203.0.113.0/24"] });
    const minted = await t.app.request("/api/v1/stream/ticket", {
      method: "POST",
      headers: { "x-api-key": key.key, "x-forwarded-for": "203.0.113.9" },
    });
    assert.equal(minted.status, 201, await minted.clone().text());
    const { ticket } = await minted.json();
    const res = await t.app.request(`/api/v1/stream?ticket=${ticket}`, {
      headers: { "x-forwarded-for": "198.51.100.7" },
    });
    assert.equal((await assertProblem(res, 403)).rule, "allowed_cidrs");
  });
});
