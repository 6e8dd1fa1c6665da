import assert from "node:assert/strict";
import { type TestDatabase, withDatabase } from "../_db.ts";
import { createAlertEvaluator } from "../../alerts/evaluate.ts";
import { findRule } from "../../alerts/rules_store.ts";
import { checkSeries } from "../../alerts/api_bodies.ts";
import { normalizeCondition, RuleInput } from "../../alerts/schemas.ts";
import { makeRule, makeUser, quickNotifier, recordingBus, writeSeries } from "./_helpers.ts";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const HOUR = 3_600_000;
const hour = (h: number) => new Date(T0 + h * HOUR);

/**
 * Day-ahead North hub prices for hours 0–2 and real-time quarter-hours at 50 $/MWh: DARTs of
 * 40, 60 and 60. `rtQuarters` limits how many quarter-hours of hour 2 are stored.
 */
async function storeNorth(db: TestDatabase, rtQuarters = 4) {
  await writeSeries(db, "spp.da.hb_north", 3600, [[hour(0), 90], [hour(1), 110], [hour(2), 110]]);
  const quarters: [Date, number][] = [];
  for (let h = 0; h < 3; h++) {
    for (let q = 0; q < (h === 2 ? rtQuarters : 4); q++) {
      quarters.push([new Date(T0 + h * HOUR + q * 900_000), 50]);
    }
  }
  await writeSeries(db, "spp.rt.hb_north", 900, quarters);
}

/** The rule of issue #19: the North DART above 50 for 2 h (its minimum over 2 h of data). */
const DART_RULE = {
  name: "North DART",
  conditions: [{
    type: "threshold",
    series: "dart.hb_north",
    op: ">",
    value: 50,
    agg: "min",
    window: "PT2H",
  }],
  channels: [{ type: "sse" }],
};

async function evaluateAt(db: TestDatabase, at: Date, keys: string[]) {
  const { bus } = await recordingBus(db);
  const { notifier } = quickNotifier(db, bus);
  const alerts = createAlertEvaluator({ sql: db.db.sql, clock: () => at, notifier });
  const raised = await alerts.evaluateSeries(keys);
  await alerts.settled();
  await bus.close();
  return raised;
}

Deno.test("a rule on dart.hb_north fires when the DART exceeds 50 for 2 h, read through its SQL", async () => {
  await withDatabase(async (db) => {
    await storeNorth(db);
    const owner = await makeUser(db.db.sql, "owner@example.com");
    const rule = await makeRule(db.db.sql, owner, DART_RULE);
    // A write to an input evaluates the rule on the derived series.
    const [event] = await evaluateAt(db, hour(3), ["spp.rt.hb_north"]);
    assert.equal(event?.state, "firing");
    assert.equal(event.value, 60);
    const details = event.details as { conditions: { at: string; value: number }[] };
    assert.equal(details.conditions[0].at, hour(2).toISOString());
    assert.equal((await findRule(db.db.sql, rule.id, owner))!.state!.status, "firing");
  });
});

Deno.test("a rule on dart.hb_north does not fire when one input hour is missing a quarter-hour", async () => {
  await withDatabase(async (db) => {
    await storeNorth(db, 3);
    const owner = await makeUser(db.db.sql, "owner@example.com");
    const rule = await makeRule(db.db.sql, owner, DART_RULE);
    // Hour 2 has no DART (no partial mean of three quarter-hours): the newest 2 h are 40 and 60.
    assert.deepEqual(await evaluateAt(db, hour(3), ["spp.da.hb_north"]), []);
    const state = (await findRule(db.db.sql, rule.id, owner))!.state!;
    assert.equal(state.status, "ok");
    assert.equal(state.conditions[0].value, 40);
  });
});

Deno.test("a derived rule is left alone by writes to series it is not computed from", async () => {
  await withDatabase(async (db) => {
    await storeNorth(db);
    const owner = await makeUser(db.db.sql, "owner@example.com");
    const rule = await makeRule(db.db.sql, owner, DART_RULE);
    assert.deepEqual(await evaluateAt(db, hour(3), ["spp.rt.hb_west", "load.actual"]), []);
    assert.equal((await findRule(db.db.sql, rule.id, owner))!.state, null);
  });
});

Deno.test("rule validation accepts derived keys and names an unknown one", async () => {
  await withDatabase(async (db) => {
    const conditionsOf = (series: string) =>
      RuleInput.parse({ ...DART_RULE, conditions: [{ ...DART_RULE.conditions[0], series }] })
        .conditions.map(normalizeCondition);
    for (const key of ["dart.hb_north", "spread.lz_west.hb_west", "netload", "grid.condition"]) {
      await checkSeries(db.db.sql, conditionsOf(key));
    }
    await assert.rejects(
      () => checkSeries(db.db.sql, conditionsOf("dart.hb_nowhere")),
      (err: Error & { extra?: Record<string, unknown> }) => {
        assert.match(err.message, /"dart\.hb_nowhere" is not in the catalog/);
        assert.equal(err.extra?.parameter, "conditions.0.series");
        return true;
      },
    );
  });
});
