import assert from "node:assert/strict";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";
import { seed } from "../_helpers.ts";
import { startFakeGrafana } from "./_fake_grafana.ts";

const NOW = "2026-01-01T00:01:00.000Z";

function spec(title: string, series = ["spp.rt.hb_west"], range: unknown = { last: "PT6H" }) {
  return { version: 1, title, chart: "line", series, range };
}

async function call(
  app: OpenAPIHono,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Response> {
  const headers = token ? bearer(token) : {};
  return await app.request(
    path,
    body === undefined ? { method, headers } : jsonBody(method, body, headers),
  );
}

async function ok(res: Response, status = 200) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return text ? JSON.parse(text) : undefined;
}

Deno.test("GET /api/builtin-dashboards serves the built-in dashboards without an account, also at the old paths", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const { dashboards } = await ok(await app.request("/api/builtin-dashboards"));
    assert.deepEqual(dashboards.map((d: { uid: string }) => d.uid), [
      "ercot-overview",
      "ercot-prices",
    ]);
    assert.deepEqual(await ok(await app.request("/api/dashboards/builtin")), { dashboards });
    assert.deepEqual(
      await ok(await app.request("/api/dashboards/builtin/ercot-prices")),
      await ok(await app.request("/api/builtin-dashboards/ercot-prices")),
    );
    const prices = await ok(await app.request("/api/builtin-dashboards/ercot-prices"));
    assert.equal(prices.title, "Prices");
    assert.ok(
      prices.panels.some((p: { bind?: { variable: string } }) => p.bind?.variable === "hub"),
    );
    await assertProblem(await app.request("/api/builtin-dashboards/nope"), 404);
    await assertProblem(await app.request("/api/dashboards/builtin/nope"), 404);
    const { panels } = await ok(await app.request("/api/dashboard/available-panels"));
    assert.ok(panels.length >= 10);
    assert.ok(
      panels.every((p: { spec: { version: number }; board: { uid: string } }) =>
        p.spec.version === 1 && p.board.uid.startsWith("ercot-")
      ),
    );
  });
});

Deno.test("a user creates, reads, changes, reorders, duplicates and deletes a dashboard", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = (await signUp(app, "alice@example.com")).access;
    const created = await ok(
      await call(app, "POST", "/api/dashboards", alice, {
        title: "Morning",
        default_range: { last: "P2D" },
        refresh_seconds: 60,
        panels: [{ spec: spec("West") }, { spec: spec("North", ["spp.rt.hb_north"]) }],
      }),
      201,
    );
    assert.equal(created.title, "Morning");
    assert.deepEqual(created.default_range, { last: "P2D" });
    assert.equal(created.panels[0].spec.resolution, "auto");
    assert.deepEqual(created.panels[1].grid, { x: 12, y: 0, w: 12, h: 8 });
    const id = created.id;
    const { dashboards } = await ok(await call(app, "GET", "/api/dashboards", alice));
    assert.deepEqual(dashboards.map((d: { id: string }) => d.id), [id]);
    assert.equal(dashboards[0].panel_count, 2);
    const changed = await ok(
      await call(app, "PUT", `/api/dashboards/${id}`, alice, {
        title: "Evening",
        refresh_seconds: null,
      }),
    );
    assert.deepEqual([changed.title, changed.refresh_seconds, changed.panels.length], [
      "Evening",
      null,
      2,
    ]);
    const [a, b] = changed.panels.map((p: { id: string }) => p.id);
    const reordered = await ok(
      await call(app, "PUT", `/api/dashboards/${id}/order`, alice, { panel_ids: [b, a] }),
    );
    assert.deepEqual(reordered.panels.map((p: { id: string }) => p.id), [b, a]);
    await assertProblem(
      await call(app, "PUT", `/api/dashboards/${id}/order`, alice, { panel_ids: [a] }),
      400,
    );
    const copy = await ok(await call(app, "POST", `/api/dashboards/${id}/duplicate`, alice), 201);
    assert.equal(copy.title, "Evening (copy)");
    assert.deepEqual(copy.panels.map((p: { spec: { title: string } }) => p.spec.title), [
      "North",
      "West",
    ]);
    const named = await ok(
      await call(app, "POST", `/api/dashboards/${id}/duplicate`, alice, { title: "Third" }),
      201,
    );
    assert.equal(named.title, "Third");
    assert.equal((await call(app, "DELETE", `/api/dashboards/${id}`, alice)).status, 204);
    await assertProblem(await call(app, "GET", `/api/dashboards/${id}`, alice), 404);
  });
});

