import assert from "node:assert/strict";
import { createApp } from "../../routes/app.ts";
import { DOCS_CSP } from "../../routes/docs.ts";
import { testDeps, withDatabase } from "../_db.ts";

Deno.test("GET /api/openapi.json is OpenAPI 3.1 generated from the route schemas", async () => {
  await withDatabase(async (db) => {
    const res = await createApp(testDeps(db)).request("/api/openapi.json");
    assert.equal(res.status, 200);
    const doc = await res.json();
    assert.equal(doc.openapi, "3.1.0");
    for (
      const path of [
        "/api/v1/series",
        "/api/v1/series/{key}",
        "/api/v1/observations",
        "/api/v1/settlement-prices",
        "/api/v1/capacity-monitor",
        "/api/v1/demand-forecast",
        "/api/v1/grid-status",
        "/api/v1/stream",
        "/metrics",
        "/health",
        "/health/database",
      ]
    ) assert.ok(doc.paths[path]?.get, `${path} is documented`);
    const params = doc.paths["/api/v1/observations"].get.parameters;
    const byName = Object.fromEntries(params.map((p: { name: string }) => [p.name, p]));
    assert.deepEqual(byName.format.schema.enum, ["json", "csv", "parquet"]);
    assert.equal(byName.max_points.schema.type, "integer");
    assert.equal(byName.max_points.schema.maximum, 20000);
    assert.equal(byName.series.required, true);
    const ok = doc.paths["/api/v1/observations"].get.responses["200"].content;
    assert.deepEqual(Object.keys(ok).sort(), [
      "application/json",
      "application/vnd.apache.parquet",
      "text/csv",
    ]);
    assert.ok(doc.components.schemas.Observations);
    assert.ok(doc.components.schemas.Problem);
  });
});

Deno.test("GET /api/docs is a self-hosted page with no inline script under a strict CSP", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const page = await app.request("/api/docs");
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-security-policy"), DOCS_CSP);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /src="\/api\/docs\/app\.js"/);
    assert.equal(scripts[0][2].trim(), "", "no inline script");
    assert.doesNotMatch(html, /<style|style=|https?:\/\/(?!www\.w3)/);
    const js = await app.request("/api/docs/app.js");
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.match(await js.text(), /\/api\/openapi\.json/);
    const css = await app.request("/api/docs/app.css");
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
  });
});
