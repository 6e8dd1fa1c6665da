import assert from "node:assert/strict";
import {
  linkRangeProblem,
  panned,
  readState,
  stateQuery,
  stateUrl,
  windowOf,
  zoomed,
} from "../../web/lib/explore_state.ts";

Deno.test("readState() and stateUrl() round-trip a shared explorer view", () => {
  const url = "/explore?series=spp.rt.hb_west,gen.wind&start=2025-10-08T05:00:00Z" +
    "&end=2025-10-09T05:00:00.500Z&res=1h&agg=max&chart=bar";
  const state = readState(new URL(url, "http://x").searchParams);
  assert.deepEqual(state.series, ["spp.rt.hb_west", "gen.wind"]);
  assert.equal(state.last, null);
  assert.equal(stateUrl(state), url);
});

Deno.test("readState() falls back to the last 24 hours, auto and avg for bad values", () => {
  const state = readState(new URLSearchParams("series=a&last=soon&res=2m&agg=median&chart=pie"));
  assert.deepEqual(
    [state.last, state.res, state.agg, state.chart],
    ["P1D", "auto", "avg", "line"],
  );
  assert.deepEqual(stateQuery(state), {
    series: ["a"],
    last: "P1D",
    start: undefined,
    end: undefined,
    resolution: "auto",
    agg: "avg",
    maxPoints: 2000,
    fill: undefined,
    exprs: undefined,
  });
});

Deno.test("readState() and stateUrl() round-trip an expression and its label", () => {
  const url = "/explore?series=spp.rt.hb_west&last=P7D" +
    "&expr=(spp.rt.lz_west%20-%20spp.rt.hb_west)%20%2B%202&label=West%20basis";
  const state = readState(new URL(url, "http://x").searchParams);
  assert.deepEqual([state.expr, state.label], [
    "(spp.rt.lz_west - spp.rt.hb_west) + 2",
    "West basis",
  ]);
  assert.equal(stateUrl(state), url);
  assert.deepEqual(stateQuery(state).exprs, [
    { expr: "(spp.rt.lz_west - spp.rt.hb_west) + 2", label: "West basis" },
  ]);
  assert.deepEqual(readState(new URL(stateUrl(state), "http://x").searchParams), state);
});

Deno.test("readState() names an unlabelled expression by its text and drops a label without one", () => {
  const bare = readState(new URLSearchParams("expr=netload%20/%201000"));
  assert.equal(bare.label, "");
  assert.equal(stateUrl(bare), "/explore?last=P1D&expr=netload%20%2F%201000");
  // The API names it by its text, which may be longer than a label's 80 characters
  // (tests/routes/observations_expr_test.ts): the read sends no label.
  assert.deepEqual(stateQuery(bare).exprs, [{ expr: "netload / 1000" }]);
  const orphan = readState(new URLSearchParams("series=a&expr=%20&label=West"));
  assert.deepEqual([orphan.expr, orphan.label], ["", ""]);
  assert.equal(stateUrl(orphan), "/explore?series=a&last=P1D");
  assert.equal(stateQuery(orphan).exprs, undefined);
});

Deno.test("readState() keeps a gap fill in the link and asks the API for it", () => {
  const state = readState(new URLSearchParams("series=a&last=P7D&fill=linear"));
  assert.equal(state.fill, "linear");
  assert.equal(stateUrl(state), "/explore?series=a&last=P7D&fill=linear");
  assert.equal(stateQuery(state).fill, "linear");
  assert.equal(readState(new URLSearchParams("series=a&fill=cubic")).fill, "none");
});

Deno.test("panned() and zoomed() turn a relative window absolute and resample at auto", () => {
  const now = Date.parse("2025-10-09T00:00:00Z");
  const state = { ...readState(new URLSearchParams("series=a&last=P1D&res=raw")) };
  const earlier = panned(state, -0.5, now);
  assert.deepEqual(windowOf(earlier, now), {
    start: now - 36 * 3600_000,
    end: now - 12 * 3600_000,
  });
  assert.equal(earlier.res, "auto");
  const closer = zoomed(state, 0.5, now);
  assert.deepEqual(windowOf(closer, now), { start: now - 18 * 3600_000, end: now - 6 * 3600_000 });
});

Deno.test("linkRangeProblem() says why a link's range was dropped and what is shown instead", () => {
  const problem = (q: string) => linkRangeProblem(new URLSearchParams(q));
  assert.equal(
    problem("start=2026-06-02T00:00:00Z&end=2026-06-01T00:00:00Z"),
    `The link's range was invalid (start "2026-06-02T00:00:00Z" is not before end ` +
      `"2026-06-01T00:00:00Z"); showing the last 24 h`,
  );
  assert.match(problem("start=yesterday&end=2026-06-01") ?? "", /start "yesterday" is not a date/);
  assert.match(problem("start=2026-06-01") ?? "", /has a start but no end/);
  assert.match(problem("last=soon") ?? "", /"soon" is not a duration.*last 24 h$/);
  assert.match(problem("start=x&end=y&last=P7D") ?? "", /showing the last 7 days$/);
  assert.equal(problem("start=2026-06-01&end=2026-06-02"), undefined);
  assert.equal(problem("last=PT6H"), undefined);
  assert.equal(problem("series=a"), undefined);
  assert.equal(readState(new URLSearchParams("last=PT0S")).last, "P1D");
});

Deno.test("stateQuery() reads a heat map in hours, every hour of the window", () => {
  const heat = readState(new URLSearchParams("series=a&last=P120D&chart=heatmap"));
  assert.equal(heat.chart, "heatmap");
  assert.deepEqual(
    [stateQuery(heat).resolution, stateQuery(heat).maxPoints],
    ["1h", 120 * 24 + 2],
  );
  const curve = readState(new URLSearchParams("series=a&last=P30D&chart=duration"));
  // A duration curve sorts every value: it asks for the API's most points, not min/max windows.
  assert.deepEqual([stateQuery(curve).resolution, stateQuery(curve).maxPoints], ["auto", 20_000]);
});
