import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, signUp } from "../_accounts.ts";
import { createRule, storeEvent } from "../_alerts_api.ts";

Deno.test("GET /api/alerts/events filters the history and POST .../ack keeps the first acknowledgement", async () => {
  await withDatabase(async (db) => {
    const { app, advance } = accountApp(db);
    const alice = await signUp(app, "alice@example.com");
    const as = bearer(alice.access);
    const rule = await createRule(app, alice);
    const at = (h: number) => new Date(Date.parse("2026-01-01T00:00:00Z") + h * 3_600_000);
    const fired = await storeEvent(db, {
      user_id: alice.id,
      rule_id: rule.id,
      builtin: null,
      name: "S",
      instant: at(1),
    });
    await storeEvent(db, {
      user_id: alice.id,
      rule_id: rule.id,
      builtin: null,
      name: "S",
      state: "resolved",
      instant: at(2),
    });
    await storeEvent(db, { user_id: alice.id, instant: at(3) });
    const query = async (q: string) =>
      (await (await app.request(`/api/alerts/events${q}`, { headers: as })).json()).events
        .map((e: { instant: string; state: string }) => `${e.state}@${e.instant.slice(11, 13)}`);
    assert.deepEqual(await query(""), ["firing@03", "resolved@02", "firing@01"]);
    assert.deepEqual(await query(`?rule=${rule.id}`), ["resolved@02", "firing@01"]);
    assert.deepEqual(await query("?state=firing"), ["firing@03", "firing@01"]);
    assert.deepEqual(await query("?since=2026-01-01T02:00:00Z&until=2026-01-01T03:00:00Z"), [
      "resolved@02",
    ]);
    assert.deepEqual(await query("?limit=1"), ["firing@03"]);
    const ack = await app.request(`/api/alerts/events/${fired.id}/ack`, {
      method: "POST",
      headers: as,
    });
    const acked = await ack.json();
    assert.equal(ack.status, 200);
    assert.equal(acked.acknowledged_by, alice.id);
    assert.equal(acked.acknowledged_at, "2026-01-01T00:01:00.000Z");
    advance(60_000);
    const second = await (await app.request(`/api/alerts/events/${fired.id}/ack`, {
      method: "POST",
      headers: as,
    })).json();
    assert.equal(second.acknowledged_at, acked.acknowledged_at);
    assert.deepEqual(await query("?acknowledged=true"), ["firing@01"]);
    assert.deepEqual(await query("?acknowledged=false"), ["firing@03", "resolved@02"]);
    const bad = await assertProblem(
      await app.request("/api/alerts/events?since=yesterday", { headers: as }),
      400,
    );
    assert.equal(bad.parameter, "since");
    const detail = await (await app.request(`/api/alerts/events/${fired.id}`, { headers: as }))
      .json();
    assert.deepEqual(detail.deliveries, []);
  });
});
