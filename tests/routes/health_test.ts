import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { testDatabaseMode, testDeps, withDatabase } from "../_db.ts";

Deno.test("GET /health reports database mode, TimescaleDB, migration version and uptime", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const res = await app.request("/health");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, "ok");
    assert.equal(body.database, testDatabaseMode());
    assert.equal(body.timescaledb, db.capabilities.timescale);
    assert.equal(body.rollups, db.capabilities.timescale ? "timescale" : "portable");
    assert.equal(body.migration_version, db.migration.version);
    assert.equal(body.uptime_seconds, 60);
    assert.equal(typeof body.database_latency_ms, "number");
  });
});

Deno.test("GET /health answers 503 degraded when the database is gone", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    await db.db.sql.end();
    const res = await app.request("/health");
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.deepEqual([body.status, body.database_ok], ["degraded", false]);
  });
});

Deno.test("an unknown route is a 404 problem+json naming the path", async () => {
  await withDatabase(async (db) => {
    const res = await createApp(testDeps(db)).request("/nope?x=1");
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    const body = await res.json();
    assert.equal(body.status, 404);
    assert.equal(body.detail, "No route for GET /nope");
  });
});
