import assert from "node:assert/strict";
import { panelData } from "../../dashboards/data.ts";
import { panelSql } from "../../dashboards/queries.ts";
import { previewSpec } from "../../ai/preview.ts";
import { validateSpec } from "../../domain/vizspec.ts";
import { withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { expandMacros } from "./_macros.ts";
import { accountApp, bearer, jsonBody, signUp } from "../_accounts.ts";

const START = "2025-12-01T06:00:00Z";
const END = "2025-12-01T08:00:00Z";
const BASIS = { expr: "spp.rt.lz_west - spp.rt.hb_west", label: "West basis" };

// Hub 20, 21, …; zone 30, 33, …: the basis at interval i is 10 + 2i, except where the zone has
// no value (i = 3), which has no basis.
const hub = (i: number) => 20 + i;
const zone = (i: number) => 30 + 3 * i;

Deno.test("a dashboard panel with an expression reads it under its label everywhere", async (t) => {
  await withDatabase(async (db) => {
    await seed(db, { key: "spp.rt.hb_west", start: START, n: 8, value: hub });
    await seed(db, { key: "spp.rt.lz_west", start: START, n: 3, value: zone });
    await seed(db, {
      key: "spp.rt.lz_west",
      start: "2025-12-01T07:00:00Z",
      n: 4,
      value: (i) => zone(i + 4),
    });
    const spec = validateSpec({
      version: 1,
      title: "West hub and its basis",
      chart: "line",
      series: ["spp.rt.hb_west", BASIS],
      range: { start: START, end: END },
      resolution: "raw",
    });
    const expected = { t: [0, 1, 2, 4, 5, 6, 7], v: [10, 12, 14, 18, 20, 22, 24] };
    const at = (i: number) => Date.parse(START) / 1000 + i * 900;
    await t.step("dashboard data: the label names the line, in spec order", async () => {
      const [panel] = await panelData(db.db.sql, [{ id: "p1", spec }], { now: new Date(END) });
      assert.deepEqual(panel.series.map((s) => s.name), ["spp.rt.hb_west", "West basis"]);
      const basis = panel.series[1];
      assert.equal(basis.key, BASIS.expr);
      assert.equal(basis.unit, "$/MWh");
      assert.deepEqual(basis.t, expected.t.map(at));
      assert.deepEqual(basis.v, expected.v);
      assert.deepEqual(panel.missing, []);
    });
    await t.step("Grafana SQL gives the same numbers over the same window", async () => {
      const text = expandMacros(panelSql(spec), { from: new Date(START), to: new Date(END) });
      const rows = await db.db.sql.unsafe<{ time: Date; metric: string; value: number }[]>(text);
      const basis = rows.filter((r) => r.metric === "West basis");
      assert.deepEqual(basis.map((r) => new Date(r.time).getTime() / 1000), expected.t.map(at));
      assert.deepEqual(basis.map((r) => Number(r.value)), expected.v);
      assert.equal(rows.filter((r) => r.metric === "spp.rt.hb_west").length, 8);
    });
    await t.step("an expression over a derived key: Grafana and the dashboard agree", async () => {
      const twice = { expr: "spread.lz_west.hb_west * 2", label: "Twice the basis" };
      const derived = validateSpec({ ...spec, series: [twice] });
      const [panel] = await panelData(db.db.sql, [{ id: "p2", spec: derived }], {
        now: new Date(END),
      });
      assert.deepEqual(panel.series[0].v, expected.v.map((v) => 2 * v));
      const text = expandMacros(panelSql(derived), { from: new Date(START), to: new Date(END) });
      const rows = await db.db.sql.unsafe<{ value: number }[]>(text);
      assert.deepEqual(rows.map((r) => Number(r.value)), panel.series[0].v);
    });
    await t.step("the AI preview compiles it to bound SQL and names it by its label", async () => {
      const preview = await previewSpec(db.db.sql, spec, { now: new Date(END) });
      const basis = preview.preview.series[1];
      assert.equal(basis.name, "West basis");
      assert.deepEqual(basis.v, expected.v);
      assert.ok(preview.params.includes("spp.rt.lz_west"));
      assert.ok(!preview.sql.includes("lz_west"));
    });
  });
});

Deno.test("POST /api/dashboards/{id}/panels keeps an expression panel and its data answers the label", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "spp.rt.hb_west", start: START, n: 8, value: hub });
    await seed(db, { key: "spp.rt.lz_west", start: START, n: 8, value: zone });
    const { app } = accountApp(db);
    const alice = (await signUp(app, "alice@example.com")).access;
    const post = (path: string, body: unknown) =>
      app.request(path, jsonBody("POST", body, bearer(alice)));
    const board = await (await post("/api/dashboards", { title: "Basis" })).json();
    const spec = {
      version: 1,
      title: "West basis",
      chart: "line",
      series: [BASIS],
      range: { start: START, end: END },
    };
    const created = await post(`/api/dashboards/${board.id}/panels`, { spec });
    assert.equal(created.status, 201);
    assert.deepEqual((await created.json()).panel.spec.series, [BASIS]);
    const res = await app.request(`/api/dashboards/${board.id}/data`, { headers: bearer(alice) });
    assert.equal(res.status, 200);
    const [panel] = (await res.json()).panels;
    assert.equal(panel.series[0].name, "West basis");
    assert.deepEqual(panel.series[0].v, [10, 12, 14, 16, 18, 20, 22, 24]);
    const bad = await post(`/api/dashboards/${board.id}/panels`, {
      spec: { ...spec, series: [{ expr: "spp.rt.lz_west - (spp.rt.hb_west", label: "x" }] },
    });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).detail, /Expected "\)" to close "\(" at 18/);
  });
});
