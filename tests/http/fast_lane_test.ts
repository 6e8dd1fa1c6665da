import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { createResponseCache, serveCached } from "../../http/cache.ts";
import { createEventBus } from "../../bus/events.ts";
import { createMetrics, type Metrics } from "../../metrics.ts";
import { loadConfig } from "../../config.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { seed, writeAndPublish } from "../_helpers.ts";

const URL_WEEK =
  "/api/v1/observations?series=load.actual&start=2025-12-01T00:00:00Z&end=2025-12-08T00:00:00Z&resolution=raw";

async function laneApp(db: TestDatabase, env: Record<string, string> = {}) {
  await seed(db, {
    key: "load.actual",
    interval: 3600,
    unit: "MW",
    feed: "np6_346",
    start: "2025-12-01T00:00:00Z",
    n: 7 * 24,
    value: (i) => 40000 + i,
  });
  const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
  const cache = createResponseCache();
  const metrics = createMetrics();
  const config = loadConfig({ RATE_LIMIT_ENABLED: "false", ...env });
  const app = createApp(testDeps(db, { bus, cache, metrics, config }));
  // The cache keeps entries once it listens to the bus: ask until one is kept.
  await waitFor(async () => {
    await (await app.request(URL_WEEK)).arrayBuffer();
    return cache.stats().entries === 1;
  }, "the answer to be cached");
  return { app, bus, cache, metrics };
}

function laneCount(metrics: Metrics): number {
  const m = /^api_fast_lane_total (\d+)$/m.exec(metrics.render());
  return m ? Number(m[1]) : NaN;
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  // Each answer has its own request id; everything else is replayed.
  for (const [name, value] of res.headers) {
    if (name !== "date" && name !== "x-request-id") out[name] = value;
  }
  return out;
}

Deno.test("a repeated anonymous read is served by the fast lane with the chain's exact answer", async () => {
  await withDatabase(async (db) => {
    const { app, bus, metrics } = await laneApp(db);
    const viaChain = await app.request(URL_WEEK);
    const chainBody = await viaChain.text();
    const before = laneCount(metrics);
    const viaLane = await app.request(URL_WEEK);
    assert.equal(laneCount(metrics), before + 1, "the second answer came from the lane");
    assert.equal(viaLane.status, 200);
    assert.deepEqual(headersOf(viaLane), headersOf(viaChain));
    assert.equal(await viaLane.text(), chainBody);
    assert.equal(viaLane.headers.get("x-content-type-options"), "nosniff");
    assert.equal(JSON.parse(chainBody).series[0].v[0], 40000);

    const notModified = await app.request(URL_WEEK, {
      headers: { "if-none-match": viaChain.headers.get("etag")! },
    });
    assert.equal(notModified.status, 304);
    assert.equal(await notModified.text(), "");
    assert.equal(notModified.headers.get("etag"), viaChain.headers.get("etag"));
    assert.equal(laneCount(metrics), before + 2);
    assert.match(
      metrics.render(),
      /^http_requests_total\{method="GET",route="\/api\/v1\/observations",status="304"\} 1$/m,
    );
    await bus.close();
  });
});

Deno.test("the fast lane stops serving an answer once ingestion writes its series", async () => {
  await withDatabase(async (db) => {
    const { app, bus, cache, metrics } = await laneApp(db);
    await (await app.request(URL_WEEK)).arrayBuffer();
    await writeAndPublish(db, bus, {
      key: "load.actual",
      feed: "np6_346",
      ts: "2025-12-01T00:00:00Z",
      value: 7,
    });
    await waitFor(() => cache.stats().entries === 0, "the write to invalidate the entry");
    const lane = laneCount(metrics);
    const fresh = await (await app.request(URL_WEEK)).json();
    assert.equal(fresh.series[0].v[0], 7);
    assert.equal(laneCount(metrics), lane, "the chain answered after the invalidation");
    await bus.close();
  });
});

Deno.test("credentials, an Origin or another Accept never get the lane's answer", async () => {
  await withDatabase(async (db) => {
    const { app, bus, metrics } = await laneApp(db);
    const lane = laneCount(metrics);
    const bearer = await app.request(URL_WEEK, { headers: { authorization: "Bearer forged" } });
    assert.equal(bearer.status, 401);
    const key = await app.request(URL_WEEK, { headers: { "x-api-key": "ea_forged" } });
    assert.equal(key.status, 401);
    const csv = await app.request(URL_WEEK, { headers: { accept: "text/csv" } });
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(await csv.text(), /^series,ts,value,unit\n/);
    const origin = await app.request(URL_WEEK, {
      headers: { origin: "https://elsewhere.example" },
    });
    assert.equal(origin.status, 200);
    await origin.arrayBuffer();
    assert.equal(laneCount(metrics), lane, "none of them went through the lane");
    await bus.close();
  });
});

