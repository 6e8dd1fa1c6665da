import assert from "node:assert/strict";
import { compileSpec, compileTable, runCompiled } from "../../ai/compile.ts";
import { validateSpec, type VizSpecInput } from "../../domain/vizspec.ts";
import { queryObservations } from "../../db/query.ts";
import { withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";

const NOW = new Date("2026-03-10T00:00:00Z");

function spec(overrides: Partial<VizSpecInput>) {
  return validateSpec({
    version: 1,
    title: "Test chart",
    chart: "line",
    series: ["spp.rt.hb_west"],
    range: { last: "P2D" },
    ...overrides,
  });
}

Deno.test("compileSpec() binds every key, instant and number as a $n parameter", () => {
  const compiled = compileSpec(
    spec({ series: ["spp.rt.hb_west", "load.actual"], range: { last: "P400D" } }),
    { now: NOW, maxPoints: 100, seriesIntervals: { "spp.rt.hb_west": 900 } },
  );
  const literals = compiled.sql.replaceAll("'epoch'", "").replaceAll("'5 minutes'", "")
    .replaceAll("'2000-01-01'", "");
  assert.doesNotMatch(literals, /'/);
  assert.doesNotMatch(compiled.sql, /hb_west|load\.actual|2026/);
  assert.ok(compiled.params.includes("spp.rt.hb_west"));
  assert.ok(compiled.params.includes("load.actual"));
  const placeholders = new Set(compiled.sql.match(/\$\d+/g));
  assert.equal(placeholders.size, compiled.params.length);
  assert.deepEqual(compiled.plan.map((p) => [p.key, p.level, p.source, p.downsampled]), [
    ["spp.rt.hb_west", "1d", "observations_1d", true],
    ["load.actual", "1d", "observations_1d", true],
  ]);
});

Deno.test("compileSpec() reads a 15-minute series raw at 15m and an hourly one from the 1h rollup", () => {
  const compiled = compileSpec(
    spec({ series: ["spp.rt.hb_west", "load.actual"], resolution: "15m", range: { last: "P7D" } }),
    { now: NOW, seriesIntervals: { "spp.rt.hb_west": 900, "load.actual": 3600 } },
  );
  assert.deepEqual(compiled.plan.map((p) => [p.level, p.source]), [
    ["raw", "observations"],
    ["raw", "observations"],
  ]);
  const hourly = compileSpec(spec({ resolution: "1h" }), {
    now: NOW,
    seriesIntervals: { "spp.rt.hb_west": 900 },
  });
  assert.deepEqual([hourly.plan[0].level, hourly.plan[0].source], ["1h", "observations_1h"]);
  assert.match(hourly.sql, /from observations_1h where/);
});

Deno.test("compileSpec() refuses a point budget under 2", () => {
  assert.throws(
    () => compileSpec(spec({}), { now: NOW, maxPoints: 1 }),
    /maxPoints 1 is not an integer of at least 2/,
  );
});

const CASES: [string, Partial<VizSpecInput>, number][] = [
  ["raw", { resolution: "raw" }, 1000],
  ["5-minute last", { series: ["demand.rt"], resolution: "5m", agg: "last" }, 1000],
  ["15m rollup sum", { series: ["demand.rt"], resolution: "15m", agg: "sum" }, 1000],
  ["1h max", { resolution: "1h", agg: "max" }, 1000],
  ["1d min", { resolution: "1d", agg: "min", range: { last: "P10D" } }, 1000],
  ["auto, two series", { series: ["spp.rt.hb_west", "demand.rt"] }, 1000],
  ["downsampled raw", { resolution: "raw" }, 40],
  ["downsampled auto over 10 days", { series: ["demand.rt"], range: { last: "P10D" } }, 30],
  [
    "absolute window",
    { range: { start: "2026-03-08T06:07:00Z", end: "2026-03-09T05:00:00Z" }, resolution: "1h" },
    1000,
  ],
  ["a series with no data", { series: ["spp.rt.hb_west", "gen.nuclear"] }, 1000],
];

Deno.test("executing the compiled SQL returns the same points as queryObservations", async (t) => {
  await withDatabase(async (db) => {
    const start = "2026-02-27T00:00:00Z";
    await seed(db, { key: "spp.rt.hb_west", start, n: 1200, value: (i) => Math.sin(i / 7) * 50 });
    await seed(db, {
      key: "demand.rt",
      interval: 300,
      unit: "MW",
      feed: "supply_demand",
      start,
      n: 3500,
      value: (i) => 40_000 + ((i * 37) % 1000),
    });
    await seed(db, { key: "gen.nuclear", interval: 300, unit: "MW", start, n: 0 });
    const intervals = { "spp.rt.hb_west": 900, "demand.rt": 300, "gen.nuclear": 300 };
    for (const [name, overrides, maxPoints] of CASES) {
      await t.step(name, async () => {
        const s = spec(overrides);
        const compiled = compileSpec(s, { now: NOW, maxPoints, seriesIntervals: intervals });
        const ran = await runCompiled(db.db.sql, compiled);
        const expected = await queryObservations(db.db.sql, {
          keys: s.series.filter((k) => typeof k === "string"),
          start: compiled.start,
          end: compiled.end,
          resolution: s.resolution,
          agg: s.agg,
          maxPoints,
        });
        assert.deepEqual(ran.map((r) => [r.key, r.t, r.v]), expected.map((e) => [e.key, e.t, e.v]));
        assert.deepEqual(
          compiled.plan.map((p) => [p.level, p.source, p.downsampled]),
          expected.map((e) => [e.resolution, e.source, e.downsampled]),
        );
        assert.ok(ran.some((r) => r.t.length > 0));
      });
    }
  });
});

Deno.test("compileTable() compiles a cross-section to the API's statement, at the latest instant of its range", async (t) => {
  const now = new Date("2026-01-01T00:01:00Z");
  const table = (cross_section: unknown, range: unknown = { last: "PT24H" }) =>
    validateSpec({ version: 1, title: "Hubs", chart: "table", cross_section, range });
  await t.step("a rolling range: now", () => {
    const c = compileTable(table({ family: "spp.da", type: "hub" }), { now });
    // The instant and the lower bound of its 31-day look-back.
    assert.deepEqual(c.params, ["spp.da.%", "2026-01-01T00:01:00Z", "2025-12-01T00:01:00Z"]);
    assert.match(c.sql, /left\(substr\(key, 8\), 3\) in \('hb_'\)/);
  });
  await t.step("an absolute range: the last instant before its end", () => {
    const range = { start: "2025-12-30T06:00:00Z", end: "2025-12-31T06:00:00Z" };
    const c = compileTable(table({ family: "lmp.rt" }, range), { now });
    assert.equal(c.params[1], "2025-12-31T05:59:59.999Z");
  });
  await t.step("a ranking: the range is its window", () => {
    const c = compileTable(table({ family: "spp.rt", top: { n: 5, order: "asc" } }), { now });
    assert.deepEqual(c.params, ["spp.rt.%", "2025-12-31T00:01:00Z", "2026-01-01T00:01:00Z", 5]);
    assert.match(c.sql, /avg\(o\.value\)/);
    assert.match(c.sql, /order by value asc, key collate "C"/);
  });
  await t.step("a chart over series has none, and compileSpec() refuses a cross-section", () => {
    assert.throws(() => compileTable(spec({}), { now }), /A line spec has no cross_section/);
    assert.throws(
      () => compileSpec(table({ family: "spp.rt" }), { now }),
      /A cross-section table reads no series/,
    );
  });
});
