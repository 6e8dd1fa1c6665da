import assert from "node:assert/strict";
import { SchemaChangedError } from "../../../domain/errors.ts";
import {
  checkPlausible,
  ImplausibleValueError,
  PLAUSIBLE_MAGNITUDE,
  unitOf,
} from "../../../ingest/feeds/bounds.ts";
import { FEEDS } from "../../../ingest/feeds/mod.ts";
import { decodeCsvDocument } from "../../../ingest/feeds/helpers.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const LOAD = recording("mis-np6-346-cd/NP6-346-CD_202102.csv");
const FUEL_MIX = recording("dashboard-fuel-mix/fuel-mix_2025-10-09T0646.json");

/** `fn` throws an `ImplausibleValueError` (a `SchemaChangedError`) with exactly `message`. */
function assertImplausible(fn: () => unknown, message: string, field: string): void {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof ImplausibleValueError && e instanceof SchemaChangedError, String(e));
    assert.equal(e.message, message);
    assert.equal(e.field, field);
    return true;
  });
}

Deno.test("unitOf() takes the catalog's unit, and $/MWh for any settlement point price", () => {
  assert.equal(unitOf("spp.rt.hb_west"), "$/MWh");
  assert.equal(unitOf("lmp.rt.some_resource_node"), "$/MWh");
  assert.equal(unitOf("spp.da.another_node"), "$/MWh");
  assert.equal(unitOf("mcpc.da.regup"), "$/MW");
  assert.equal(unitOf("load.actual.north"), "MW");
  assert.equal(unitOf("reserves.prc"), "MW");
  assert.equal(unitOf("unknown.series"), undefined);
});

Deno.test("checkPlausible() passes values up to the bound of their unit", () => {
  for (const [series, unit] of [["spp.rt.hb_west", "$/MWh"], ["load.actual", "MW"]] as const) {
    const limit = PLAUSIBLE_MAGNITUDE[unit];
    checkPlausible("doc", "row 2", "F", series, limit);
    checkPlausible("doc", "row 2", "F", series, -limit);
  }
  checkPlausible("doc", "row 2", "F", "unknown.series", 1e12);
});

Deno.test("checkPlausible() refuses non-finite values and values beyond the bound, naming row and field", async (t) => {
  await t.step("a price beyond ±100,000 $/MWh", () =>
    assertImplausible(
      () => checkPlausible("NP6-905", "row 12", "SettlementPointPrice", "spp.rt.hb_west", -1e6),
      "NP6-905 row 12: SettlementPointPrice -1000000 is implausible for $/MWh (beyond ±100000)",
      "SettlementPointPrice",
    ));
  await t.step("an ancillary price beyond ±100,000 $/MW", () =>
    assertImplausible(
      () => checkPlausible("NP4-188", "row 3", "MCPC", "mcpc.da.rrs", 250_000),
      "NP4-188 row 3: MCPC 250000 is implausible for $/MW (beyond ±100000)",
      "MCPC",
    ));
  await t.step("a load beyond 1,000,000 MW", () =>
    assertImplausible(
      () => checkPlausible("NP6-346", "row 4", "TOTAL", "load.actual", 1.5e6),
      "NP6-346 row 4: TOTAL 1500000 is implausible for MW (beyond ±1000000)",
      "TOTAL",
    ));
  await t.step("a subnormal price, which no rollup could average", () =>
    assertImplausible(
      () => checkPlausible("NP6-905", "row 6", "SettlementPointPrice", "spp.rt.hb_west", -4e-320),
      "NP6-905 row 6: SettlementPointPrice -4e-320 is too close to zero to aggregate " +
        "(non-zero magnitudes below 1e-300 are refused)",
      "SettlementPointPrice",
    ));
  await t.step(
    "a value beyond what the rollups can average, for a series without a unit",
    () =>
      assertImplausible(
        () => checkPlausible("doc", "row 7", "X", "unknown.series", 2e150),
        "doc row 7: X 2e+150 is too large to aggregate (beyond ±1e+100)",
        "X",
      ),
  );
  for (const value of [Infinity, -Infinity, NaN]) {
    await t.step(`${value}, whatever the series`, () =>
      assertImplausible(
        () => checkPlausible("doc", "row 5", "X", "unknown.series", value),
        `doc row 5: X ${value} is not finite`,
        "X",
      ));
  }
});

/** The recording's CSV text with the cell at (line, column) replaced by `value`. */
function alterCell(path: string, line: number, column: string, value: string): Uint8Array {
  const { text } = decodeCsvDocument(readRecording(path), "recording");
  const rows = text.split(/\r?\n/);
  const index = rows[0].split(",").map((h) => h.trim()).indexOf(column);
  const cells = rows[line - 1].split(",");
  cells[index] = value;
  rows[line - 1] = cells.join(",");
  return bytes(rows.join("\n"));
}

Deno.test({
  name:
    "an NP6-346 recording with an implausible load is refused whole, naming file, row and field",
  ignore: LOAD === null,
  fn: async (t) => {
    assert.ok(FEEDS.np6_346.parse(readRecording(LOAD)).length > 0);
    for (
      const [value, problem] of [
        ["6922223000", "6922223000 is implausible for MW (beyond ±1000000)"],
        ["1e999", "Infinity is not finite"],
        [
          "1E-320",
          "1e-320 is too close to zero to aggregate (non-zero magnitudes below 1e-300 are refused)",
        ],
      ]
    ) {
      await t.step(value, () =>
        assertImplausible(
          () =>
            FEEDS.np6_346.parse(alterCell(LOAD!, 7, "TOTAL", value), {
              fileName: "NP6-346-CD_202102.csv",
            }),
          `NP6-346 (NP6-346-CD_202102.csv) row 7: TOTAL ${problem}`,
          "TOTAL",
        ));
    }
  },
});

Deno.test({
  name: "a fuel-mix recording with an implausible generation is refused, naming stamp and fuel",
  ignore: FUEL_MIX === null,
  fn() {
    const doc = JSON.parse(new TextDecoder().decode(readRecording(FUEL_MIX)));
    const [day, stamps] = Object.entries(doc.data as Record<string, Record<string, unknown>>)[0];
    const [stamp, fuels] = Object.entries(stamps)[0] as [string, Record<string, { gen: number }>];
    fuels.Wind.gen = 4e12;
    assertImplausible(
      () => FEEDS.fuel_mix.parse(bytes(JSON.stringify(doc))),
      `fuel-mix.json data.${day}["${stamp}"]: Wind.gen 4000000000000 is implausible for MW (beyond ±1000000)`,
      "Wind.gen",
    );
  },
});
