import assert from "node:assert/strict";
import type { VizSpec } from "../../domain/vizspec.ts";
import { findSeries } from "../../domain/catalog.ts";
import { derivedSeries } from "../../domain/derived.ts";
import { panelLevel, panelSql } from "../../dashboards/queries.ts";
import { writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import type { Sql } from "../../db/client.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { createApp } from "../_app.ts";
import { expandMacros } from "./_macros.ts";

// Three Central days; the hour-aligned start is where the API's plan starts too.
const FROM = new Date("2025-06-01T05:00:00Z");
const TO = new Date("2025-06-04T05:00:00Z");
const HOUR = 3_600_000;

const INPUTS: [string, number, (i: number) => number][] = [
  ["spp.da.hb_north", 3600, (i) => 30 + (i % 24) * 1.5],
  ["spp.rt.hb_north", 900, (i) => 20 + (i % 11) * 0.75],
  ["spp.da.hb_west", 3600, (i) => 25 + ((i * 7) % 24)],
  ["spp.rt.hb_west", 900, (i) => 22 + (i % 13)],
  ["spp.rt.lz_west", 900, (i) => 24 + (i % 5) * 2.5],
  ["load.actual", 3600, (i) => 50_000 + i * 10],
  ["wind.actual", 3600, (i) => 9_000 + (i % 6) * 100],
  ["solar.actual", 3600, (i) => (i % 24) * 250],
];

/** Stored inputs over the window, less one real-time North quarter-hour (no DART that hour). */
async function writeInputs(db: TestDatabase): Promise<void> {
  const ids = await ensureSeries(
    db.db.sql,
    INPUTS.map(([key, interval]) => ({
      key,
      name: findSeries(key)?.name ?? key,
      unit: key.startsWith("spp") ? "$/MWh" : "MW",
      intervalSeconds: interval,
      feed: "test",
    })),
  );
  const missing = FROM.getTime() + 30 * HOUR + 900_000;
  const rows = INPUTS.flatMap(([key, interval, value]) => {
    const n = (TO.getTime() - FROM.getTime()) / (interval * 1000);
    return Array.from({ length: n }, (_, i) => ({
      seriesId: ids.get(key)!,
      ts: new Date(FROM.getTime() + i * interval * 1000),
      value: value(i),
    })).filter((r) => !(key === "spp.rt.hb_north" && r.ts.getTime() === missing));
  });
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

function spec(title: string, series: string[], more: Partial<VizSpec> = {}): VizSpec {
  return {
    version: 1,
    title,
    chart: "line",
    series,
    range: { start: FROM.toISOString(), end: TO.toISOString() },
    resolution: "auto",
    agg: "avg",
    stacked: false,
    ...more,
  };
}

const PANELS: VizSpec[] = [
  spec("North DART", ["dart.hb_north"]),
  spec("West basis, hourly max", ["spp.rt.hb_west", "spread.lz_west.hb_west"], {
    resolution: "1h",
    agg: "max",
  }),
  spec("Net load, 15 minutes", ["netload"], { resolution: "15m" }),
  spec("Net load by day", ["netload", "load.actual"], { resolution: "1d", agg: "min" }),
  spec("TB2 and TB4 at West", ["tb2.hb_west", "tb4.hb_west"], { resolution: "1h" }),
];

/** A panel's SQL as Grafana runs it: macros expanded, as the read-only `grafana_reader`. */
async function asGrafana(sql: Sql, rawSql: string) {
  return await sql.begin(async (tx) => {
    await tx`set local role grafana_reader`;
    return await tx.unsafe<{ time: Date; metric: string; value: number }[]>(
      expandMacros(rawSql, { from: FROM, to: TO }),
    );
  });
}

/** What `GET /api/v1/observations` answers for a key at the panel's level over the window. */
async function apiPoints(db: TestDatabase, key: string, p: VizSpec): Promise<[number, number][]> {
  const query = new URLSearchParams({
    series: key,
    start: FROM.toISOString(),
    end: TO.toISOString(),
    resolution: panelLevel(p),
    agg: p.agg,
    max_points: "20000",
  });
  const res = await createApp(testDeps(db)).request(`/api/v1/observations?${query}`);
  assert.equal(res.status, 200);
  const [s] = (await res.json()).series;
  return s.t.map((t: number, i: number) => [t * 1000, s.v[i]]);
}

Deno.test("a derived panel's Grafana SQL runs as grafana_reader and answers the API's numbers", async (t) => {
  await withDatabase(async (db) => {
    await writeInputs(db);
    for (const p of PANELS) {
      await t.step(p.title, async () => {
        const rawSql = panelSql(p);
        assert.match(rawSql, /\$__timeTo\(\)/);
        const rows = await asGrafana(db.db.sql, rawSql);
        for (const key of p.series) {
          assert.ok(typeof key === "string", "these panels name keys");
          const name = findSeries(key)!.name;
          const got = rows.filter((r) => r.metric === name)
            .map((r) => [new Date(r.time).getTime(), Number(r.value)]);
          assert.ok(got.length > 0, `${key} has rows`);
          if (!derivedSeries(key)) continue;
          const want = await apiPoints(db, key, p);
          assert.equal(got.length, want.length, `${key}: as many points as the API`);
          got.forEach(([time, value], i) => {
            assert.equal(time, want[i][0], `${key} instant ${i}`);
            assert.ok(Math.abs(value - want[i][1]) < 1e-9, `${key} at ${time}: ${value}`);
          });
        }
      });
    }
    await t.step("the hour missing a real-time quarter has no DART in Grafana either", async () => {
      const rows = await asGrafana(db.db.sql, panelSql(PANELS[0]));
      assert.equal(rows.length, 3 * 24 - 1);
      const times = new Set(rows.map((r) => new Date(r.time).getTime()));
      assert.equal(times.has(FROM.getTime() + 30 * HOUR), false);
    });
  });
});
