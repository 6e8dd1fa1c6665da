import assert from "node:assert/strict";
import fc from "fast-check";
import { ValidationError } from "../../domain/errors.ts";
import {
  formatInstant,
  normalizeSpec,
  parseIsoDuration,
  resolveRange,
  validateSpec,
  type VizSpec,
  vizSpecJsonSchema,
  VizSpecSchema,
} from "../../domain/vizspec.ts";

const EXAMPLE: VizSpec = {
  version: 1,
  title: "West hub real-time price, last 24 hours",
  chart: "line",
  series: ["spp.rt.hb_west"],
  range: { last: "PT24H" },
  resolution: "auto",
  agg: "avg",
  stacked: false,
};

const HOUR = 3_600_000;

function rejects(input: unknown, pattern: RegExp): void {
  assert.throws(
    () => validateSpec(input),
    (e: unknown) => e instanceof ValidationError && pattern.test(e.message),
  );
}

Deno.test("VizSpecSchema accepts the DESIGN example unchanged", () => {
  assert.deepEqual(validateSpec(EXAMPLE), EXAMPLE);
});

Deno.test("VizSpecSchema fills resolution, agg and stacked defaults", () => {
  const { resolution: _r, agg: _a, stacked: _s, ...bare } = EXAMPLE;
  const spec = validateSpec(bare);
  assert.equal(spec.resolution, "auto");
  assert.equal(spec.agg, "avg");
  assert.equal(spec.stacked, false);
});

Deno.test("VizSpecSchema accepts an absolute range with offsets", () => {
  const range = { start: "2021-02-14T00:00:00-06:00", end: "2021-02-15T06:00:00Z" };
  assert.deepEqual(validateSpec({ ...EXAMPLE, range }).range, range);
});

Deno.test("validateSpec() names what is wrong and where", async (t) => {
  const cases: [string, unknown, RegExp][] = [
    ["a version other than 1", { ...EXAMPLE, version: 2 }, /^VizSpec version:/],
    ["an unknown chart", { ...EXAMPLE, chart: "pie" }, /^VizSpec chart:/],
    ["no series", { ...EXAMPLE, series: [] }, /at least one series/],
    [
      "a key outside the catalog grammar",
      { ...EXAMPLE, series: ["gen.coal"] },
      /Series key "gen\.coal" is not a catalog key/,
    ],
    [
      "SQL in a series key",
      { ...EXAMPLE, series: ["spp.rt.hb_west; drop table x"] },
      /is not a catalog key/,
    ],
    [
      "25 series",
      { ...EXAMPLE, series: Array.from({ length: 25 }, (_, i) => `spp.rt.node_${i}`) },
      /at most 24 series, got 25/,
    ],
    [
      "a repeated series",
      { ...EXAMPLE, series: ["load.actual", "load.actual"] },
      /"load\.actual" is listed twice/,
    ],
    ["a bad duration", { ...EXAMPLE, range: { last: "24h" } }, /Duration "24h" is not ISO 8601/],
    ["a zero duration", { ...EXAMPLE, range: { last: "PT0S" } }, /Duration "PT0S" is zero/],
    ["an end before the start", {
      ...EXAMPLE,
      range: { start: "2026-01-02T00:00:00Z", end: "2026-01-01T00:00:00Z" },
    }, /is not before end/],
    ["an instant without offset", {
      ...EXAMPLE,
      range: { start: "2026-01-01T00:00:00", end: "2026-01-02T00:00:00Z" },
    }, /range.start: Instant "2026-01-01T00:00:00"/],
    [
      "a range of both kinds",
      { ...EXAMPLE, range: { last: "P1D", start: "2026-01-01T00:00:00Z" } },
      /^VizSpec range/,
    ],
    ["markup in the title", { ...EXAMPLE, title: "<b>x</b>" }, /Title contains markup/],
    [
      "a control character in the title",
      { ...EXAMPLE, title: "a\u0007b" },
      /Title contains control characters/,
    ],
    ["an unknown member", { ...EXAMPLE, sql: "select 1" }, /^VizSpec/],
  ];
  for (const [name, input, pattern] of cases) {
    await t.step(`rejects ${name}`, () => rejects(input, pattern));
  }
});

Deno.test("VizSpecSchema accepts resource-node price keys but not unknown families", () => {
  assert.ok(VizSpecSchema.safeParse({ ...EXAMPLE, series: ["lmp.rt.some_resource_node"] }).success);
  assert.ok(!VizSpecSchema.safeParse({ ...EXAMPLE, series: ["price.rt.hb_west"] }).success);
  assert.ok(!VizSpecSchema.safeParse({ ...EXAMPLE, series: ["wind.hsl.west"] }).success);
});

