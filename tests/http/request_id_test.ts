import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { createResponseCache } from "../../http/cache.ts";
import { createEventBus } from "../../bus/events.ts";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../log/logger.ts";
import { testDeps, withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { seed } from "../_helpers.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

Deno.test("every answer carries X-Request-Id: the caller's when sane, else a new one", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const own = await app.request("/health", { headers: { "x-request-id": "lb-7f3a.42:x" } });
    assert.equal(own.headers.get("x-request-id"), "lb-7f3a.42:x");
    await own.body?.cancel();
    for (const sent of [undefined, "", "has space", "<script>", "x".repeat(200), "-leading"]) {
      const res = await app.request("/health", {
        headers: sent === undefined ? {} : { "x-request-id": sent },
      });
      assert.match(res.headers.get("x-request-id") ?? "", UUID, String(sent));
      await res.body?.cancel();
    }
  });
});

Deno.test("a problem+json body quotes the answer's request id", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const bad = await app.request("/api/v1/observations?series=x&max_points=lots", {
      headers: { "x-request-id": "req-400" },
    });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).request_id, "req-400");
    const missing = await app.request("/api/nope");
    assert.equal(missing.status, 404);
    const body = await missing.json();
    assert.match(body.request_id, UUID);
    assert.equal(body.request_id, missing.headers.get("x-request-id"));
    const denied = await app.request("/api/keys", { headers: { "x-request-id": "req-401" } });
    assert.equal(denied.status, 401);
    assert.equal((await denied.json()).request_id, "req-401");
  });
});

Deno.test("request log lines carry the request id, for the chain and the fast lane alike", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "spp.rt.hb_west", start: "2025-12-01T00:00:00Z", n: 96 });
    const lines: string[] = [];
    const cache = createResponseCache();
    const app = createApp(testDeps(db, {
      config: loadConfig({ LOG_LEVEL: "debug", RATE_LIMIT_ENABLED: "false" }),
      bus: createEventBus({ sql: db.db.sql, mode: db.db.mode }),
      cache,
      log: createLogger({
        level: "debug",
        format: "json",
        write: (line, level) => lines.push(`${level} ${JSON.parse(line).message}`),
      }),
    }));
    const url =
      "/api/v1/observations?series=spp.rt.hb_west&start=2025-12-01T00:00:00Z&end=2025-12-02T00:00:00Z";
    await waitFor(async () => {
      await (await app.request(url)).arrayBuffer();
      return cache.stats().entries === 1;
    }, "the answer to be cached");
    await (await app.request(url)).arrayBuffer();
    const ids: string[] = [];
    for (const id of ["first-1", "second-2"]) {
      const res = await app.request(url, { headers: { "x-request-id": id } });
      ids.push(res.headers.get("x-request-id")!);
      await res.arrayBuffer();
      assert.ok(
        lines.some((l) => l.startsWith("debug GET /api/v1/observations 200") && l.endsWith(id)),
        `a log line for ${id}`,
      );
    }
    assert.deepEqual(ids, ["first-1", "second-2"], "the lane does not replay an earlier id");
    const fresh = await app.request(url);
    assert.match(fresh.headers.get("x-request-id") ?? "", UUID);
    await fresh.arrayBuffer();
  });
});
