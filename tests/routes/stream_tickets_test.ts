import assert from "node:assert/strict";
import { createEventBus } from "../../bus/events.ts";
import { withDatabase } from "../_db.ts";
import { sseReader } from "../_helpers.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp, type TestApp } from "../_accounts.ts";

async function ticketFor(t: TestApp, headers: Record<string, string>) {
  const res = await t.app.request("/api/v1/stream/ticket", { method: "POST", headers });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json() as { ticket: string; expires_in: number; expires_at: string };
}

async function createKey(t: TestApp, access: string): Promise<{ id: string; key: string }> {
  const res = await t.app.request(
    "/api/keys",
    jsonBody("POST", { name: "stream", scopes: ["read"] }, bearer(access)),
  );
  return await res.json();
}

Deno.test("the stream refuses credentials in the URL, even valid ones", async () => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const t = accountApp(db, { REQUIRE_AUTH_FOR_READS: "true" }, { bus });
    const user = await signUp(t.app, "reader@example.com");
    const { key } = await createKey(t, user.access);
    for (const credential of [user.access, key, "not-a-token"]) {
      const res = await t.app.request(`/api/v1/stream?access_token=${credential}`);
      const problem = await assertProblem(res, 401);
      assert.match(String(problem.detail), /Credentials in the URL are not accepted/);
    }
    await assertProblem(await t.app.request("/api/v1/stream"), 401);
    const viaHeader = await t.app.request("/api/v1/stream", { headers: { "x-api-key": key } });
    assert.equal(viaHeader.status, 200);
    await viaHeader.body!.cancel();
    await bus.close();
  });
});

Deno.test("a stream ticket opens the stream once, as the credential that minted it, within 60 s", async (t) => {
  await withDatabase(async (db) => {
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const app = accountApp(db, { REQUIRE_AUTH_FOR_READS: "true" }, { bus });
    const user = await signUp(app.app, "reader@example.com");
    const open = (ticket: string, headers: Record<string, string> = {}) =>
      app.app.request(`/api/v1/stream?types=alert&ticket=${ticket}`, { headers });
    await t.step("minting needs a credential", async () => {
      await assertProblem(
        await app.app.request("/api/v1/stream/ticket", { method: "POST" }),
        401,
      );
    });
    await t.step("a session's ticket streams that user's alerts, once", async () => {
      const { ticket, expires_in } = await ticketFor(app, bearer(user.access));
      assert.equal(expires_in, 60);
      assert.doesNotMatch(ticket, /\./, "a ticket is not a token");
      const res = await open(ticket);
      assert.equal(res.status, 200);
      const sse = sseReader(res.body!);
      await sse.next(1, (m) => m.retry !== undefined);
      await bus.publish("alert", { user_id: user.id, name: "mine" });
      assert.equal(JSON.parse((await sse.next(1))[0].data!).name, "mine");
      await sse.cancel();
      const again = await assertProblem(await open(ticket), 401);
      assert.match(String(again.detail), /unknown or was already used/);
    });
    await t.step("a ticket older than 60 s is refused", async () => {
      const { ticket } = await ticketFor(app, bearer(user.access));
      app.advance(61_000);
      assert.match(String((await assertProblem(await open(ticket), 401)).detail), /expired/);
    });
    await t.step("a key's ticket stops working when the key is revoked", async () => {
      const { id, key } = await createKey(app, user.access);
      const live = await ticketFor(app, { "x-api-key": key });
      const revoked = await ticketFor(app, { "x-api-key": key });
      const res = await open(live.ticket);
      assert.equal(res.status, 200);
      await res.body!.cancel();
      await app.app.request(`/api/keys/${id}`, { method: "DELETE", headers: bearer(user.access) });
      await assertProblem(await open(revoked.ticket), 401);
    });
    await t.step("a ticket with a header credential, or a made-up one, is refused", async () => {
      const { ticket } = await ticketFor(app, bearer(user.access));
      await assertProblem(await open(ticket, bearer(user.access)), 401);
      await assertProblem(await open(`est_${"A".repeat(43)}`), 401);
      await assertProblem(await open("x"), 401);
    });
    await t.step("a ticket is no credential anywhere but the stream", async () => {
      const { ticket } = await ticketFor(app, bearer(user.access));
      await assertProblem(await app.app.request(`/api/v1/series?ticket=${ticket}`), 401);
      const res = await open(ticket);
      assert.equal(res.status, 200);
      await res.body!.cancel();
    });
    await bus.close();
  });
});