Deno.test("vizSpecJsonSchema is a plain object schema fit for a tool input", () => {
  const schema = vizSpecJsonSchema as {
    type: string;
    required: string[];
    additionalProperties: boolean;
    properties: Record<string, Record<string, unknown>>;
  };
  assert.equal("$schema" in schema, false);
  assert.equal(schema.type, "object");
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.required.toSorted(), ["chart", "range", "title", "version"]);
  assert.deepEqual(
    (schema.properties.cross_section as { required: string[] }).required,
    ["family"],
  );
  assert.deepEqual(schema.properties.chart.enum, [
    "line",
    "area",
    "bar",
    "stat",
    "gauge",
    "table",
    "scatter",
    "heatmap",
    "duration",
  ]);
  const [key, expr] = (schema.properties.series.items as { anyOf: Record<string, unknown>[] })
    .anyOf as [{ pattern: string }, { required: string[]; additionalProperties: boolean }];
  assert.ok(new RegExp(key.pattern).test("spp.rt.hb_west"));
  assert.ok(!new RegExp(key.pattern).test("gen.coal"));
  assert.deepEqual(expr.required.toSorted(), ["expr", "label"]);
  assert.equal(expr.additionalProperties, false);
  assert.equal(schema.properties.series.maxItems, 24);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(schema)));
});

Deno.test("parseIsoDuration() converts the usual forms to milliseconds", () => {
  assert.equal(parseIsoDuration("PT24H"), 24 * HOUR);
  assert.equal(parseIsoDuration("P1D"), 24 * HOUR);
  assert.equal(parseIsoDuration("P2W"), 14 * 24 * HOUR);
  assert.equal(parseIsoDuration("P1DT12H"), 36 * HOUR);
  assert.equal(parseIsoDuration("PT90M"), 1.5 * HOUR);
  assert.equal(parseIsoDuration("PT1.5S"), 1500);
  assert.equal(parseIsoDuration("P1Y"), 31_556_952_000);
  assert.equal(parseIsoDuration("P20Y"), 20 * 31_556_952_000);
});

Deno.test("parseIsoDuration() rejects bad, zero and over-long durations", async (t) => {
  for (
    const bad of [
      "",
      "P",
      "PT",
      "P1DT",
      "24h",
      "PT-1H",
      "P1.5D",
      "p1d",
      "P0D",
      "PT0H0M",
      "P21Y",
      "P241M",
      "P7400D",
    ]
  ) {
    await t.step(
      JSON.stringify(bad),
      () => assert.throws(() => parseIsoDuration(bad), ValidationError),
    );
  }
});

Deno.test("resolveRange() ends a rolling window at now", () => {
  const now = new Date("2026-11-27T18:00:00Z");
  const { start, end } = resolveRange({ last: "PT24H" }, now);
  assert.equal(start.toISOString(), "2026-11-26T18:00:00.000Z");
  assert.equal(end.getTime(), now.getTime());
});

Deno.test("resolveRange() steps months back on the Central calendar", () => {
  const now = new Date("2026-03-31T12:00:00-05:00");
  assert.equal(resolveRange({ last: "P1M" }, now).start.toISOString(), "2026-02-28T18:00:00.000Z");
  assert.equal(
    resolveRange({ last: "P1Y" }, new Date("2028-02-29T12:00:00-06:00")).start.toISOString(),
    "2027-02-28T18:00:00.000Z",
  );
});

Deno.test("resolveRange() passes absolute instants through", () => {
  const { start, end } = resolveRange({
    start: "2021-02-14T00:00:00-06:00",
    end: "2021-02-15T06:00:00Z",
  }, new Date());
  assert.equal(start.toISOString(), "2021-02-14T06:00:00.000Z");
  assert.equal(end.toISOString(), "2021-02-15T06:00:00.000Z");
});

Deno.test("formatInstant() drops zero milliseconds only", () => {
  assert.equal(formatInstant(new Date("2026-01-01T00:00:00Z")), "2026-01-01T00:00:00Z");
  assert.equal(formatInstant(new Date("2026-01-01T00:00:00.250Z")), "2026-01-01T00:00:00.250Z");
});

Deno.test("normalizeSpec() sorts and de-duplicates series and fills defaults", () => {
  const spec = normalizeSpec({
    ...EXAMPLE,
    series: ["spp.rt.hb_west", "load.actual", "spp.rt.hb_west"],
    agg: undefined,
  });
  assert.deepEqual(spec.series, ["load.actual", "spp.rt.hb_west"]);
  assert.equal(spec.agg, "avg");
});

