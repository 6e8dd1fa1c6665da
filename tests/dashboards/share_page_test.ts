/**
 * What a share link shows without an account: the dashboard and who shared
 * it (a name, nothing more of the account), at a page path the UI serves;
 * revoked or never issued, a 404.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, signUp } from "../_accounts.ts";

async function ok(res: Response, status = 200) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return text ? JSON.parse(text) : undefined;
}

const panel = {
  spec: {
    version: 1,
    title: "West hub",
    chart: "line",
    series: ["spp.rt.hb_west"],
    range: { last: "PT6H" },
  },
};

Deno.test("a shared dashboard names who shared it, links its page, and 404s once revoked", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const alice = (await signUp(app, "alice@example.com")).access;
    const post = (path: string, body?: unknown, method = "POST") =>
      app.request(path, {
        method,
        headers: { ...bearer(alice), "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const board = await ok(await post("/api/dashboards", { title: "Desk", panels: [panel] }), 201);
    const share = await ok(await post(`/api/dashboards/${board.id}/share`), 201);
    assert.equal(share.page_url, `/shared/${share.token}`);
    assert.equal(share.url, `/api/shared/${share.token}`);
    const listed = await ok(
      await app.request(`/api/dashboards/${board.id}`, { headers: bearer(alice) }),
    );
    assert.equal(listed.share.page_url, share.page_url);

    const shared = await ok(await app.request(share.url));
    assert.equal(shared.title, "Desk");
    assert.equal(shared.shared_by, "alice", "the name before the @, never the whole address");
    assert.ok(
      !JSON.stringify(shared).includes("example.com"),
      "the owner's address is not published",
    );
    assert.deepEqual(Object.keys(shared).sort(), [
      "default_range",
      "panels",
      "range",
      "refresh_seconds",
      "series",
      "shared_by",
      "title",
    ]);
    assert.equal(shared.panels.length, 1);

    assert.equal(
      (await post(`/api/dashboards/${board.id}/share`, undefined, "DELETE")).status,
      204,
    );
    const revoked = await assertProblem(await app.request(share.url), 404);
    assert.match(String(revoked.detail), /revoked/);
    await assertProblem(await app.request(`${share.url}/data`), 404);
    await assertProblem(await app.request(`/api/shared/${"A".repeat(43)}`), 404);
  });
});
