import assert from "node:assert/strict";
import { findSeries } from "../../domain/catalog.ts";
import type { VizSpec } from "../../domain/vizspec.ts";
import { BUILTIN_BOARDS } from "../../dashboards/builtin/mod.ts";
import { stableJson, toGrafanaDashboard, toGrafanaJson } from "../../dashboards/grafana/board.ts";
import { type Board, fromUserDashboard, VARIABLES } from "../../dashboards/model.ts";
import { panelLevel, panelSql, type PgQuery, seriesInterval } from "../../dashboards/queries.ts";
import type { Dashboard } from "../../dashboards/types.ts";
import { writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";
import { expandMacros } from "./_macros.ts";

const SNAPSHOTS = new URL("./__snapshots__/", import.meta.url);
const FROM = new Date("2025-06-01T05:00:00Z");
const TO = new Date("2025-06-04T05:00:00Z");

function spec(title: string, series: string[], more: Partial<VizSpec> = {}): VizSpec {
  return {
    version: 1,
    title,
    chart: "line",
    series,
    range: { last: "PT6H" },
    resolution: "auto",
    agg: "avg",
    stacked: false,
    ...more,
  };
}

/** A user's dashboard touching every chart, level and aggregate. */
const USER_BOARD: Board = fromUserDashboard(
  {
    id: "0b9f6c1e-3f7a-4c55-9d55-6a1f0e2b7c10",
    ownerId: "5d1c9a4e-0000-4000-8000-000000000001",
    title: "My grid",
    defaultRange: { last: "P3D" },
    refreshSeconds: 60,
    position: 0,
    shareToken: null,
    sharedAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    panelCount: 0,
    panels: [
      spec("Raw west price", ["spp.rt.hb_west"]),
      spec("Gas and wind, 5 minute max", ["gen.natural_gas", "gen.wind"], {
        resolution: "5m",
        agg: "max",
        chart: "area",
        stacked: true,
      }),
      spec("PRC, last per 5 minutes", ["reserves.prc"], { resolution: "5m", agg: "last" }),
      spec("Storage, 15 minutes", ["storage.net"], { resolution: "15m", chart: "bar" }),
      spec("Hourly price and DA", ["spp.rt.hb_north", "spp.da.hb_north"], {
        range: { last: "P30D" },
      }),
      spec("Daily load", ["load.actual"], { resolution: "1d", agg: "max", chart: "table" }),
      spec("Latest price", ["lmp.rt.hb_houston"], { chart: "stat", agg: "last" }),
      spec("Capacity", ["capacity.available"], { chart: "gauge", range: { last: "P1D" } }),
      spec("Load scatter", ["demand.rt"], {
        chart: "scatter",
        range: { start: "2025-06-01T05:00:00Z", end: "2025-06-02T05:00:00Z" },
      }),
    ].map((s, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      dashboardId: "0b9f6c1e-3f7a-4c55-9d55-6a1f0e2b7c10",
      spec: s,
      grid: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      position: i,
    })),
  } satisfies Dashboard,
);

const BOARDS = [...BUILTIN_BOARDS, USER_BOARD];

/** A generated panel, as far as these tests read it. */
interface GeneratedPanel {
  title: string;
  gridPos: unknown;
  timeFrom?: string;
  targets: PgQuery[];
}

function panelsOf(board: Board): GeneratedPanel[] {
  return toGrafanaDashboard(board).panels as unknown as GeneratedPanel[];
}

function firstDifference(a: string, b: string): string {
  const [la, lb] = [a.split("\n"), b.split("\n")];
  const i = la.findIndex((line, n) => line !== lb[n]);
  const at = i === -1 ? la.length : i;
  return `line ${at + 1}: ${JSON.stringify(la[at])} vs ${JSON.stringify(lb[at])}`;
}

Deno.test("toGrafanaJson() matches the committed snapshots byte for byte", async (t) => {
  for (const board of BOARDS) {
    await t.step(board.uid, async () => {
      const file = new URL(`${board.uid}.json`, SNAPSHOTS);
      const actual = toGrafanaJson(board);
      if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") await Deno.writeTextFile(file, actual);
      const expected = await Deno.readTextFile(file);
      assert.ok(
        actual === expected,
        `Snapshot ${board.uid}.json differs at ${
          firstDifference(actual, expected)
        }; run with UPDATE_SNAPSHOTS=1 to accept`,
      );
    });
  }
});

Deno.test("toGrafanaJson() is byte-identical for the same board, built twice", () => {
  for (const board of BOARDS) {
    const copy = structuredClone(board);
    assert.ok(toGrafanaJson(board) === toGrafanaJson(copy), board.uid);
    assert.doesNotMatch(toGrafanaJson(board), /20\d\d-\d\d-\d\dT(?!05:00:00)/, "no timestamps");
  }
});

Deno.test("stableJson() sorts keys at every depth and drops functions", () => {
  assert.equal(
    stableJson({ b: 1, a: [{ d: 2, c: () => 3 }] }),
    '{\n  "a": [\n    {\n      "d": 2\n    }\n  ],\n  "b": 1\n}',
  );
});

