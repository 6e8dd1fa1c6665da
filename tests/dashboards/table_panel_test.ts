/**
 * A VizSpec `table` with a `cross_section`, end to end: the plain-English answer's preview, a
 * dashboard panel's data, its CSV link, its PDF and its Grafana SQL (as the read-only
 * `grafana_reader`) give the rows `GET /api/v1/cross-section` answers for the same parameters.
 */
import assert from "node:assert/strict";
import { type TestDatabase, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { accountApp, bearer, jsonBody, signUp, type TestApp } from "../_accounts.ts";
import { expandMacros } from "./_macros.ts";
import type { PgQuery } from "../../dashboards/queries.ts";

// The app's clock: 2026-01-01T00:01Z, 18:01 on Dec 31 in Central time.
const START = "2025-12-30T00:00:00Z";
const YESTERDAY = { start: "2025-12-30T06:00:00Z", end: "2025-12-31T06:00:00Z" };

/** 15-minute prices from Dec 30 00:00Z to Jan 1 02:00Z at two hubs, a zone and three nodes. */
async function seedPoints(db: TestDatabase) {
  const points: [string, (i: number) => number][] = [
    ["hb_west", (i) => 20 + (i % 7)],
    ["hb_north", (i) => 25 - (i % 5)],
    ["lz_west", (i) => 18 + (i % 3)],
    ["alvin0_rn", (i) => 30 + ((i * 13) % 11)],
    ["brazos0_unit1", (i) => 10 + (i % 17)],
    ["cedar0_rn", (i) => 40 - (i % 9)],
  ];
  for (const [point, value] of points) {
    await seed(db, { key: `spp.rt.${point}`, start: START, n: 200, value });
  }
}

async function ask(t: TestApp, token: string, body: Record<string, unknown>) {
  const res = await t.app.request("/api/ai/visualizations", jsonBody("POST", body, bearer(token)));
  assert.equal(res.status, body.dashboard_id ? 201 : 200, await res.clone().text());
  return await res.json();
}

async function get(t: TestApp, path: string, token?: string) {
  const res = await t.app.request(path, { headers: token ? bearer(token) : {} });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res;
}

Deno.test("A ranking asked in plain English previews, saves and reads back the API's rows", async () => {
  await withDatabase(async (db) => {
    await seedPoints(db);
    const t = accountApp(db);
    const user = await signUp(t.app, "a@example.com");
    const made = await t.app.request(
      "/api/dashboards",
      jsonBody("POST", { title: "Screening" }, bearer(user.access)),
    );
    const board = await made.json();
    const body = await ask(t, user.access, {
      request_text: "top 10 nodes by average price yesterday",
      dashboard_id: board.id,
    });
    assert.deepEqual(body.spec.cross_section, {
      family: "spp.rt",
      type: "node",
      top: { n: 10, agg: "avg", order: "desc" },
    });
    assert.deepEqual(body.preview.series, []);
    assert.match(body.sql, /row_number\(\) over/);
    assert.ok(body.sql_params.includes("spp.rt.%"));
    const api = await (await get(
      t,
      `/api/v1/cross-section/top?family=spp.rt&type=node&n=10&start=${YESTERDAY.start}` +
        `&end=${YESTERDAY.end}`,
    )).json();
    const table = body.preview.table;
    assert.equal(api.rows.length, 3);
    assert.deepEqual(table.rows, api.rows);
    assert.deepEqual([table.start, table.end], [api.start, api.end]);
    assert.equal(table.unit, "$/MWh");

    const csv = await get(t, table.csv);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    assert.equal(lines.length, 4);
    assert.equal(lines[1].split(",")[1], api.rows[0].key);

    assert.ok(body.panel, "saved as a panel");
    const saved = await (await get(t, `/api/dashboards/${board.id}`, user.access)).json();
    assert.deepEqual(saved.panels[0].spec.cross_section, body.spec.cross_section);
    const data = await (await get(t, `/api/dashboards/${board.id}/data`, user.access)).json();
    assert.deepEqual(data.panels[0].series, []);
    assert.deepEqual(data.panels[0].table.rows, api.rows);
    // A board-wide window longer than a ranking reads keeps the panel's own.
    const wide = await (await get(t, `/api/dashboards/${board.id}/data?last=P90D`, user.access))
      .json();
    assert.deepEqual(wide.panels[0].table.rows, api.rows);

    const pdf = await get(t, `/api/dashboards/${board.id}/pdf`, user.access);
    assert.equal(pdf.headers.get("content-type"), "application/pdf");
    assert.ok((await pdf.arrayBuffer()).byteLength > 1000);

    const grafana = await (await get(t, `/api/dashboards/${board.id}/grafana`, user.access))
      .json();
    const target = grafana.panels[0].targets[0] as PgQuery;
    assert.equal(grafana.panels[0].type, "table");
    assert.equal(target.format, "table");
    const text = expandMacros(target.rawSql, { from: new Date(0), to: new Date(0) });
    const rows = await db.db.sql.begin(async (tx) => {
      await tx.unsafe("set local role grafana_reader");
      return await tx.unsafe(text);
    });
    assert.deepEqual(
      rows.map((r) => [r.key, r.value, r.intervals]),
      api.rows.map((
        r: { key: string; value: number; intervals: number },
      ) => [r.key, r.value, r.intervals]),
    );
  });
});

Deno.test("Prices at every hub now preview the API's cross-section at the latest interval", async () => {
  await withDatabase(async (db) => {
    await seedPoints(db);
    const t = accountApp(db);
    const user = await signUp(t.app, "a@example.com");
    const body = await ask(t, user.access, { request_text: "prices at every hub now" });
    assert.deepEqual(body.spec.cross_section, { family: "spp.rt", type: "hub" });
    const api = await (await get(t, "/api/v1/cross-section?family=spp.rt&type=hub")).json();
    const table = body.preview.table;
    assert.equal(table.mode, "at");
    assert.equal(table.instant, "2026-01-01T00:00:00.000Z");
    assert.equal(table.match, "containing");
    assert.deepEqual(table.rows, api.rows);
    assert.deepEqual(table.rows.map((r: { point: string }) => r.point), ["hb_north", "hb_west"]);
    const csv = await (await get(t, table.csv)).text();
    assert.equal(csv.trim().split("\n").length, 3);
  });
});