Deno.test("normalizeSpec() makes equivalent specs deep-equal", () => {
  const a = normalizeSpec({ ...EXAMPLE, title: "  West hub   price ", range: { last: "PT24H" } });
  const b = normalizeSpec({
    ...EXAMPLE,
    title: "West hub price",
    range: { last: "P1D" },
    resolution: undefined,
  });
  assert.deepEqual(a, b);
  assert.deepEqual(
    normalizeSpec({
      ...EXAMPLE,
      range: { start: "2021-02-14T00:00:00-06:00", end: "2021-02-15T00:00:00-06:00" },
    }).range,
    { start: "2021-02-14T06:00:00Z", end: "2021-02-15T06:00:00Z" },
  );
  assert.deepEqual(normalizeSpec({ ...EXAMPLE, range: { last: "P1W" } }).range, { last: "P7D" });
  assert.deepEqual(normalizeSpec({ ...EXAMPLE, range: { last: "P14M" } }).range, { last: "P1Y2M" });
  assert.deepEqual(normalizeSpec({ ...EXAMPLE, range: { last: "PT90M" } }).range, {
    last: "PT1H30M",
  });
});

Deno.test("normalizeSpec() keeps member order fixed and throws ValidationError on bad input", () => {
  const { stacked, agg, range, series, chart, title, version } = EXAMPLE;
  const spec = normalizeSpec({ stacked, agg, range, series, chart, title, version });
  assert.deepEqual(Object.keys(spec), [
    "version",
    "title",
    "chart",
    "series",
    "range",
    "resolution",
    "agg",
    "stacked",
  ]);
  assert.throws(() => normalizeSpec({ ...EXAMPLE, series: [] }), ValidationError);
});

Deno.test("normalizeSpec() is idempotent and preserves the rolling window length", () => {
  const duration = fc.record({
    d: fc.integer({ min: 0, max: 400 }),
    h: fc.integer({ min: 0, max: 48 }),
    m: fc.integer({ min: 0, max: 120 }),
  }).filter(({ d, h, m }) => d + h + m > 0);
  fc.assert(fc.property(duration, ({ d, h, m }) => {
    const last = `P${d}DT${h}H${m}M`;
    const once = normalizeSpec({ ...EXAMPLE, range: { last } });
    assert.deepEqual(normalizeSpec(once), once);
    assert.equal(parseIsoDuration((once.range as { last: string }).last), parseIsoDuration(last));
  }));
});

Deno.test("validateSpec() takes an expression with a label as a series", async (t) => {
  const base = {
    version: 1,
    title: "West basis",
    chart: "line",
    range: { last: "PT24H" },
  } as const;
  await t.step("a key and an expression together", () => {
    const basis = { expr: "spp.rt.lz_west - spp.rt.hb_west", label: "West basis" };
    const spec = validateSpec({ ...base, series: ["spp.rt.hb_west", basis] });
    assert.deepEqual(spec.series, ["spp.rt.hb_west", basis]);
  });
  await t.step("a bad expression names its token", () => {
    assert.throws(
      () => validateSpec({ ...base, series: [{ expr: "spp.rt.hb_nowhere * 2", label: "x" }] }),
      /VizSpec series\.0\.expr: Unknown series "spp\.rt\.hb_nowhere" at 1/,
    );
    assert.throws(
      () => validateSpec({ ...base, series: [{ expr: "spp.rt.hb_west / 0", label: "x" }] }),
      /Division by zero at 18/,
    );
  });
  await t.step("the label is required, short and plain", () => {
    const expr = "spp.rt.hb_west * 2";
    assert.throws(() => validateSpec({ ...base, series: [{ expr }] }), /series\.0\.label/);
    assert.throws(
      () => validateSpec({ ...base, series: [{ expr, label: "a".repeat(81) }] }),
      /Label is 81 characters long, more than 80/,
    );
    assert.throws(
      () => validateSpec({ ...base, series: [{ expr, label: "<b>x</b>" }] }),
      /Label contains markup/,
    );
  });
  await t.step("normalizeSpec() sorts items by key or text and drops repeats", () => {
    const a = { expr: " spp.rt.hb_west * 2 ", label: " Double " };
    const spec = normalizeSpec({ ...base, series: [a, "spp.rt.hb_north", { ...a }] });
    assert.deepEqual(spec.series, [
      "spp.rt.hb_north",
      { expr: "spp.rt.hb_west * 2", label: "Double" },
    ]);
  });
});
