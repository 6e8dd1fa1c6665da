import assert from "node:assert/strict";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type TestDatabase, withDatabase } from "../_db.ts";
import {
  accountApp,
  assertProblem,
  bearer,
  jsonBody,
  PASSWORD,
  type SignedUp,
  signUp,
} from "../_accounts.ts";
import { createRule, SCARCITY } from "../_alerts_api.ts";

type Entry = {
  id: string;
  actor_id: string | null;
  actor_ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: { before?: Record<string, unknown>; after?: Record<string, unknown> };
};

function spec(title: string) {
  return { version: 1, title, chart: "line", series: ["spp.rt.hb_west"], range: { last: "PT6H" } };
}

async function call(
  app: OpenAPIHono,
  user: SignedUp,
  method: string,
  path: string,
  body?: unknown,
  status = 200,
) {
  const res = await app.request(
    path,
    body === undefined
      ? { method, headers: bearer(user.access) }
      : jsonBody(method, body, bearer(user.access)),
  );
  const text = await res.text();
  assert.equal(res.status, status, `${method} ${path}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function audit(app: OpenAPIHono, admin: SignedUp, query: string) {
  const res = await app.request(`/api/admin/audit?${query}`, { headers: bearer(admin.access) });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json() as { entries: Entry[]; next_cursor: string | null };
}

/** Makes one change of every audited kind as `user`; returns the secrets it saw. */
async function walk(app: OpenAPIHono, admin: SignedUp, user: SignedUp) {
  const d = await call(app, user, "POST", "/api/dashboards", {
    title: "Prices",
    panels: [{ spec: spec("West") }],
  }, 201);
  await call(app, user, "PUT", `/api/dashboards/${d.id}`, { title: "Prices 2" });
  const copy = await call(app, user, "POST", `/api/dashboards/${d.id}/duplicate`, {}, 201);
  const added = await call(app, user, "POST", `/api/dashboards/${d.id}/panels`, {
    spec: spec("North"),
  }, 201);
  const panelPath = `/api/dashboards/${d.id}/panels/${added.panel.id}`;
  await call(app, user, "PUT", panelPath, { spec: spec("North 2") });
  await call(app, user, "DELETE", panelPath, undefined, 204);
  const share = await call(app, user, "POST", `/api/dashboards/${d.id}/share`, undefined, 201);
  await call(app, user, "DELETE", `/api/dashboards/${d.id}/share`, undefined, 204);
  await call(app, user, "DELETE", `/api/dashboards/${copy.id}`, undefined, 204);
  const rule = await createRule(app, user);
  await call(app, user, "PUT", `/api/alerts/rules/${rule.id}`, { ...SCARCITY, name: "Scarce" });
  await call(app, user, "POST", `/api/alerts/rules/${rule.id}/disable`);
  await call(app, user, "DELETE", `/api/alerts/rules/${rule.id}`, undefined, 204);
  const key = await call(app, user, "POST", "/api/keys", { name: "ci", scopes: ["read"] }, 201);
  await call(app, user, "DELETE", `/api/keys/${key.id}`, undefined, 204);
  await call(app, admin, "PATCH", `/api/admin/users/${user.id}`, { role: "viewer" });
  await call(app, admin, "PATCH", `/api/admin/users/${user.id}`, { disabled: true });
  return {
    d,
    copy,
    added,
    rule,
    key,
    secrets: [key.key, share.token, SCARCITY.channels[0].secret],
  };
}

async function rawLog(db: TestDatabase): Promise<string> {
  return JSON.stringify(await db.db.sql`select * from audit_log`);
}

Deno.test("every change to dashboards, panels, shares, rules, keys and accounts is audited without secrets", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const user = await signUp(app, "user@example.com");
    const w = await walk(app, admin, user);
    const mine = (await audit(app, admin, `actor=${user.id}&limit=500`)).entries.reverse()
      .filter((e) => e.object_type !== null && e.object_type !== "user");
    assert.deepEqual(mine.map((e) => [e.action, e.object_type, e.object_id]), [
      ["dashboard_created", "dashboard", w.d.id],
      ["dashboard_updated", "dashboard", w.d.id],
      ["dashboard_created", "dashboard", w.copy.id],
      ["panel_created", "panel", w.added.panel.id],
      ["panel_updated", "panel", w.added.panel.id],
      ["panel_deleted", "panel", w.added.panel.id],
      ["share_link_created", "share_link", w.d.id],
      ["share_link_deleted", "share_link", w.d.id],
      ["dashboard_deleted", "dashboard", w.copy.id],
      ["alert_rule_created", "alert_rule", w.rule.id],
      ["alert_rule_updated", "alert_rule", w.rule.id],
      ["alert_rule_updated", "alert_rule", w.rule.id],
      ["alert_rule_deleted", "alert_rule", w.rule.id],
      ["key_created", "api_key", w.key.id],
      ["key_revoked", "api_key", w.key.id],
    ]);
    assert.ok(mine.every((e) => e.actor_id === user.id && e.actor_ip));
    assert.deepEqual([mine[1].details.before, mine[1].details.after], [
      { title: "Prices" },
      { title: "Prices 2" },
    ]);
    assert.deepEqual(mine[11].details.after, { enabled: false });
    assert.equal(mine[12].details.before?.name, "Scarce");
    assert.equal(mine[12].details.after, undefined);
    const accounts = (await audit(app, admin, `object_type=user&object_id=${user.id}`)).entries;
    assert.deepEqual(accounts.map((e) => [e.action, e.actor_id]), [
      ["user_disabled", admin.id],
      ["role_changed", admin.id],
      ["register", user.id],
    ]);
    const log = await rawLog(db);
    for (const secret of [...w.secrets, PASSWORD, "$argon2"]) {
      assert.ok(!log.includes(secret), `the audit log holds ${secret.slice(0, 12)}…`);
    }
  });
});

Deno.test("GET /api/admin/audit filters, pages by cursor and is for admins only", async (t) => {
  await withDatabase(async (db) => {
    const { app, deps } = accountApp(db);
    const admin = await signUp(app, "admin@example.com");
    const user = await signUp(app, "user@example.com");
    for (const title of ["a", "b", "c", "d", "e"]) {
      await call(app, user, "POST", "/api/dashboards", { title }, 201);
    }
    await t.step("filters by action and object type", async () => {
      const created = await audit(app, admin, "action=dashboard_created");
      assert.equal(created.entries.length, 5);
      assert.equal(created.next_cursor, null);
      assert.equal((await audit(app, admin, "object_type=alert_rule")).entries.length, 0);
    });
    await t.step("filters by time", async () => {
      const at = deps.clock().toISOString();
      assert.equal((await audit(app, admin, `until=${at}&action=register`)).entries.length, 0);
      assert.equal((await audit(app, admin, `since=${at}&action=register`)).entries.length, 2);
    });
    await t.step("pages walk every entry once, newest first", async () => {
      const all = (await audit(app, admin, "limit=500")).entries.map((e) => e.id);
      const walked: string[] = [];
      let cursor = "";
      do {
        const page = await audit(app, admin, `limit=2${cursor && `&cursor=${cursor}`}`);
        assert.ok(page.entries.length <= 2);
        walked.push(...page.entries.map((e) => e.id));
        cursor = page.next_cursor ?? "";
      } while (cursor);
      assert.deepEqual(walked, all);
      assert.ok(all.length >= 9);
    });
    await t.step("bad filters are a 400 naming the parameter", async () => {
      for (
        const [query, parameter] of [
          ["limit=501", "limit"],
          ["cursor=abc", "cursor"],
          ["object_type=widget", "object_type"],
          ["since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "until"],
        ]
      ) {
        const res = await app.request(`/api/admin/audit?${query}`, {
          headers: bearer(admin.access),
        });
        assert.equal((await assertProblem(res, 400)).parameter, parameter, query);
      }
    });
    await t.step("a non-admin gets a 403, and no credential a 401", async () => {
      await assertProblem(
        await app.request("/api/admin/audit", { headers: bearer(user.access) }),
        403,
      );
      await assertProblem(await app.request("/api/admin/audit"), 401);
    });
  });
});
