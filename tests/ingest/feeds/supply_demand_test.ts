import assert from "node:assert/strict";
import { ParseError, SchemaChangedError } from "../../../domain/errors.ts";
import { parseSupplyDemand } from "../../../ingest/feeds/supply_demand.ts";
import { assertThrowsWith, seriesKeys, seriesOf } from "../../_assert.ts";
import { bytes, handWritten } from "../../_fixtures.ts";

const FIXTURE = handWritten("supply_demand_2025-11-02.json");
const json = (value: unknown) => bytes(JSON.stringify(value));

Deno.test("parseSupplyDemand() reads epoch as the interval start through the repeated hour", () => {
  const obs = parseSupplyDemand(FIXTURE);
  assert.deepEqual(seriesKeys(obs), ["capacity.available", "demand.rt"]);
  assert.deepEqual(seriesOf(obs, "demand.rt"), [
    ["2025-11-02T05:00:00.000Z", 41250.5],
    ["2025-11-02T05:05:00.000Z", 41190],
    ["2025-11-02T06:55:00.000Z", 40010.75],
    ["2025-11-02T07:00:00.000Z", 39980.25],
    ["2025-11-02T07:05:00.000Z", 39950],
  ]);
});

Deno.test("parseSupplyDemand() skips forecast rows and omitted values", () => {
  const available = seriesOf(parseSupplyDemand(FIXTURE), "capacity.available");
  assert.equal(available.length, 4);
  assert.ok(!available.some(([ts]) => ts === "2025-11-02T07:05:00.000Z"));
  assert.ok(!available.some(([ts]) => ts >= "2025-11-02T07:10:00.000Z"));
});

Deno.test("parseSupplyDemand() reports missing keys as a schema change and bad values as parse errors", () => {
  assert.deepEqual(
    assertThrowsWith(() => parseSupplyDemand(json({ forecast: [] })), SchemaChangedError).missing,
    ["data"],
  );
  assert.deepEqual(
    assertThrowsWith(
      () => parseSupplyDemand(json({ data: [{ demand: 1, forecast: 0 }] })),
      SchemaChangedError,
    ).missing,
    ["epoch"],
  );
  assertThrowsWith(
    () => parseSupplyDemand(json({ data: [{ epoch: 1762059600000, forecast: "maybe" }] })),
    ParseError,
    'data[0]: forecast "maybe" is not 0 or 1',
  );
  assertThrowsWith(() => parseSupplyDemand(json({ data: {} })), ParseError, "data is not an array");
});
