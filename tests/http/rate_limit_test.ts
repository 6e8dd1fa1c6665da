import assert from "node:assert/strict";
import { createRateLimiter } from "../../http/rate_limit.ts";
import { ValidationError } from "../../domain/errors.ts";
import type { Sql } from "../../db/client.ts";
import { withDatabase } from "../_db.ts";
import { assertThrowsWith } from "../_assert.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp, type TestApp } from "../_accounts.ts";

const SMALL = {
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: "3",
  RATE_LIMIT_ANONYMOUS_PER_HOUR: "10",
  RATE_LIMIT_ANONYMOUS_PER_DAY: "100",
  RATE_LIMIT_USER_PER_MINUTE: "5",
  RATE_LIMIT_KEY_PER_MINUTE: "2",
  TRUST_PROXY: "true",
};

function probe(t: TestApp): TestApp {
  t.app.get("/api/v1/probe", (c) => c.json({ ok: true }));
  return t;
}

function fromIp(ip: string, headers: Record<string, string> = {}): RequestInit {
  return { headers: { "x-forwarded-for": `198.51.100.1, ${ip}`, ...headers } };
}

Deno.test("anonymous requests are limited per IP with RateLimit headers, then 429 with Retry-After", async () => {
  await withDatabase(async (db) => {
    const t = probe(accountApp(db, SMALL));
    t.advance(15_000);
    for (const remaining of ["2", "1", "0"]) {
      const res = await t.app.request("/api/v1/probe", fromIp("203.0.113.1"));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit-limit"), "3");
      assert.equal(res.headers.get("ratelimit-remaining"), remaining);
      assert.equal(res.headers.get("ratelimit-reset"), "45");
      assert.equal(res.headers.get("ratelimit-policy"), "3;w=60, 10;w=3600, 100;w=86400");
    }
    const limited = await t.app.request("/api/v1/probe", fromIp("203.0.113.1"));
    const problem = await assertProblem(limited, 429);
    assert.equal(limited.headers.get("retry-after"), "45");
    assert.equal(limited.headers.get("ratelimit-remaining"), "0");
    assert.match(
      String(problem.detail),
      /3 requests per minute reached for anonymous requests from 203\.0\.113\.1/,
    );
    assert.equal((await t.app.request("/api/v1/probe", fromIp("203.0.113.2"))).status, 200);
    t.advance(45_000);
    assert.equal((await t.app.request("/api/v1/probe", fromIp("203.0.113.1"))).status, 200);
  });
});

Deno.test("the hourly limit holds across minutes and names the hour window", async () => {
  await withDatabase(async (db) => {
    const t = probe(accountApp(db, SMALL));
    for (let i = 0; i < 10; i++) {
      if (i % 3 === 0) t.advance(60_000);
      assert.equal(
        (await t.app.request("/api/v1/probe", fromIp("203.0.113.9"))).status,
        200,
        `request ${i}`,
      );
    }
    t.advance(60_000);
    const limited = await t.app.request("/api/v1/probe", fromIp("203.0.113.9"));
    const problem = await assertProblem(limited, 429);
    assert.match(String(problem.detail), /10 requests per hour/);
    assert.equal(limited.headers.get("ratelimit-limit"), "10");
    // It is 00:06; the hour window reopens at 01:00.
    assert.equal(limited.headers.get("retry-after"), String(54 * 60));
  });
});

Deno.test("users and API keys have their own counters and limits", async () => {
  await withDatabase(async (db) => {
    const t = probe(accountApp(db, SMALL));
    const a = await signUp(t.app, "a@example.com");
    const key = (await (await t.app.request(
      "/api/keys",
      jsonBody("POST", { name: "k", scopes: ["read"] }, bearer(a.access)),
    )).json()).key;
    for (let i = 0; i < 3; i++) await t.app.request("/api/v1/probe", fromIp("203.0.113.1"));
    await assertProblem(await t.app.request("/api/v1/probe", fromIp("203.0.113.1")), 429);
    const asUser = await t.app.request("/api/v1/probe", fromIp("203.0.113.1", bearer(a.access)));
    assert.equal(asUser.status, 200);
    assert.equal(asUser.headers.get("ratelimit-limit"), "5");
    const asKey = await t.app.request("/api/v1/probe", fromIp("203.0.113.1", { "x-api-key": key }));
    assert.equal(asKey.status, 200);
    assert.equal(asKey.headers.get("ratelimit-limit"), "2");
    await t.app.request("/api/v1/probe", { headers: { "x-api-key": key } });
    const keyLimited = await t.app.request("/api/v1/probe", { headers: { "x-api-key": key } });
    const problem = await assertProblem(keyLimited, 429);
    assert.match(String(problem.detail), /for this API key/);
    assert.equal((await t.app.request("/api/v1/probe", { headers: bearer(a.access) })).status, 200);
  });
});

