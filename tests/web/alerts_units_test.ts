import assert from "node:assert/strict";
import { type AlertEvent, eventUnit } from "../../web/lib/alerts.ts";

const event = (value: number | null, details: Record<string, unknown>): AlertEvent => ({
  id: "00000000-0000-4000-8000-000000000002",
  rule_id: null,
  builtin: null,
  name: "rule",
  state: "firing",
  value,
  instant: "2026-06-25T05:40:00.000Z",
  details,
  acknowledged_at: null,
  acknowledged_by: null,
  created_at: "2026-06-25T05:40:00.000Z",
});

const units = new Map([["load.actual", "MW"], ["spp.rt.hb_houston", "$/MWh"]]);

Deno.test("an event's value takes the unit of the series whose reading it is", () => {
  const details = {
    match: "any",
    conditions: [
      { series: "load.actual", value: 609417, met: false },
      { series: "spp.rt.hb_houston", value: 28.2, met: true },
    ],
  };
  assert.equal(eventUnit(event(609417, details), units), "MW");
  assert.equal(eventUnit(event(28.2, details), units), "$/MWh");
});

Deno.test("a grid-condition level or an unknown series has no unit", () => {
  assert.equal(eventUnit(event(2, { level: "eea2", label: "EEA 2" }), units), "");
  const details = { conditions: [{ series: "gone.series", value: 5 }] };
  assert.equal(eventUnit(event(5, details), units), "");
  assert.equal(eventUnit(event(5, details), undefined), "");
});