Deno.test("panel routes add, detect duplicates, change and remove panels", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = (await signUp(app, "alice@example.com")).access;
    const { id } = await ok(
      await call(app, "POST", "/api/dashboards", alice, { title: "Board" }),
      201,
    );
    const path = `/api/dashboards/${id}/panels`;
    const first = await ok(await call(app, "POST", path, alice, { spec: spec("West") }), 201);
    assert.equal(first.duplicate, false);
    const again = await ok(
      await call(app, "POST", path, alice, {
        spec: { ...spec(" West "), range: { last: "PT360M" } },
      }),
      200,
    );
    assert.deepEqual([again.duplicate, again.panel.id], [true, first.panel.id]);
    const second = await ok(
      await call(app, "POST", path, alice, {
        spec: spec("Load", ["load.actual"]),
        grid: { x: 0, y: 8, w: 24, h: 6 },
      }),
      201,
    );
    const moved = await ok(
      await call(app, "PUT", `${path}/${second.panel.id}`, alice, {
        grid: { x: 0, y: 20, w: 6, h: 4 },
      }),
    );
    assert.deepEqual(moved.grid, { x: 0, y: 20, w: 6, h: 4 });
    await assertProblem(
      await call(app, "PUT", `${path}/${second.panel.id}`, alice, { spec: first.panel.spec }),
      409,
    );
    const bad = await assertProblem(
      await call(app, "POST", path, alice, { spec: spec("X", ["not.a.series"]) }),
      400,
    );
    assert.match(String(bad.detail), /not\.a\.series/);
    await assertProblem(
      await call(app, "POST", path, alice, { spec: spec("Y"), grid: { x: 20, y: 0, w: 8, h: 4 } }),
      400,
    );
    assert.equal((await call(app, "DELETE", `${path}/${first.panel.id}`, alice)).status, 204);
    const { panels } = await ok(await call(app, "GET", path, alice));
    assert.deepEqual(panels.map((p: { id: string }) => p.id), [second.panel.id]);
  });
});