Deno.test("two replicas over one database share the counters", async () => {
  await withDatabase(async (db) => {
    const one = probe(accountApp(db, SMALL));
    const two = probe(accountApp(db, SMALL));
    assert.equal((await one.app.request("/api/v1/probe", fromIp("203.0.113.5"))).status, 200);
    assert.equal((await two.app.request("/api/v1/probe", fromIp("203.0.113.5"))).status, 200);
    assert.equal((await one.app.request("/api/v1/probe", fromIp("203.0.113.5"))).status, 200);
    await assertProblem(await two.app.request("/api/v1/probe", fromIp("203.0.113.5")), 429);
    const rows = await db.db.sql`
      select window_seconds, count from rate_limit_counters where bucket = 'ip:203.0.113.5'
      order by window_seconds`;
    assert.deepEqual(rows.map((r) => [r.window_seconds, r.count]), [[60, 4], [3600, 4], [
      86400,
      4,
    ]]);
  });
});

const ROOMY = {
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: "100",
  RATE_LIMIT_ANONYMOUS_PER_HOUR: "1000",
  RATE_LIMIT_ANONYMOUS_PER_DAY: "10000",
  TRUST_PROXY: "true",
};

async function sharedCount(t: TestApp, bucket: string): Promise<number> {
  const [row] = await t.deps.sql<{ count: number }[]>`
    select count from rate_limit_counters where bucket = ${bucket} and window_seconds = 60`;
  return row?.count ?? 0;
}

Deno.test("far from its limits a client is counted in memory and flushed within a second", async () => {
  await withDatabase(async (db) => {
    const t = probe(accountApp(db, ROOMY));
    for (let i = 1; i <= 40; i++) {
      const res = await t.app.request("/api/v1/probe", fromIp("203.0.113.7"));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit-remaining"), String(100 - i), `request ${i}`);
    }
    // The first request read the shared counters; the other 39 were counted here.
    assert.equal(await sharedCount(t, "ip:203.0.113.7"), 1);
    t.advance(1500);
    // The next request, from anyone, flushes them, and is counted itself.
    await t.app.request("/api/v1/probe", fromIp("198.51.100.9"));
    assert.equal(await sharedCount(t, "ip:203.0.113.7"), 40);
    const next = await t.app.request("/api/v1/probe", fromIp("203.0.113.7"));
    assert.equal(next.headers.get("ratelimit-remaining"), "59");
    assert.equal(await sharedCount(t, "ip:203.0.113.7"), 40, "counted here again");
    t.advance(1500);
    await t.app.request("/api/v1/probe", fromIp("198.51.100.9"));
    assert.equal(await sharedCount(t, "ip:203.0.113.7"), 41);
  });
});

Deno.test("requests in flight together are each counted exactly once", async () => {
  await withDatabase(async (db) => {
    const t = probe(accountApp(db, ROOMY));
    const burst = async () => {
      const all = await Promise.all(
        Array.from({ length: 20 }, () => t.app.request("/api/v1/probe", fromIp("203.0.113.9"))),
      );
      for (const res of all) {
        assert.equal(res.status, 200);
        await res.body?.cancel();
      }
    };
    await burst(); // no tally yet: each goes to the database
    await burst(); // counted here
    t.advance(1500);
    await burst(); // a sweep and stale tallies race for the same pending counts
    t.advance(1500);
    await t.app.request("/api/v1/probe", fromIp("198.51.100.9"));
    assert.equal(await sharedCount(t, "ip:203.0.113.9"), 60);
    const next = await t.app.request("/api/v1/probe", fromIp("203.0.113.9"));
    assert.equal(next.headers.get("ratelimit-remaining"), String(100 - 61));
  });
});

Deno.test("past half a limit every request is counted in the database, and the limit holds across replicas", async () => {
  await withDatabase(async (db) => {
    const one = probe(accountApp(db, ROOMY));
    const two = probe(accountApp(db, ROOMY));
    const statuses: number[] = [];
    for (let i = 0; i < 110; i++) {
      const app = i % 2 === 0 ? one.app : two.app;
      const res = await app.request("/api/v1/probe", fromIp("203.0.113.8"));
      statuses.push(res.status);
      await res.body?.cancel();
    }
    // Each replica counted at most half the limit locally; past that, the database decides.
    assert.equal(statuses.filter((s) => s === 200).length, 100);
    assert.deepEqual(statuses.slice(100), Array(10).fill(429));
    assert.equal(await sharedCount(one, "ip:203.0.113.8") >= 100, true);
  });
});

Deno.test("paths outside /api are not counted, and RATE_LIMIT_ENABLED=false turns limits off", async () => {
  await withDatabase(async (db) => {
    const t = probe(accountApp(db, SMALL));
    for (let i = 0; i < 5; i++) {
      const res = await t.app.request("/health", fromIp("203.0.113.1"));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit-limit"), null);
    }
    const off = probe(accountApp(db, { ...SMALL, RATE_LIMIT_ENABLED: "false" }));
    for (let i = 0; i < 5; i++) {
      const res = await off.app.request("/api/v1/probe", fromIp("203.0.113.1"));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit-limit"), null);
    }
  });
});

Deno.test("createRateLimiter() refuses a limit that is not a positive integer at once", () => {
  const tier = { perMinute: 1, perHour: 1, perDay: 1 };
  // Construction must fail before the database is ever used.
  const sql = (() => assert.fail("the database was used")) as unknown as Sql;
  assertThrowsWith(
    () =>
      createRateLimiter({ sql, clock: () => new Date() }, {
        anonymous: tier,
        user: { ...tier, perHour: 0 },
        key: tier,
      }),
    ValidationError,
    "user.perHour",
    "got 0",
  );
});
