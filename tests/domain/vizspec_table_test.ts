import assert from "node:assert/strict";
import { ValidationError } from "../../domain/errors.ts";
import { normalizeSpec, validateSpec } from "../../domain/vizspec.ts";

const TABLE = {
  version: 1,
  title: "Top 10 nodes by average real-time price",
  chart: "table",
  cross_section: { family: "spp.rt", type: "node", top: { n: 10 } },
  range: { start: "2026-12-06T06:00:00Z", end: "2026-12-07T06:00:00Z" },
} as const;

function rejects(input: unknown, message: string): void {
  assert.throws(
    () => validateSpec(input),
    (e: unknown) => e instanceof ValidationError && e.message === message,
  );
}

Deno.test("A table VizSpec with a cross_section needs no series and fills the ranking defaults", () => {
  const spec = validateSpec(TABLE);
  assert.deepEqual(spec.series, []);
  assert.deepEqual(spec.cross_section, {
    family: "spp.rt",
    type: "node",
    top: { n: 10, agg: "avg", order: "desc" },
  });
  const at = validateSpec({
    ...TABLE,
    cross_section: { family: "lmp.rt", at: "2026-12-06T12:00:00-06:00" },
  });
  assert.deepEqual(at.cross_section, { family: "lmp.rt", at: "2026-12-06T12:00:00-06:00" });
});

Deno.test("A table VizSpec over series still validates as before", () => {
  const spec = validateSpec({ ...TABLE, cross_section: undefined, series: ["load.actual"] });
  assert.deepEqual(spec.series, ["load.actual"]);
  assert.equal(spec.cross_section, undefined);
});

Deno.test("validateSpec() names what is wrong with a table spec", async (t) => {
  const xs = (cross_section: unknown) => ({ ...TABLE, cross_section });
  const cases: [string, unknown, string][] = [
    [
      "an unknown family",
      xs({ family: "spp.xx" }),
      'VizSpec cross_section.family: Family "spp.xx" is not one of spp.rt, spp.da, lmp.rt',
    ],
    [
      "an unknown point type",
      xs({ family: "spp.rt", type: "hubs" }),
      'VizSpec cross_section.type: Point type "hubs" is not one of hub, zone, node',
    ],
    [
      "an instant without offset",
      xs({ family: "spp.rt", at: "2026-12-06T12:00:00" }),
      'VizSpec cross_section.at: Instant "2026-12-06T12:00:00" is not ISO 8601 with a Z or offset',
    ],
    [
      "n of 0",
      xs({ family: "spp.rt", top: { n: 0 } }),
      "VizSpec cross_section.top.n: Top n is less than 1",
    ],
    [
      "n of 101",
      xs({ family: "spp.rt", top: { n: 101 } }),
      "VizSpec cross_section.top.n: Top n is more than 100",
    ],
    [
      "a ranking by sum",
      xs({ family: "spp.rt", top: { n: 5, agg: "sum" } }),
      'VizSpec cross_section.top.agg: Top agg "sum" is not one of avg, max, min',
    ],
    [
      "an unknown order",
      xs({ family: "spp.rt", top: { n: 5, order: "up" } }),
      'VizSpec cross_section.top.order: Top order "up" is not one of desc, asc',
    ],
    [
      "both at and top",
      xs({ family: "spp.rt", at: "2026-12-06T12:00:00Z", top: { n: 5 } }),
      "VizSpec cross_section: A cross-section is either every point at one instant (at) or a " +
      "ranking over the range (top), not both",
    ],
    [
      "a ranking over more than 31 days",
      { ...TABLE, range: { last: "P90D" } },
      'VizSpec range: A top-10 table ranks over at most 31 days; range {"last":"P90D"} is longer',
    ],
    [
      "a cross-section on a line chart",
      { ...TABLE, chart: "line" },
      "VizSpec cross_section: A cross-section is drawn as a table, not a line chart",
    ],
    [
      "series beside a cross-section",
      { ...TABLE, series: ["spp.rt.hb_west"] },
      "VizSpec series: A cross-section table reads no series: drop series or cross_section",
    ],
    [
      "a table with neither",
      { ...TABLE, cross_section: undefined },
      "VizSpec series: A table needs at least one series or a cross_section",
    ],
    [
      "a line chart without series",
      { ...TABLE, chart: "line", cross_section: undefined },
      "VizSpec series: A chart needs at least one series",
    ],
  ];
  for (const [name, input, message] of cases) {
    await t.step(`rejects ${name}`, () => rejects(input, message));
  }
});

Deno.test("normalizeSpec() keeps a cross-section with its instant in UTC", () => {
  const a = normalizeSpec({
    ...TABLE,
    cross_section: { at: "2026-12-06T12:00:00-06:00", family: "spp.da", type: "hub" },
  });
  assert.deepEqual(a.cross_section, {
    family: "spp.da",
    type: "hub",
    at: "2026-12-06T18:00:00Z",
  });
  const b = normalizeSpec({
    ...TABLE,
    cross_section: { family: "spp.da", type: "hub", at: "2026-12-06T18:00:00.000Z" },
  });
  assert.deepEqual(a, b);
});
