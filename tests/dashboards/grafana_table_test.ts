/**
 * Grafana table panels of cross-sections over a rolling range: their SQL, with Grafana's window
 * macros, runs as the read-only `grafana_reader` and gives the rows of `/api/v1/cross-section`.
 */
import assert from "node:assert/strict";
import { validateSpec } from "../../domain/vizspec.ts";
import { toGrafanaDashboard } from "../../dashboards/grafana/board.ts";
import { fromUserDashboard } from "../../dashboards/model.ts";
import type { PgQuery } from "../../dashboards/queries.ts";
import type { Dashboard } from "../../dashboards/types.ts";
import { createApp } from "../_app.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { expandMacros } from "./_macros.ts";

const FROM = new Date("2025-12-01T00:00:00Z");
const TO = new Date("2025-12-01T02:00:00Z");
const BOARD_ID = "7c0d2a51-5b1e-4f0a-9e61-1f2a3b4c5d6f";

function board(specs: unknown[]): Dashboard {
  return {
    id: BOARD_ID,
    ownerId: "5d1c9a4e-0000-4000-8000-000000000001",
    title: "Cross-sections",
    defaultRange: { last: "PT2H" },
    refreshSeconds: null,
    position: 0,
    shareToken: null,
    sharedAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    panelCount: 0,
    panels: specs.map((s, i) => ({
      id: `00000000-0000-4000-8000-00000000002${i}`,
      dashboardId: BOARD_ID,
      spec: validateSpec(s),
      grid: { x: 0, y: i * 8, w: 24, h: 8 },
      position: i,
    })),
  };
}

async function asReader(db: TestDatabase, rawSql: string) {
  const text = expandMacros(rawSql, { from: FROM, to: TO });
  return await db.db.sql.begin(async (tx) => {
    await tx.unsafe("set local role grafana_reader");
    return await tx.unsafe(text);
  });
}

Deno.test("Grafana cross-section table panels give the API's rows over Grafana's window, as grafana_reader", async () => {
  await withDatabase(async (db) => {
    for (const [point, base] of [["hb_west", 10], ["hb_north", 20], ["lz_west", 5]] as const) {
      await seed(db, {
        key: `spp.rt.${point}`,
        start: FROM.toISOString(),
        n: 12,
        value: (i) => base + i,
      });
    }
    const common = { version: 1, chart: "table", range: { last: "PT2H" } };
    const grafana = toGrafanaDashboard(fromUserDashboard(board([
      { ...common, title: "Hubs now", cross_section: { family: "spp.rt", type: "hub" } },
      {
        ...common,
        title: "Top 2",
        cross_section: { family: "spp.rt", top: { n: 2, agg: "max", order: "desc" } },
      },
    ]))) as unknown as { panels: { type: string; targets: PgQuery[] }[] };
    assert.deepEqual(grafana.panels.map((p) => [p.type, p.targets[0].format]), [
      ["table", "table"],
      ["table", "table"],
    ]);
    const app = createApp(testDeps(db));
    const api = async (path: string) => (await (await app.request(path)).json()).rows;
    const at = await asReader(db, grafana.panels[0].targets[0].rawSql);
    const atApi = await api(`/api/v1/cross-section?family=spp.rt&type=hub&at=${TO.toISOString()}`);
    assert.deepEqual(
      at.map((r) => [r.key, r.value]),
      atApi.map((r: { key: string; value: number }) => [r.key, r.value]),
    );
    assert.equal(atApi.length, 2);
    const top = await asReader(db, grafana.panels[1].targets[0].rawSql);
    const topApi = await api(
      `/api/v1/cross-section/top?family=spp.rt&n=2&agg=max&start=${FROM.toISOString()}&end=${TO.toISOString()}`,
    );
    assert.deepEqual(
      top.map((r) => [r.rank, r.key, r.value]),
      topApi.map((r: { rank: number; key: string; value: number }) => [r.rank, r.key, r.value]),
    );
    assert.equal(topApi.length, 2);
  });
});