Deno.test("with rate limiting on, the lane counts each request and the limit still holds", async () => {
  await withDatabase(async (db) => {
    const { app, bus, metrics } = await laneApp(db, {
      RATE_LIMIT_ENABLED: "true",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "40",
      TRUST_PROXY: "true",
    });
    const from = { headers: { "x-forwarded-for": "203.0.113.44" } };
    const lane = laneCount(metrics);
    let remaining = 40;
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await app.request(URL_WEEK, from);
      statuses.push(res.status);
      await res.body?.cancel();
      if (res.status !== 200) continue;
      const left = Number(res.headers.get("ratelimit-remaining"));
      assert.equal(left, remaining - 1, `request ${i} counted once`);
      remaining = left;
      assert.equal(res.headers.get("ratelimit-limit"), "40");
    }
    assert.deepEqual(statuses.slice(0, 40), Array(40).fill(200));
    assert.deepEqual(statuses.slice(40), Array(5).fill(429));
    // The lower half of the budget went through the lane, the rest through the chain.
    assert.ok(laneCount(metrics) - lane >= 15, `lane served ${laneCount(metrics) - lane}`);
    await bus.close();
  });
});

Deno.test("the lane never serves reads that need sign-in", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "load.actual", start: "2025-12-01T00:00:00Z", n: 4 });
    const config = loadConfig({ RATE_LIMIT_ENABLED: "false", REQUIRE_AUTH_FOR_READS: "true" });
    const metrics = createMetrics();
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const app = createApp(testDeps(db, { config, metrics, bus }));
    for (let i = 0; i < 3; i++) {
      assert.equal((await app.request(URL_WEEK)).status, 401);
    }
    // No lane at all: nothing it could serve would be for a signed-in caller only.
    assert.doesNotMatch(metrics.render(), /api_fast_lane_total/);
    await bus.close();
  });
});

Deno.test("after Central midnight neither the lane nor the cache serves yesterday's default window", async () => {
  await withDatabase(async (db) => {
    await seed(db, {
      key: "load.actual",
      interval: 3600,
      unit: "MW",
      feed: "np6_346",
      start: "2025-12-30T06:00:00Z",
      n: 72,
    });
    // 23:59:30 Central (CST) on 2026-01-01.
    let now = Date.parse("2026-01-02T05:59:30Z");
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const cache = createResponseCache();
    const metrics = createMetrics();
    const config = loadConfig({ RATE_LIMIT_ENABLED: "false" });
    const app = createApp(
      testDeps(db, { bus, cache, metrics, config, clock: () => new Date(now) }),
    );
    const url = "/api/v1/demand-forecast";
    await waitFor(async () => {
      await (await app.request(url)).arrayBuffer();
      return cache.stats().entries === 1;
    }, "the answer to be cached");
    const lane = laneCount(metrics);
    const before = await (await app.request(url)).json();
    assert.equal(laneCount(metrics), lane + 1, "served by the lane before midnight");
    assert.equal(before.start, "2025-12-31T06:00:00.000Z");
    now += 40_000; // 00:00:10 Central on 2026-01-02, well within the lane's alias age
    const after = await (await app.request(url)).json();
    assert.equal(after.start, "2026-01-01T06:00:00.000Z");
    assert.equal(after.end, "2026-01-04T06:00:00.000Z");
    await bus.close();
  });
});

Deno.test("an answer that sets a cookie is never replayed by the lane", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const cache = createResponseCache();
    const metrics = createMetrics();
    const config = loadConfig({ RATE_LIMIT_ENABLED: "false" });
    const app = createApp(testDeps(db, { bus, cache, metrics, config }));
    let n = 0;
    app.get("/api/v1/probe-cookie", (c) => {
      c.header("set-cookie", `visit=${++n}; HttpOnly`);
      return serveCached(c, cache, Date.now(), {
        key: "probe-cookie",
        tags: [],
        contentType: "application/json",
        build: () => Promise.resolve({ body: "{}", cacheControl: "no-store" }),
      });
    });
    await waitFor(async () => {
      await (await app.request("/api/v1/probe-cookie")).arrayBuffer();
      return cache.stats().entries === 1;
    }, "the answer to be cached");
    const from = n;
    for (let i = 1; i <= 4; i++) {
      const res = await app.request("/api/v1/probe-cookie");
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("set-cookie"), `visit=${from + i}; HttpOnly`);
    }
    assert.equal(laneCount(metrics), 0);
    await bus.close();
  });
});
