import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";

Deno.test("no account reads or changes another's keys or sessions, by any verb", async (t) => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const alice = await signUp(app, "alice@example.com");
    const bob = await signUp(app, "bob@example.com");
    const key = await (await app.request(
      "/api/keys",
      jsonBody("POST", { name: "alice's", scopes: ["read"] }, bearer(alice.access)),
    )).json();
    const session =
      (await (await app.request("/api/auth/me", { headers: bearer(alice.access) })).json())
        .session_id;
    const stranger = "00000000-0000-4000-8000-000000000000";

    for (const [who, intruder] of [["another user", bob], ["an admin", admin]] as const) {
      const as = bearer(intruder.access);
      await t.step(`${who}: GET /api/keys does not list the key`, async () => {
        const { keys } = await (await app.request("/api/keys", { headers: as })).json();
        assert.ok(keys.every((k: { id: string }) => k.id !== key.id));
      });
      for (
        const [method, path] of [
          ["GET", `/api/keys/${key.id}`],
          ["GET", `/api/keys/${key.id}/usage`],
          ["DELETE", `/api/keys/${key.id}`],
          ["DELETE", `/api/auth/sessions/${session}`],
        ]
      ) {
        await t.step(
          `${who}: ${method} ${path.replace(/[0-9a-f-]{36}/, "{id}")} is a 404 like an unknown id`,
          async () => {
            const res = await assertProblem(await app.request(path, { method, headers: as }), 404);
            const unknown = await assertProblem(
              await app.request(path.replace(/[0-9a-f-]{36}/, stranger), { method, headers: as }),
              404,
            );
            assert.equal(
              String(res.detail).replace(/[0-9a-f-]{36}/, "ID"),
              String(unknown.detail).replace(/[0-9a-f-]{36}/, "ID"),
            );
          },
        );
      }
      await t.step(`${who}: GET /api/auth/sessions does not list the session`, async () => {
        const { sessions } = await (await app.request("/api/auth/sessions", { headers: as }))
          .json();
        assert.ok(sessions.every((s: { id: string }) => s.id !== session));
      });
    }

    await t.step("the owner's key and session are untouched", async () => {
      assert.equal(
        (await app.request("/api/auth/me", { headers: { "x-api-key": key.key } })).status,
        200,
      );
      assert.equal(
        (await app.request("/api/auth/me", { headers: bearer(alice.access) })).status,
        200,
      );
      const mine =
        await (await app.request(`/api/keys/${key.id}`, { headers: bearer(alice.access) })).json();
      assert.equal(mine.status, "active");
    });

    await t.step("the owner can end their own session by id", async () => {
      const res = await app.request(`/api/auth/sessions/${session}`, {
        method: "DELETE",
        headers: bearer(alice.access),
      });
      assert.equal(res.status, 204);
      await assertProblem(
        await app.request("/api/auth/me", { headers: bearer(alice.access) }),
        401,
      );
    });
  });
});