Deno.test("toGrafanaDashboard() keeps uids, grid, variables and the PostgreSQL datasource", () => {
  const prices = toGrafanaDashboard(BUILTIN_BOARDS[1]);
  assert.equal(prices.uid, "ercot-prices");
  assert.deepEqual(prices.templating?.list?.map((v) => v.name), ["hub", "zone"]);
  const user = toGrafanaDashboard(USER_BOARD);
  assert.equal(user.uid, "ercot-0b9f6c1e3f7a4c559d556a1f0e2b7c10");
  assert.equal(user.refresh, "1m");
  assert.deepEqual(user.time, { from: "now-3d", to: "now" });
  assert.equal(user.templating?.list?.length ?? 0, 0);
  const panels = panelsOf(USER_BOARD);
  assert.deepEqual(panels[1].gridPos, { x: 12, y: 0, w: 12, h: 8 });
  assert.equal(panels[0].timeFrom, "6h");
  assert.equal(panels[8].timeFrom, undefined, "an absolute range follows the time picker");
  assert.ok(panels.every((p) => p.targets[0].datasource.type === "grafana-postgresql-datasource"));
});

Deno.test("panelLevel() reads rollups for coarse ranges and raw rows for short ones", () => {
  assert.equal(panelLevel(spec("a", ["spp.rt.hb_west"])), "raw");
  assert.equal(panelLevel(spec("b", ["spp.rt.hb_west"], { range: { last: "P30D" } })), "1h");
  assert.equal(panelLevel(spec("c", ["spp.rt.hb_west"], { range: { last: "P1Y" } })), "1d");
  assert.equal(panelLevel(spec("d", ["reserves.prc"], { range: { last: "P1D" } })), "5m");
  assert.equal(panelLevel(spec("e", ["load.actual"], { resolution: "15m" })), "15m");
  const sql = panelSql(
    spec("f", ["spp.rt.hb_west", "spp.da.hb_west"], { range: { last: "P30D" } }),
  );
  assert.match(sql, /FROM observations_1h r/);
  assert.match(sql, /interval_seconds < 3600\nUNION ALL/);
  assert.match(sql, /FROM observations o .*\n.*interval_seconds >= 3600/);
  assert.equal(seriesInterval("lmp.rt.some_node"), 300);
});

/** Every key a board reads, with the other point of each variable too. */
function fixtureKeys(): string[] {
  const keys = new Set<string>();
  for (const board of BOARDS) {
    for (const p of board.panels) {
      for (const k of p.spec.series.filter((k) => typeof k === "string")) {
        keys.add(k);
        if (p.bind) keys.add(k.replace(p.bind.point, alternate(p.bind.variable)));
      }
    }
  }
  return [...keys].sort();
}

function alternate(variable: string): string {
  return VARIABLES.find((v) => v.name === variable)!.options[1];
}

async function writeFixtures(db: TestDatabase): Promise<Map<string, string>> {
  const keys = fixtureKeys();
  const ids = await ensureSeries(
    db.db.sql,
    keys.map((key) => {
      const info = findSeries(key);
      return {
        key,
        name: info?.name ?? key,
        unit: info?.unit ?? "$/MWh",
        intervalSeconds: seriesInterval(key),
        feed: info?.feeds[0] ?? "np6_788",
      };
    }),
  );
  const rows = keys.flatMap((key) => {
    const step = seriesInterval(key) * 1000;
    const n = (TO.getTime() - FROM.getTime()) / step;
    return Array.from({ length: n }, (_, i) => ({
      seriesId: ids.get(key)!,
      ts: new Date(FROM.getTime() + i * step),
      value: 10 + (i % 7),
    }));
  });
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
  await db.db.sql`insert into grid_status (assessed_at, state, title, eea_level, prc)
    values ('2025-06-02T20:00:00Z', 'eea1', 'Energy Emergency Alert level 1', 1, 2400)`;
  return new Map(keys.map((k) => [k, findSeries(k)?.name ?? k]));
}

Deno.test("every generated panel's SQL runs on the database and returns each series", async (t) => {
  await withDatabase(async (db) => {
    const names = await writeFixtures(db);
    const run = async (rawSql: string, vars: Record<string, string>) =>
      await db.db.sql.unsafe(expandMacros(rawSql, { from: FROM, to: TO, vars }));
    for (const board of BOARDS) {
      const panels = panelsOf(board);
      for (const [i, panel] of board.panels.entries()) {
        const choices = panel.bind ? [panel.bind.point, alternate(panel.bind.variable)] : [""];
        for (const point of choices) {
          const vars = panel.bind ? { [panel.bind.variable]: point } : {};
          await t.step(`${board.uid} / ${panels[i].title} ${point}`.trim(), async () => {
            const rows = await run(panels[i].targets[0].rawSql, vars);
            assert.ok(rows.length > 0, "returns rows");
            assert.deepEqual(Object.keys(rows[0]).sort(), ["metric", "time", "value"]);
            const keys = panel.spec.series.filter((k) => typeof k === "string").map((k) =>
              panel.bind ? k.replace(panel.bind.point, point) : k
            );
            const expected = keys.map((k) => names.get(k)).sort();
            assert.deepEqual([...new Set(rows.map((r) => r.metric))].sort(), expected);
          });
        }
      }
    }
    await t.step("the grid-condition annotation", async () => {
      const annotation = toGrafanaDashboard(BUILTIN_BOARDS[0]).annotations?.list?.[0];
      const rows = await run((annotation?.target as PgQuery).rawSql, {});
      assert.deepEqual(rows.map((r) => r.text), ["Energy Emergency Alert level 1"]);
    });
    await t.step("daily panels read Central-time days from observations_1d", async () => {
      const daily = panelsOf(USER_BOARD)[5];
      const rows = await run(daily.targets[0].rawSql, {});
      assert.deepEqual(rows.map((r) => new Date(r.time).toISOString()), [
        "2025-06-01T05:00:00.000Z",
        "2025-06-02T05:00:00.000Z",
        "2025-06-03T05:00:00.000Z",
      ]);
      assert.ok(rows.every((r) => r.value === 16), "daily max of 10..16");
    });
  });
});
