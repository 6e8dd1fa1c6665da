import assert from "node:assert/strict";
import { parseRequest } from "../../ai/rules.ts";
import { DEFAULT_CASES, evaluate, FIELDS, scoreCase } from "../../cli/ai_eval.ts";

const NOW = new Date("2026-11-27T18:00:00Z");
const TODAY = { start: "2026-11-27T06:00:00Z", end: "2026-11-28T06:00:00Z" };
const YESTERDAY = { start: "2026-11-26T06:00:00Z", end: "2026-11-27T06:00:00Z" };

function answer(text: string, storedKeys?: string[]) {
  return parseRequest(text, { now: NOW, storedKeys });
}

function spec(text: string, storedKeys?: string[]) {
  const result = answer(text, storedKeys);
  assert.ok("spec" in result, `${text}: ${JSON.stringify(result)}`);
  return result.spec;
}

function refusal(text: string, storedKeys?: string[]): string {
  const result = answer(text, storedKeys);
  assert.ok("error" in result, `${text}: ${JSON.stringify(result)}`);
  return result.error;
}

Deno.test("ai:eval scores the rule parser at least 95 % on dev.jsonl, analytics.jsonl and the tables set", async () => {
  assert.equal(DEFAULT_CASES.length, 3);
  for (const path of DEFAULT_CASES) {
    const { cases, scores, correct } = await evaluate(path);
    const misses = cases.filter((_, i) => !FIELDS.every((f) => scores[i][f])).map((c) => c.text);
    assert.ok(cases.length >= 12, path);
    assert.ok(correct / cases.length >= 0.95, `${path}: ${correct}/${cases.length} ${misses}`);
  }
});

/** Phrasings of the analytics conventions written for this test (none is in analytics.jsonl). */
const HELD_OUT: [string, string[], Record<string, unknown>?][] = [
  ["south hub DA/RT spread last week", ["dart.hb_south"], { range: { last: "P7D" } }],
  [
    "DART at every hub yesterday",
    ["hb_houston", "hb_north", "hb_pan", "hb_south", "hb_west"].map(
      (h) => `dart.${h}`,
    ),
    { range: YESTERDAY },
  ],
  ["day-ahead minus real-time at LZ_NORTH", ["dart.lz_north"]],
  ["spread between the houston and west hubs yesterday", ["spread.hb_houston.hb_west"], {
    range: YESTERDAY,
  }],
  ["north hub minus south hub price today", ["spread.hb_north.hb_south"], { range: TODAY }],
  ["price difference between west and north hubs", ["spread.hb_west.hb_north"]],
  ["houston basis", ["spread.lz_houston.hb_houston"]],
  ["west load zone basis to the north hub", ["spread.lz_west.hb_north"]],
  ["top and bottom four hour spread at the pan hub", ["tb4.hb_pan"]],
  ["battery arbitrage spread at the west hub", ["tb2.hb_west"]],
  ["net demand yesterday", ["netload"], { range: YESTERDAY }],
  ["latest spare capacity", ["capacity.headroom"], { chart: "stat" }],
  ["EEA status over the past 30 days", ["grid.condition"], { range: { last: "P30D" } }],
  ["load duration curve yesterday", ["load.actual"], { chart: "duration", range: YESTERDAY }],
  ["heatmap of north DART by hour today", ["dart.hb_north"], { chart: "heatmap", range: TODAY }],
  ["daily average net load and west hub price", ["netload", "spp.rt.hb_west"], {
    resolution: "1d",
    agg: "avg",
  }],
];

Deno.test("parseRequest() reads held-out phrasings of derived series and chart shapes", async (t) => {
  for (const [text, series, fields] of HELD_OUT) {
    await t.step(text, () => {
      const got = spec(text);
      assert.deepEqual(got.series, [...series].sort());
      for (const [field, value] of Object.entries(fields ?? {})) {
        assert.deepEqual(got[field as keyof typeof got], value, field);
      }
    });
  }
});

Deno.test("parseRequest() keeps the order a spread is named in and titles it from the catalog", () => {
  const west = spec("west to north hub spread today");
  const north = spec("north to west hub spread today");
  assert.deepEqual(west.series, ["spread.hb_west.hb_north"]);
  assert.deepEqual(north.series, ["spread.hb_north.hb_west"]);
  assert.equal(west.title, "West hub minus North hub real-time spread, Nov 27, 2026");
  assert.match(spec("West load zone basis").title, /^West load zone basis \(to West hub\)/);
});

Deno.test("parseRequest() refuses derived requests it cannot complete, naming what is missing", () => {
  assert.match(refusal("west hub spread"), /spread is between two settlement points .*West hub/);
  assert.match(refusal("price spread yesterday"), /spread is between two settlement points; /);
  assert.match(refusal("west, north and south hub spread"), /this names West hub, North hub/);
  assert.match(refusal("AEN basis"), /Austin Energy load zone has no hub of its own/);
  assert.match(refusal("DART at the east DC tie"), /DART is computed at hubs and load zones/);
});

Deno.test("parseRequest() leaves requests without derived words as they were", () => {
  assert.deepEqual(spec("day-ahead vs real-time west hub price").series, [
    "spp.da.hb_west",
    "spp.rt.hb_west",
  ]);
  assert.deepEqual(spec("difference between load and load forecast").series, [
    "load.actual",
    "load.forecast",
  ]);
  assert.deepEqual(spec("load vs wind and solar").series, [
    "gen.solar",
    "gen.wind",
    "load.actual",
  ]);
});

const STORED = [
  "spp.rt.alvin_rn",
  "spp.da.alvin_rn",
  "spp.rt.bastrop_all",
  "spp.rt.bastrop_rn",
  "spp.rt.amistad_all",
];

Deno.test("parseRequest() resolves stored resource-node names and close spellings", async (t) => {
  const cases: [string, string][] = [
    ["price at ALVIN_RN", "spp.rt.alvin_rn"],
    ["Alvin node yesterday", "spp.rt.alvin_rn"],
    ["ALVIN RN day-ahead price", "spp.da.alvin_rn"],
    ["alvn node", "spp.rt.alvin_rn"],
    ["price at alvin_nr", "spp.rt.alvin_rn"],
    ["amistad resource node prices", "spp.rt.amistad_all"],
  ];
  for (const [text, key] of cases) {
    await t.step(text, () => assert.deepEqual(spec(text, STORED).series, [key]));
  }
  assert.equal(spec("price at ALVIN_RN", STORED).title, "ALVIN_RN real-time price, last 24 hours");
});

Deno.test("parseRequest() refuses unknown or ambiguous node names with the nearest candidates", () => {
  assert.match(refusal("bastrop node", STORED), /"bastrop" is ambiguous.*BASTROP_ALL, BASTROP_RN/);
  assert.match(refusal("zzyzx node", STORED), /settlement point called "ZZYZX"; nearest: \w+/);
  assert.match(refusal("price at ALVIN_RN"), /settlement point called "ALVIN_RN"/);
  assert.match(refusal("LMP at ALVIN_RN", STORED), /lmp\.rt\.alvin_rn/);
});

Deno.test("scoreCase() scores a derived prediction like score.py", () => {
  const c = {
    text: "net load yesterday",
    now: "2026-11-27T12:00:00-06:00",
    expect: {
      series_any: [["netload"]],
      windows: [[YESTERDAY.start, YESTERDAY.end]] as [
        string,
        string,
      ][],
    },
  };
  assert.ok(Object.values(scoreCase(c, spec("net load yesterday"))).every(Boolean));
  assert.equal(scoreCase(c, spec("load yesterday")).series, false);
});
