import assert from "node:assert/strict";
import {
  cleared,
  compare,
  type Condition,
  describeCondition,
  INITIAL_STATE,
  type Reading,
  type RuleLogic,
  type RuleState,
  step,
  type ThresholdCondition,
} from "../../alerts/rules.ts";
import { durationMs } from "../../domain/duration.ts";
import {
  channelViews,
  normalizeCondition,
  RuleInput,
  secretHint,
  storeChannels,
} from "../../alerts/schemas.ts";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const reading = (value: number | null, previous: number | null = null): Reading => ({
  value,
  previous,
  at: value === null ? null : at(0),
});

function threshold(op: ThresholdCondition["op"], value: number, extra = {}): ThresholdCondition {
  return {
    type: "threshold",
    series: "spp.rt.hb_north",
    op,
    value,
    agg: "last",
    deadband: 0,
    ...extra,
  };
}

/** Runs `rule` over readings at one minute apart; returns each step's transition and status. */
function run(rule: RuleLogic, steps: Reading[][], start: RuleState = INITIAL_STATE) {
  let state = start;
  return steps.map((readings, i) => {
    const r = step(rule, state, readings, at(i));
    state = r.state;
    return {
      transition: r.transition,
      status: r.state.status,
      value: r.value,
      suppressed: r.suppressed,
    };
  });
}

Deno.test("durationMs() reads weeks to seconds and refuses months, zero and junk", () => {
  assert.equal(durationMs("PT15M"), 900_000);
  assert.equal(durationMs("P1DT1H"), 90_000_000);
  assert.equal(durationMs("P1W"), 604_800_000);
  assert.equal(durationMs("pt30s"), 30_000);
  for (const bad of ["P1M", "PT0S", "P", "PT", "P1DT", "15m", "PT1.5H", ""]) {
    assert.equal(durationMs(bad), null, bad);
  }
});

Deno.test("compare() and cleared() apply each operator and the deadband", () => {
  assert.equal(compare(">", 10, 10), false);
  assert.equal(compare(">=", 10, 10), true);
  assert.equal(compare("<", 9, 10), true);
  assert.equal(compare("<=", 11, 10), false);
  assert.equal(compare("crosses_above", 11, 10), true);
  assert.equal(compare("crosses_below", 11, 10), false);
  const above = threshold(">", 100, { deadband: 5 });
  assert.equal(cleared(above, 99), false, "inside the deadband");
  assert.equal(cleared(above, 95), true);
  const below = threshold("<=", 100, { deadband: 5 });
  assert.equal(cleared(below, 105), false);
  assert.equal(cleared(below, 105.1), true);
});

Deno.test("step() fires above a threshold, stays firing, and resolves once the value falls back", () => {
  const rule: RuleLogic = { match: "all", conditions: [threshold(">", 1000)] };
  const out = run(rule, [[reading(900)], [reading(1200)], [reading(1100)], [reading(1000)]]);
  assert.deepEqual(out.map((o) => o.transition), [null, "firing", null, "resolved"]);
  assert.deepEqual(out.map((o) => o.status), ["ok", "firing", "firing", "ok"]);
  assert.deepEqual(out.map((o) => o.value), [900, 1200, 1100, 1000]);
});

Deno.test("step() resolves only when the value moved back past the threshold by the deadband", () => {
  const rule: RuleLogic = { match: "all", conditions: [threshold(">", 1000, { deadband: 50 })] };
  const out = run(rule, [[reading(1200)], [reading(990)], [reading(951)], [reading(950)]]);
  assert.deepEqual(out.map((o) => o.transition), ["firing", null, null, "resolved"]);
});

