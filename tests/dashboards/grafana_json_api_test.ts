/**
 * Grafana JSON to download for any dashboard: a built-in one without an
 * account, a personal one for its owner only; an attachment that parses,
 * carries every panel and reads the `ercot-postgres` datasource.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";
import { findBuiltin } from "../../dashboards/builtin/mod.ts";

interface GrafanaPanel {
  title: string;
  datasource?: { uid: string };
  targets?: { datasource: { type: string; uid: string }; rawSql: string }[];
}

async function attachment(res: Response, file: RegExp) {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  assert.match(res.headers.get("content-disposition") ?? "", file);
  return JSON.parse(text) as { uid: string; title: string; id?: number; panels: GrafanaPanel[] };
}

function assertImportable(model: { id?: number; panels: GrafanaPanel[] }) {
  // A numeric id would point Grafana's import at a dashboard of another instance.
  assert.equal(model.id, undefined);
  for (const panel of model.panels) {
    for (const target of panel.targets ?? []) {
      assert.deepEqual(target.datasource, {
        type: "grafana-postgresql-datasource",
        uid: "ercot-postgres",
      });
      assert.match(target.rawSql, /select/i);
    }
  }
}

Deno.test("GET /api/builtin-dashboards/{uid}/grafana downloads a built-in dashboard as Grafana JSON", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const model = await attachment(
      await app.request("/api/builtin-dashboards/ercot-prices/grafana"),
      /^attachment; filename="Prices\.grafana\.json"$/,
    );
    assert.equal(model.uid, "ercot-prices");
    const titles = findBuiltin("ercot-prices").panels.map((p) => p.spec.title);
    assert.equal(model.panels.length, titles.length);
    // Panels bound to a template variable name it in their title: "… ($hub)".
    model.panels.forEach((p, i) => assert.ok(p.title.startsWith(titles[i]), p.title));
    assertImportable(model);
    const missing = await assertProblem(
      await app.request("/api/builtin-dashboards/nope/grafana"),
      404,
    );
    assert.match(String(missing.detail), /nope/);
  });
});

Deno.test("GET /api/dashboards/{id}/grafana downloads the owner's dashboard, a 404 for others", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = (await signUp(app, "alice@example.com")).access;
    const bob = (await signUp(app, "bob@example.com")).access;
    const spec = (title: string, series: string[]) => ({
      spec: { version: 1, title, chart: "line", series, range: { last: "PT6H" } },
    });
    const created = await app.request(
      "/api/dashboards",
      jsonBody("POST", {
        title: "Morning desk",
        panels: [spec("West hub", ["spp.rt.hb_west"]), spec("Load", ["load.actual"])],
      }, bearer(alice)),
    );
    assert.equal(created.status, 201);
    const { id } = await created.json();
    const model = await attachment(
      await app.request(`/api/dashboards/${id}/grafana`, { headers: bearer(alice) }),
      /^attachment; filename="Morning-desk-[0-9a-f]{8}\.grafana\.json"$/,
    );
    assert.equal(model.uid, `ercot-${id.replaceAll("-", "")}`);
    assert.deepEqual(model.panels.map((p) => p.title), ["West hub", "Load"]);
    assert.match(model.panels[0].targets?.[0].rawSql ?? "", /spp\.rt\.hb_west/);
    assertImportable(model);
    await assertProblem(
      await app.request(`/api/dashboards/${id}/grafana`, { headers: bearer(bob) }),
      404,
    );
    await assertProblem(await app.request(`/api/dashboards/${id}/grafana`), 401);
  });
});
