import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { DOCS_CSP } from "../../routes/docs.ts";
import { OPERATION_IDS } from "../../routes/openapi.ts";
import { testDeps, withDatabase } from "../_db.ts";

interface Operation {
  operationId: string;
  security: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

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
    // series, expr, or both: neither is required on its own.
    assert.notEqual(byName.series.required, true);
    assert.equal(byName.expr.schema.type, "string");
    assert.deepEqual(byName.fill.schema.enum, ["none", "previous", "linear"]);
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

Deno.test("the OpenAPI document names, secures and answers every operation for clients", async () => {
  await withDatabase(async (db) => {
    const doc = await (await createApp(testDeps(db)).request("/api/openapi.json")).json();
    assert.ok(doc.servers.length >= 1);
    const ids = new Set<string>();
    const table = new Set(Object.values(OPERATION_IDS));
    for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        assert.equal(op.operationId, OPERATION_IDS[name], `${name} has its id in OPERATION_IDS`);
        assert.match(op.operationId, /^[a-z][A-Za-z0-9]*$/);
        assert.ok(!ids.has(op.operationId), `${op.operationId} is used once`);
        ids.add(op.operationId);
        assert.ok(Array.isArray(op.security), `${name} declares its security`);
        const statuses = Object.keys(op.responses);
        for (const status of ["400", "401"]) assert.ok(statuses.includes(status), name);
        if (path.startsWith("/api/")) assert.ok(statuses.includes("429"), `${name} has 429`);
        if (op.requestBody) assert.ok(statuses.includes("415") && statuses.includes("413"), name);
        if (op.security.some((s) => Object.keys(s).length > 0)) {
          assert.ok(statuses.includes("403"), `${name} has 403`);
        }
        for (const status of statuses.filter((s) => s.startsWith("4"))) {
          assert.deepEqual(
            op.responses[status].content?.["application/problem+json"]?.schema,
            { $ref: "#/components/schemas/Problem" },
            `${name} ${status} is problem+json`,
          );
        }
      }
    }
    assert.equal(ids.size, table.size, "every id in the table belongs to an operation");
    assert.ok(doc.components.schemas.Observations.example.series[0].t.length > 0);
    assert.ok(doc.components.schemas.SeriesList.example);
    assert.equal(doc.paths["/api/dashboards/builtin"], undefined, "the old alias is left out");
  });
});

Deno.test("a JSON operation refuses another body type with 415, and /docs serves the docs page", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const res = await app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": type },
        body: "email=a@example.com",
      });
      assert.equal(res.status, 415, type);
      assert.equal(res.headers.get("content-type"), "application/problem+json");
      assert.match((await res.json()).detail, /send application\/json/);
    }
    const page = await app.request("/docs");
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-security-policy"), DOCS_CSP);
    assert.match(await page.text(), /\/api\/docs\/app\.js/);
  });
});