Deno.test("step() fires a crossing only when one is observed, then holds it like > and <", async (t) => {
  await t.step("already above with no crossing does not fire", () => {
    const rule: RuleLogic = { match: "all", conditions: [threshold("crosses_above", 50)] };
    const out = run(rule, [[reading(60, 55)], [reading(70, 60)]]);
    assert.deepEqual(out.map((o) => o.transition), [null, null]);
  });
  await t.step("a crossing fires, holds while above, resolves below", () => {
    const rule: RuleLogic = { match: "all", conditions: [threshold("crosses_above", 50)] };
    const out = run(rule, [[reading(40, 30)], [reading(55, 40)], [reading(70, 55)], [
      reading(45, 70),
    ]]);
    assert.deepEqual(out.map((o) => o.transition), [null, "firing", null, "resolved"]);
  });
  await t.step("crosses_below with a for duration latches the crossing", () => {
    const rule: RuleLogic = {
      match: "all",
      conditions: [threshold("crosses_below", 3000, { for: "PT2M" })],
    };
    const out = run(rule, [[reading(2900, 3100)], [reading(2800, 2900)], [reading(2700, 2800)]]);
    assert.deepEqual(out.map((o) => o.status), ["pending", "pending", "firing"]);
  });
});

Deno.test("step() waits out a for duration and starts it again after a break", () => {
  const rule: RuleLogic = { match: "all", conditions: [threshold("<", 3000, { for: "PT3M" })] };
  const low = [reading(2500)];
  const out = run(rule, [low, low, [reading(3100)], low, low, low, low]);
  assert.deepEqual(out.map((o) => o.status), [
    "pending",
    "pending",
    "ok",
    "pending",
    "pending",
    "pending",
    "firing",
  ]);
  assert.equal(out.filter((o) => o.transition === "firing").length, 1);
});

Deno.test("step() suppresses re-firing until the cooldown has passed", () => {
  const rule: RuleLogic = { match: "all", conditions: [threshold(">", 100)], cooldown: "PT5M" };
  const hi = [reading(150)], lo = [reading(50)];
  const out = run(rule, [hi, lo, hi, hi, hi, hi, hi]);
  assert.deepEqual(out.map((o) => o.transition), [
    "firing",
    "resolved",
    null,
    null,
    null,
    "firing",
    null,
  ]);
  assert.deepEqual(out.map((o) => o.suppressed), [false, false, true, true, true, false, false]);
  assert.equal(out[2].status, "pending");
});

Deno.test("step() combines conditions with match all and match any", () => {
  const conditions: Condition[] = [threshold(">", 100), threshold("<", 0)];
  const both = [reading(150), reading(-5)];
  const one = [reading(150), reading(5)];
  assert.equal(step({ match: "all", conditions }, INITIAL_STATE, one, at(0)).transition, null);
  assert.equal(step({ match: "all", conditions }, INITIAL_STATE, both, at(0)).transition, "firing");
  assert.equal(step({ match: "any", conditions }, INITIAL_STATE, one, at(0)).transition, "firing");
  const firing = step({ match: "any", conditions }, INITIAL_STATE, both, at(0)).state;
  const still = step({ match: "any", conditions }, firing, one, at(1));
  assert.equal(still.transition, null, "any stays firing while one condition holds");
  const over = step({ match: "any", conditions }, firing, [reading(50), reading(5)], at(2));
  assert.equal(over.transition, "resolved");
});

Deno.test("step() treats a series with no data, or data older than the limit, as stale", () => {
  const rule: RuleLogic = {
    match: "all",
    conditions: [{ type: "stale", series: "gen.wind", minutes: 10 }],
  };
  const none = step(rule, INITIAL_STATE, [{ newestEnd: null }], at(0));
  assert.equal(none.transition, "firing");
  assert.equal(none.value, null);
  const fresh = step(rule, none.state, [{ newestEnd: at(-5) }], at(0));
  assert.equal(fresh.transition, "resolved");
  assert.equal(fresh.value, 5);
  const old = step(rule, fresh.state, [{ newestEnd: at(-11) }], at(1));
  assert.equal(old.transition, "firing");
  assert.equal(old.value, 12);
});

Deno.test("step() leaves a threshold without data unmet", () => {
  const rule: RuleLogic = { match: "any", conditions: [threshold("<", 10)] };
  const r = step(rule, INITIAL_STATE, [reading(null)], at(0));
  assert.equal(r.state.status, "ok");
  assert.deepEqual(r.state.conditions, [{ since: null, value: null, met: false }]);
});

