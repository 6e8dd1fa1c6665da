import assert from "node:assert/strict";
import { parseRequest } from "../../ai/rules.ts";
import { DEFAULT_CASES, readCases } from "../../cli/ai_eval.ts";

const NOW = new Date("2026-11-27T18:00:00Z");
const YESTERDAY = { start: "2026-11-26T06:00:00Z", end: "2026-11-27T06:00:00Z" };

function answer(text: string) {
  return parseRequest(text, { now: NOW });
}

function spec(text: string) {
  const result = answer(text);
  assert.ok("spec" in result, `${text}: ${JSON.stringify(result)}`);
  return result.spec;
}

Deno.test("The rule parser answers every case of ai/eval_tables.jsonl with its cross-section exactly", async () => {
  const path = DEFAULT_CASES.find((p) => p.endsWith("/ai/eval_tables.jsonl"));
  assert.ok(path);
  const cases = await readCases(path);
  assert.ok(cases.length >= 12);
  for (const c of cases) {
    const result = parseRequest(c.text, { now: new Date(c.now) });
    assert.ok("spec" in result, `${c.text}: ${JSON.stringify(result)}`);
    const expected = (c.expect as { cross_section?: unknown }).cross_section;
    assert.equal(result.spec.chart, "table", c.text);
    assert.deepEqual(result.spec.series, [], c.text);
    assert.deepEqual(result.spec.cross_section, expected, c.text);
  }
});

Deno.test("The rule parser reads the four cross-section requests of issue #24", async (t) => {
  await t.step("top 10 nodes by average price yesterday", () => {
    const s = spec("top 10 nodes by average price yesterday");
    assert.deepEqual(s.cross_section, {
      family: "spp.rt",
      type: "node",
      top: { n: 10, agg: "avg", order: "desc" },
    });
    assert.deepEqual(s.range, YESTERDAY);
    assert.equal(s.title, "Top 10 nodes by average real-time price, Nov 26, 2026");
  });
  await t.step("highest real-time prices right now: a ranking over the last hour", () => {
    const s = spec("highest real-time prices right now");
    assert.deepEqual(s.cross_section, {
      family: "spp.rt",
      top: { n: 10, agg: "avg", order: "desc" },
    });
    assert.deepEqual(s.range, { last: "PT1H" });
  });
  await t.step("prices at every hub now: every hub at the latest interval", () => {
    const s = spec("prices at every hub now");
    assert.deepEqual(s.cross_section, { family: "spp.rt", type: "hub" });
    assert.equal(s.title, "Real-time prices at every hub, latest");
  });
  await t.step("cheapest 5 load zones last week by day-ahead price", () => {
    const s = spec("cheapest 5 load zones last week by day-ahead price");
    assert.deepEqual(s.cross_section, {
      family: "spp.da",
      type: "zone",
      top: { n: 5, agg: "avg", order: "asc" },
    });
    assert.deepEqual(s.range, { last: "P7D" });
  });
});

Deno.test("The rule parser keeps series readings where a request names points or a window over time", () => {
  const cases: [string, string][] = [
    ["highest west hub price yesterday", "line"],
    ["show me prices at every hub for the previous 3 days", "line"],
    ["all load zone prices yesterday", "line"],
    ["list hub prices yesterday", "table"],
    ["What is the west hub price right now?", "stat"],
    ["daily top-bottom 2 hour spread at the north hub this month", "line"],
  ];
  for (const [text, chart] of cases) {
    const s = spec(text);
    assert.equal(s.chart, chart, text);
    assert.equal(s.cross_section, undefined, text);
    assert.ok(s.series.length > 0, text);
  }
});

Deno.test("The rule parser refuses a ranking it cannot draw, saying why", () => {
  assert.deepEqual(answer("top 200 nodes yesterday"), {
    error: "A ranking lists 1 to 100 points, not 200",
  });
  assert.deepEqual(answer("top 10 nodes last 3 months"), {
    error: "A ranking reads at most 31 days; ask for a shorter window than last 3 months",
  });
});
