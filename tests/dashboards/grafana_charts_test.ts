/**
 * The Grafana heat map and duration curve panels: their SQL runs as the read-only
 * `grafana_reader` role and gives the numbers the web UI draws from the API's answer, across the
 * fall-back day 2025-11-02 (25 hours, the repeated 01:00 in one cell).
 */
import assert from "node:assert/strict";
import type { VizSpec } from "../../domain/vizspec.ts";
import { toGrafanaDashboard } from "../../dashboards/grafana/board.ts";
import { type Board, fromUserDashboard } from "../../dashboards/model.ts";
import type { PgQuery } from "../../dashboards/queries.ts";
import type { Dashboard } from "../../dashboards/types.ts";
import { centralDateText } from "../../web/lib/board_range.ts";
import { heatmapGrid } from "../../web/lib/heatmap.ts";
import { durationCurve } from "../../web/lib/duration_curve.ts";
import { createApp } from "../_app.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { expandMacros } from "./_macros.ts";

// Central midnight 2025-11-01 to Central midnight 2025-11-04: 24 + 25 + 24 hours.
const FROM = new Date("2025-11-01T05:00:00Z");
const TO = new Date("2025-11-04T06:00:00Z");
const HOURS = 73;

function spec(title: string, chart: VizSpec["chart"], series: string[], more = {}): VizSpec {
  return {
    version: 1,
    title,
    chart,
    series,
    range: { start: FROM.toISOString(), end: TO.toISOString() },
    resolution: "auto",
    agg: "avg",
    stacked: false,
    ...more,
  };
}

const BOARD: Board = fromUserDashboard(
  {
    id: "7c0d2a51-5b1e-4f0a-9e61-1f2a3b4c5d6e",
    ownerId: "5d1c9a4e-0000-4000-8000-000000000001",
    title: "Shapes",
    defaultRange: { last: "P3D" },
    refreshSeconds: null,
    position: 0,
    shareToken: null,
    sharedAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    panelCount: 0,
    panels: [
      spec("West by hour", "heatmap", ["spp.rt.hb_west"]),
      spec("Price duration", "duration", ["spp.rt.hb_west", "spp.rt.hb_north"], {
        resolution: "raw",
      }),
    ].map((s, i) => ({
      id: `00000000-0000-4000-8000-00000000001${i}`,
      dashboardId: "7c0d2a51-5b1e-4f0a-9e61-1f2a3b4c5d6e",
      spec: s,
      grid: { x: 0, y: i * 8, w: 24, h: 8 },
      position: i,
    })),
  } satisfies Dashboard,
);

interface Panel {
  type: string;
  targets: PgQuery[];
  options: Record<string, unknown>;
  transformations?: { id: string; options: unknown }[];
}

async function seedPrices(db: TestDatabase) {
  const n = HOURS * 4;
  await seed(db, {
    key: "spp.rt.hb_west",
    start: FROM.toISOString(),
    n,
    value: (i) => (i * 37) % 101,
  });
  // Ties on purpose: percent_rank() gives equal values the percent of the first.
  await seed(db, { key: "spp.rt.hb_north", start: FROM.toISOString(), n, value: (i) => i % 9 });
}

/** Runs panel SQL as Grafana would: macros expanded, as the read-only role. */
async function asReader(db: TestDatabase, rawSql: string) {
  const text = expandMacros(rawSql, { from: FROM, to: TO });
  return await db.db.sql.begin(async (tx) => {
    await tx.unsafe("set local role grafana_reader");
    return await tx.unsafe(text);
  });
}

async function api(db: TestDatabase, series: string, resolution: string) {
  const res = await createApp(testDeps(db)).request(
    `/api/v1/observations?series=${series}&start=${FROM.toISOString()}&end=${TO.toISOString()}` +
      `&resolution=${resolution}&max_points=5000`,
  );
  assert.equal(res.status, 200);
  return (await res.json()).series as { key: string; t: number[]; v: number[] }[];
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

Deno.test("the heat map panel's SQL gives the web's Central day × hour cells, as grafana_reader", async () => {
  await withDatabase(async (db) => {
    await seedPrices(db);
    const panel = toGrafanaDashboard(BOARD).panels![0] as unknown as Panel;
    assert.equal(panel.type, "heatmap");
    assert.equal(panel.options.calculate, false, "the SQL's cells, not Grafana's buckets");
    assert.ok(
      (panel.options.filterValues as { le: number }).le < -1e6,
      "zero and negative prices are not hidden",
    );
    const rows = await asReader(db, panel.targets[0].rawSql);
    const [west] = await api(db, "spp.rt.hb_west", "1h");
    const grid = heatmapGrid(west.t, west.v);
    assert.deepEqual(grid.days, ["2025-11-01", "2025-11-02", "2025-11-03"]);
    assert.equal(rows.length, 72, "24 cells a day; the repeated hour is one cell");
    for (const r of rows) {
      const day = centralDateText(new Date(r.time).getTime());
      const cell = grid.cells[grid.days.indexOf(day)][Number(r.metric)];
      close(Number(r.value), cell!, `${day} ${r.metric}:00`);
    }
    const repeated = rows.find((r) =>
      r.metric === "01" && centralDateText(+new Date(r.time)) === "2025-11-02"
    );
    assert.equal(grid.counts[1][1], 2, "both passes of 01:00 in the web's cell");
    close(Number(repeated!.value), grid.cells[1][1]!, "repeated hour");
  });
});

Deno.test("the duration panel's SQL gives the web's curve, percent_rank() included, as grafana_reader", async () => {
  await withDatabase(async (db) => {
    await seedPrices(db);
    const panel = toGrafanaDashboard(BOARD).panels![1] as unknown as Panel;
    assert.equal(panel.type, "xychart");
    assert.equal(panel.targets[0].format, "table");
    assert.deepEqual(panel.transformations, [
      { id: "partitionByValues", options: { fields: ["metric"] } },
    ]);
    const rows = await asReader(db, panel.targets[0].rawSql);
    for (const s of await api(db, "spp.rt.hb_west,spp.rt.hb_north", "raw")) {
      const mine = rows.filter((r) => r.metric === s.key);
      const curve = durationCurve(s.v);
      assert.equal(mine.length, HOURS * 4, s.key);
      assert.deepEqual(mine.map((r) => Number(r.value)), curve.value, `${s.key} values`);
      mine.forEach((r, i) => close(Number(r.percent), curve.percent[i], `${s.key} #${i}`));
      assert.equal(Number(mine[0].percent), 0);
      assert.ok(mine.every((r, i) => i === 0 || Number(r.percent) >= Number(mine[i - 1].percent)));
      assert.ok(Number(mine.at(-1)!.percent) <= 100);
    }
  });
});

Deno.test("grafana_reader cannot read what the panels must not", async () => {
  await withDatabase(async (db) => {
    await assert.rejects(asReader(db, "select count(*) from users"), /permission denied/);
  });
});