Deno.test("describeCondition() words each kind of condition", () => {
  assert.equal(
    describeCondition(threshold("<", 3000, { for: "PT15M", series: "reserves.prc" })),
    "reserves.prc < 3000 for PT15M",
  );
  assert.equal(
    describeCondition(threshold("crosses_above", 1000, { agg: "avg", window: "PT1H" })),
    "avg(spp.rt.hb_north, PT1H) crosses above 1000",
  );
  assert.equal(
    describeCondition({ type: "stale", series: "gen.wind", minutes: 10 }),
    "gen.wind has no data for 10 minutes",
  );
});

Deno.test("normalizeCondition() fills in agg, window and deadband", () => {
  const parse = (c: unknown) =>
    normalizeCondition(RuleInput.parse({ name: "x", conditions: [c] }).conditions[0]);
  const base = { type: "threshold", series: "spp.rt.hb_north", op: ">", value: 1 };
  assert.deepEqual(parse(base), { ...base, agg: "last", deadband: 0 });
  assert.deepEqual(parse({ ...base, agg: "avg" }), {
    ...base,
    agg: "avg",
    window: "PT1H",
    deadband: 0,
  });
  assert.deepEqual(parse({ ...base, window: "PT30M" }), {
    ...base,
    agg: "avg",
    window: "PT30M",
    deadband: 0,
  });
});

Deno.test("RuleInput names the field and the value of a bad rule", async (t) => {
  const ok = { type: "threshold", series: "reserves.prc", op: "<", value: 3000 };
  const cases: [string, unknown, string, RegExp][] = [
    [
      "a bad for",
      { conditions: [{ ...ok, for: "15 minutes" }] },
      "conditions.0.for",
      /"15 minutes" is not an ISO 8601 duration/,
    ],
    ["an unknown op", { conditions: [{ ...ok, op: "=>" }] }, "conditions.0.op", /.+/],
    ["a misspelt key", { conditions: [{ ...ok, fro: "PT1M" }] }, "conditions.0", /fro/],
    [
      "a malformed series",
      { conditions: [{ ...ok, series: "Reserves PRC" }] },
      "conditions.0.series",
      /"Reserves PRC" is not a series key/,
    ],
    [
      "a stale minutes of 0",
      { conditions: [{ type: "stale", series: "gen.wind", minutes: 0 }] },
      "conditions.0.minutes",
      /.+/,
    ],
    [
      "an ftp webhook",
      { conditions: [ok], channels: [{ type: "webhook", url: "ftp://x.example" }] },
      "channels.0.url",
      /not an http\(s\) URL/,
    ],
    ["a long cooldown", { conditions: [ok], cooldown: "P60D" }, "cooldown", /longer than P30D/],
    [
      "two sse channels",
      { conditions: [ok], channels: [{ type: "sse" }, { type: "sse" }] },
      "channels",
      /sse channel once/,
    ],
  ];
  for (const [name, body, path, message] of cases) {
    await t.step(name, () => {
      const r = RuleInput.safeParse({ name: "x", ...(body as object) });
      assert.equal(r.success, false);
      const issue = r.error!.issues[0];
      assert.equal(issue.path.join("."), path);
      assert.match(issue.message, message);
    });
  }
});

Deno.test("storeChannels() keeps or generates secrets and channelViews() never shows old ones", () => {
  const first = storeChannels([{ type: "webhook", url: "https://a.example/h" }, { type: "sse" }]);
  const secret = first.generated.get("https://a.example/h")!;
  assert.match(secret, /^whsec_[0-9a-f]{64}$/);
  const again = storeChannels([{ type: "webhook", url: "https://a.example/h" }], first.channels);
  assert.equal(again.generated.size, 0);
  assert.deepEqual(again.channels, [{ type: "webhook", url: "https://a.example/h", secret }]);
  assert.deepEqual(channelViews(again.channels), [
    { type: "webhook", url: "https://a.example/h", secret_hint: secretHint(secret) },
  ]);
  assert.equal(secretHint("0123456789abcdef"), "••••cdef");
  assert.deepEqual(channelViews(first.channels, first.generated)[0], {
    type: "webhook",
    url: "https://a.example/h",
    secret_hint: secretHint(secret),
    secret,
  });
});
