import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";

Deno.test("built-in grid-condition: listed, subscribed with channels, unsubscribed", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = await signUp(app, "alice@example.com");
    const as = bearer(alice.access);
    const list = await (await app.request("/api/alerts/builtin", { headers: as })).json();
    assert.deepEqual(list.builtin.map((b: { id: string }) => b.id), ["grid-condition"]);
    assert.equal(list.builtin[0].current, null);
    const path = "/api/alerts/builtin/grid-condition";
    const sub = await app.request(
      `${path}/subscribe`,
      jsonBody("POST", {
        channels: [{ type: "webhook", url: "https://example.com/grid" }, { type: "sse" }],
      }, as),
    );
    assert.equal(sub.status, 200);
    const body = await sub.json();
    const secret = body.subscription.channels[0].secret;
    assert.match(secret, /^whsec_/);
    const listed = await (await app.request("/api/alerts/builtin", { headers: as })).json();
    assert.deepEqual(listed.builtin[0].subscription.channels[0], {
      type: "webhook",
      url: "https://example.com/grid",
      secret_hint: `••••${secret.slice(-4)}`,
    });
    const bad = await assertProblem(
      await app.request(
        `${path}/subscribe`,
        jsonBody("POST", { channels: [{ type: "webhook", url: "http://192.168.0.9/" }] }, as),
      ),
      400,
    );
    assert.equal(bad.parameter, "channels.0.url");
    await assertProblem(
      await app.request(
        "/api/alerts/builtin/ice-storm/subscribe",
        jsonBody("POST", { channels: [] }, as),
      ),
      404,
    );
    assert.equal((await app.request(`${path}/changes`, { headers: as })).status, 200);
    assert.equal(
      (await app.request(`${path}/unsubscribe`, { method: "POST", headers: as })).status,
      204,
    );
    await assertProblem(
      await app.request(`${path}/unsubscribe`, { method: "POST", headers: as }),
      404,
    );
  });
});
