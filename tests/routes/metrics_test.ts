import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { createMetrics } from "../../metrics.ts";
import { testDatabaseMode, testDeps, withDatabase } from "../_db.ts";

Deno.test("GET /metrics counts requests and latency by route and status", async () => {
  await withDatabase(async (db) => {
    const metrics = createMetrics();
    const app = createApp(testDeps(db, { metrics }));
    await app.request("/api/v1/series");
    await app.request("/api/v1/series/unknown.key");
    await app.request("/api/v1/series/unknown.key");
    const res = await app.request("/metrics");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.match(text, /^# TYPE http_requests_total counter$/m);
    assert.match(
      text,
      /^http_requests_total\{method="GET",route="\/api\/v1\/series",status="200"\} 1$/m,
    );
    assert.match(
      text,
      /^http_requests_total\{method="GET",route="\/api\/v1\/series\/:key",status="404"\} 2$/m,
    );
    assert.match(text, /^# TYPE http_request_duration_seconds histogram$/m);
    assert.match(
      text,
      /^http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/series\/:key",status="404",le="\+Inf"\} 2$/m,
    );
    assert.match(text, /^http_request_duration_seconds_count\{.*route="\/api\/v1\/series".*\} 1$/m);
    assert.match(text, /^sse_subscribers 0$/m);
    assert.match(text, /^process_resident_memory_bytes \d+$/m);
  });
});

Deno.test("metrics.ingestRows() and metrics.ingestLag() appear per feed", async () => {
  await withDatabase(async (db) => {
    const metrics = createMetrics();
    metrics.ingestRows("np6_905", 120);
    metrics.ingestRows("np6_905", 30);
    metrics.ingestLag("np6_905", 412.5);
    metrics.ingestLag("fuel_mix", 61);
    const text = await (await createApp(testDeps(db, { metrics })).request("/metrics")).text();
    assert.match(text, /^ingest_rows_total\{feed="np6_905"\} 150$/m);
    assert.match(text, /^ingest_lag_seconds\{feed="np6_905"\} 412\.5$/m);
    assert.match(text, /^ingest_lag_seconds\{feed="fuel_mix"\} 61$/m);
    assert.throws(() => metrics.ingestRows("np6_905", -1), /cannot grow by -1/);
  });
});

Deno.test("label values with quotes, backslashes and newlines are escaped", () => {
  const metrics = createMetrics();
  metrics.ingestRows('we"ird\\feed\n', 1);
  assert.match(metrics.render(), /^ingest_rows_total\{feed="we\\"ird\\\\feed\\n"\} 1$/m);
});

Deno.test("GET /health/database reports latency, pool mode and migration version", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const res = await app.request("/health/database");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, "ok");
    assert.equal(body.database, testDatabaseMode());
    assert.equal(body.pool.mode, testDatabaseMode());
    assert.equal(body.pool.max_connections, testDatabaseMode() === "embedded" ? 1 : 10);
    assert.equal(body.migration_version, db.migration.version);
    assert.equal(typeof body.latency_ms, "number");
    assert.deepEqual(body.events, { oldest_id: null, newest_id: null });
    await db.db.sql.end();
    const down = await app.request("/health/database");
    assert.equal(down.status, 503);
    assert.equal((await down.json()).status, "degraded");
  });
});