Deno.test("no other user, not even an admin, reads or changes a dashboard: every route is a 404", async (t) => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = (await signUp(app, "admin@example.com")).access;
    const alice = (await signUp(app, "alice@example.com")).access;
    const bob = (await signUp(app, "bob@example.com")).access;
    const board = await ok(
      await call(app, "POST", "/api/dashboards", alice, {
        title: "Mine",
        panels: [{ spec: spec("West") }],
      }),
      201,
    );
    const [id, panelId] = [board.id, board.panels[0].id];
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/dashboards/${id}`],
      ["PUT", `/api/dashboards/${id}`, { title: "Theirs" }],
      ["DELETE", `/api/dashboards/${id}`],
      ["PUT", `/api/dashboards/${id}/order`, { panel_ids: [panelId] }],
      ["POST", `/api/dashboards/${id}/duplicate`],
      ["GET", `/api/dashboards/${id}/data`],
      ["GET", `/api/dashboards/${id}/panels`],
      ["POST", `/api/dashboards/${id}/panels`, { spec: spec("North", ["spp.rt.hb_north"]) }],
      ["GET", `/api/dashboards/${id}/panels/${panelId}`],
      ["PUT", `/api/dashboards/${id}/panels/${panelId}`, { grid: { x: 0, y: 0, w: 1, h: 1 } }],
      ["DELETE", `/api/dashboards/${id}/panels/${panelId}`],
      ["POST", `/api/dashboards/${id}/share`],
      ["DELETE", `/api/dashboards/${id}/share`],
      ["POST", `/api/dashboards/${id}/grafana`],
    ];
    for (const [who, token] of [["another user", bob], ["an admin", admin]] as const) {
      await t.step(`${who} does not see it listed`, async () => {
        assert.deepEqual(
          (await ok(await call(app, "GET", "/api/dashboards", token))).dashboards,
          [],
        );
      });
      for (const [method, path, body] of routes) {
        await t.step(
          `${who}: ${method} ${path.replaceAll(/[0-9a-f-]{36}/g, "{id}")} is a 404`,
          async () => {
            await assertProblem(await call(app, method, path, token, body), 404);
          },
        );
      }
    }
    await t.step("anonymous callers get a 401", async () => {
      for (const [method, path, body] of routes) {
        await assertProblem(await call(app, method, path, undefined, body), 401);
      }
      await assertProblem(await call(app, "GET", "/api/dashboards"), 401);
    });
    await t.step("the owner's dashboard is untouched", async () => {
      const same = await ok(await call(app, "GET", `/api/dashboards/${id}`, alice));
      assert.deepEqual([same.title, same.panels.length, same.share], ["Mine", 1, null]);
    });
  });
});

Deno.test("a share link opens the dashboard and its data without an account until revoked", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    await seed(db, {
      key: "spp.rt.hb_west",
      start: "2025-12-31T18:15:00Z",
      n: 24,
      value: (i) => 20 + i,
    });
    const alice = (await signUp(app, "alice@example.com")).access;
    const board = await ok(
      await call(app, "POST", "/api/dashboards", alice, {
        title: "Public",
        panels: [{ spec: spec("West and north", ["spp.rt.hb_west", "spp.rt.hb_north"]) }],
      }),
      201,
    );
    const share = await ok(
      await call(app, "POST", `/api/dashboards/${board.id}/share`, alice),
      201,
    );
    assert.ok(Buffer.from(share.token, "base64url").length >= 16, "at least 128 random bits");
    const again = await ok(
      await call(app, "POST", `/api/dashboards/${board.id}/share`, alice),
      200,
    );
    assert.equal(again.token, share.token);
    const view = await app.request(share.url);
    assert.equal(view.headers.get("cache-control"), "private, no-store");
    const shared = await ok(view);
    assert.equal(shared.title, "Public");
    assert.deepEqual(shared.range, { start: "2025-12-31T00:01:00.000Z", end: NOW });
    assert.deepEqual(
      shared.series.map((s: { key: string; stored: boolean }) => [s.key, s.stored]),
      [
        ["spp.rt.hb_west", true],
        ["spp.rt.hb_north", false],
      ],
    );
    assert.equal(shared.owner_id, undefined);
    const { panels } = await ok(await app.request(share.data_url));
    assert.equal(panels[0].series[0].key, "spp.rt.hb_west");
    assert.equal(panels[0].series[0].v.length, 24);
    assert.deepEqual(panels[0].missing, ["spp.rt.hb_north"]);
    const narrow = await ok(await app.request(`${share.data_url}?last=PT1H`));
    assert.equal(narrow.panels[0].series[0].v.length, 4);
    await assertProblem(await app.request(`${share.data_url}?last=yesterday`), 400);
    assert.equal(
      (await call(app, "DELETE", `/api/dashboards/${board.id}/share`, alice)).status,
      204,
    );
    await assertProblem(await app.request(share.url), 404);
    await assertProblem(await app.request(share.data_url), 404);
    const fresh = await ok(
      await call(app, "POST", `/api/dashboards/${board.id}/share`, alice),
      201,
    );
    assert.notEqual(fresh.token, share.token);
  });
});

Deno.test("POST /api/dashboards/{id}/grafana pushes to Grafana, a 503 unconfigured, a 502 when down", async () => {
  await withDatabase(async (db) => {
    const unconfigured = accountApp(db).app;
    const alice = (await signUp(unconfigured, "alice@example.com")).access;
    const { id } = await ok(
      await call(unconfigured, "POST", "/api/dashboards", alice, { title: "Mine" }),
      201,
    );
    await assertProblem(
      await call(unconfigured, "POST", `/api/dashboards/${id}/grafana`, alice),
      503,
    );
    const health = await ok(await unconfigured.request("/health/grafana"));
    assert.equal(health.status, "not_configured");
    const grafana = startFakeGrafana();
    try {
      const { app } = accountApp(db, { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token });
      const pushed = await ok(await call(app, "POST", `/api/dashboards/${id}/grafana`, alice));
      assert.equal(pushed.uid, `ercot-${id.replaceAll("-", "")}`);
      assert.equal(pushed.version, 1);
      assert.equal(pushed.url, `${grafana.url}/d/${pushed.uid}/mine-${id.slice(0, 8)}`);
      assert.equal(
        (await ok(await call(app, "POST", `/api/dashboards/${id}/grafana`, alice))).version,
        2,
      );
      grafana.failNext("/api/dashboards/db", 403);
      const refused = await assertProblem(
        await call(app, "POST", `/api/dashboards/${id}/grafana`, alice),
        502,
      );
      assert.equal(refused.grafana_status, 403);
      assert.doesNotMatch(String(refused.detail), /internal detail/);
      assert.equal((await ok(await app.request("/health/grafana"))).status, "ok");
    } finally {
      await grafana.close();
    }
    const down = accountApp(db, { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token }).app;
    const unreachable = await down.request("/health/grafana");
    assert.equal(unreachable.status, 503);
    const body = await unreachable.json();
    assert.deepEqual(body, {
      status: "unreachable",
      token_configured: true,
      detail: "Grafana did not answer",
    });
    await assertProblem(await call(down, "POST", `/api/dashboards/${id}/grafana`, alice), 502);
  });
});

Deno.test("GET /api/openapi.json documents the dashboard routes", async () => {
  await withDatabase(async (db) => {
    const doc = await ok(await accountApp(db).app.request("/api/openapi.json"));
    for (
      const [method, path] of [
        ["get", "/api/dashboards"],
        ["post", "/api/dashboards"],
        ["put", "/api/dashboards/{id}"],
        ["put", "/api/dashboards/{id}/order"],
        ["post", "/api/dashboards/{id}/panels"],
        ["post", "/api/dashboards/{id}/share"],
        ["get", "/api/shared/{token}/data"],
        ["post", "/api/dashboards/{id}/grafana"],
        ["get", "/api/builtin-dashboards/{uid}"],
        ["get", "/api/dashboard/available-panels"],
        ["get", "/health/grafana"],
      ]
    ) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} is documented`);
    assert.ok(doc.components.schemas.Dashboard);
  });
});
