import assert from "node:assert/strict";
import { createDashboard } from "../../dashboards/store.ts";
import { startFakeBedrock, westHubSpec } from "../../dev/fake_bedrock.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import {
  accountApp,
  assertProblem,
  bearer,
  jsonBody,
  login,
  signUp,
  type TestApp,
} from "../_accounts.ts";

const ASK = "/api/ai/visualizations";

function ask(t: TestApp, token: string, body: Record<string, unknown>) {
  return t.app.request(ASK, jsonBody("POST", body, bearer(token)));
}

async function seedWest(db: TestDatabase): Promise<void> {
  await seed(db, { key: "spp.rt.hb_west", start: "2025-12-30T00:00:00Z", n: 200 });
}

Deno.test("POST /api/ai/visualizations answers a spec, a columnar preview and the SQL that read it", async () => {
  await withDatabase(async (db) => {
    await seedWest(db);
    const t = accountApp(db);
    const user = await signUp(t.app, "a@example.com");
    const res = await ask(t, user.access, { request_text: "west hub price" });
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json();
    assert.equal(body.provider, "rules");
    assert.equal(body.fallback_reason, "not_configured");
    assert.deepEqual(body.spec.series, ["spp.rt.hb_west"]);
    assert.deepEqual(body.spec.range, { last: "PT24H" });
    const [west] = body.preview.series;
    assert.equal(west.key, "spp.rt.hb_west");
    assert.equal(west.resolution, "raw");
    assert.equal(west.t.length, 96);
    assert.equal(west.t[0], Date.parse("2025-12-31T00:15:00Z") / 1000);
    assert.equal(body.preview.end, "2026-01-01T00:01:00.000Z");
    assert.match(
      body.sql,
      /from observations where series_id = \(select id from series where key = \$1::text\)/,
    );
    assert.deepEqual(body.sql_params, [
      "spp.rt.hb_west",
      "2025-12-31T00:01:00Z",
      "2026-01-01T00:01:00Z",
    ]);
    assert.equal(body.id.length, 36);
    assert.equal(body.panel, undefined);
  });
});

Deno.test("POST /api/ai/visualizations needs a user with the ai scope", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    await assertProblem(await t.app.request(ASK, jsonBody("POST", { request_text: "load" })), 401);
    const user = await signUp(t.app, "a@example.com");
    const made = await t.app.request(
      "/api/keys",
      jsonBody("POST", { name: "reader", scopes: ["read"] }, bearer(user.access)),
    );
    const { key } = await made.json();
    const problem = await assertProblem(await ask(t, key, { request_text: "load" }), 403);
    assert.match(String(problem.detail), /"ai" scope/);
    await assertProblem(await t.app.request(ASK, { headers: bearer(key) }), 403);
  });
});

Deno.test("POST /api/ai/visualizations answers 422 with the parser's message and records the refusal", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const user = await signUp(t.app, "a@example.com");
    const problem = await assertProblem(
      await ask(t, user.access, { request_text: "tell me a joke" }),
      422,
    );
    assert.equal(problem.title, "Request not understood");
    assert.equal(problem.provider, "rules");
    const history = await (await t.app.request(ASK, { headers: bearer(user.access) })).json();
    assert.equal(history.items.length, 1);
    assert.equal(history.items[0].request_text, "tell me a joke");
    assert.equal(history.items[0].spec, null);
    assert.equal(history.items[0].error, problem.detail);
  });
});

Deno.test("POST /api/ai/visualizations validates the body", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    const user = await signUp(app.app, "a@example.com");
    const cases: [string, unknown, RegExp][] = [
      ["empty text", { request_text: "" }, /empty/],
      ["a NUL character", { request_text: "load\u0000" }, /NUL/],
      ["text over 2000 characters", { request_text: "a".repeat(2001) }, /2000/],
      ["a dashboard id that is not a uuid", { request_text: "load", dashboard_id: "1" }, /./],
    ];
    for (const [name, body, pattern] of cases) {
      await t.step(name, async () => {
        const problem = await assertProblem(await ask(app, user.access, body as never), 400);
        assert.match(String(problem.detail), pattern);
      });
    }
  });
});

Deno.test("saving adds a panel once, reports the duplicate, and 404s on another user's dashboard", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const b = await signUp(t.app, "b@example.com");
    const mine = await createDashboard(db.db.sql, { userId: a.id, title: "Mine" });
    const theirs = await createDashboard(db.db.sql, { userId: b.id, title: "Theirs" });
    const dry = await ask(t, a.access, {
      request_text: "load",
      dashboard_id: mine.id,
      dry_run: true,
    });
    assert.equal(dry.status, 200);
    assert.equal((await dry.json()).panel, undefined);
    const first = await ask(t, a.access, { request_text: "load", dashboard_id: mine.id });
    assert.equal(first.status, 201, await first.clone().text());
    const saved = await first.json();
    assert.equal(saved.duplicate, false);
    assert.equal(saved.panel.dashboard_id, mine.id);
    const again = await ask(t, a.access, { request_text: "  LOAD ", dashboard_id: mine.id });
    assert.equal(again.status, 200);
    const dup = await again.json();
    assert.deepEqual([dup.duplicate, dup.panel.id], [true, saved.panel.id]);
    await assertProblem(
      await ask(t, a.access, { request_text: "load", dashboard_id: theirs.id }),
      404,
    );
    const [{ n }] = await db.db.sql`select count(*)::int as n from dashboard_panels`;
    assert.equal(n, 1);
    const rows = await db.db.sql`select saved_panel_id, dashboard_id from ai_requests
      where saved_panel_id is not null`;
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.dashboard_id === mine.id));
  });
});

Deno.test("the history lists, deletes and clears only the caller's requests", async () => {
  await withDatabase(async (db) => {
    const t = accountApp(db);
    const a = await signUp(t.app, "a@example.com");
    const b = await signUp(t.app, "b@example.com");
    for (const text of ["load", "fuel mix", "west hub price"]) {
      await ask(t, a.access, { request_text: text });
      t.advance(1000);
    }
    const other = await (await ask(t, b.access, { request_text: "solar" })).json();
    const list = async (token: string, query = "") =>
      (await (await t.app.request(`${ASK}${query}`, { headers: bearer(token) })).json()).items;
    const items = await list(a.access);
    assert.deepEqual(items.map((i: { request_text: string }) => i.request_text), [
      "west hub price",
      "fuel mix",
      "load",
    ]);
    assert.equal((await list(a.access, "?limit=1")).length, 1);
    const del = (token: string, id: string) =>
      t.app.request(`${ASK}/${id}`, { method: "DELETE", headers: bearer(token) });
    await assertProblem(await del(a.access, other.id), 404);
    assert.equal((await del(a.access, items[0].id)).status, 204);
    const cleared = await t.app.request(`${ASK}/clear`, {
      method: "POST",
      headers: bearer(a.access),
    });
    assert.deepEqual(await cleared.json(), { deleted: 2 });
    assert.equal((await list(a.access)).length, 0);
    assert.equal((await list(b.access)).length, 1);
  });
});

Deno.test("Bedrock answers within the daily budget; past it the rule parser answers with budget_exhausted", async () => {
  const fake = startFakeBedrock();
  try {
    await withDatabase(async (db) => {
      const t = accountApp(db, { AI_DAILY_LLM_REQUESTS: "2" }, { ai: { llm: fake.provider() } });
      const user = await signUp(t.app, "a@example.com");
      fake.queue.push({ toolInput: westHubSpec({ title: "Model <b>title</b>" }) });
      const first = await (await ask(t, user.access, { request_text: "west hub price" })).json();
      assert.deepEqual([first.provider, first.fallback_reason], ["bedrock", undefined]);
      assert.equal(first.spec.title, "Model title");
      await ask(t, user.access, { request_text: "west hub price" });
      await t.app.request(`${ASK}/clear`, { method: "POST", headers: bearer(user.access) });
      const third = await (await ask(t, user.access, { request_text: "west hub price" })).json();
      assert.deepEqual([third.provider, third.fallback_reason], ["rules", "budget_exhausted"]);
      assert.equal(fake.requests.length, 2);
      t.advance(86_400_000);
      const { access_token } = await login(t.app, "a@example.com");
      const nextDay = await (await ask(t, access_token, { request_text: "west hub price" })).json();
      assert.equal(nextDay.provider, "bedrock");
    });
  } finally {
    await fake.close();
  }
});

Deno.test("GET /health/ai reports the provider configuration and the last error without calling AWS", async () => {
  const fake = startFakeBedrock({ error: "AccessDeniedException" });
  try {
    await withDatabase(async (db) => {
      const plain = accountApp(db);
      const rules = await (await plain.app.request("/health/ai")).json();
      assert.deepEqual(
        [rules.provider, rules.configured, rules.model_id, rules.last_error],
        ["rules", false, null, null],
      );
      assert.equal(rules.daily_llm_requests_per_user, 200);
      const t = accountApp(db, {}, { ai: { llm: fake.provider("model-x"), timeoutMs: 5000 } });
      const before = await (await t.app.request("/health/ai")).json();
      assert.equal(fake.requests.length, 0);
      assert.deepEqual(
        [before.provider, before.model_id, before.region, before.endpoint_host, before.timeout_ms],
        ["bedrock", "model-x", "us-east-1", new URL(fake.url).host, 5000],
      );
      const user = await signUp(t.app, "a@example.com");
      const denied = await (await ask(t, user.access, { request_text: "load" })).json();
      assert.equal(denied.fallback_reason, "access_denied");
      const after = await (await t.app.request("/health/ai")).json();
      assert.equal(after.last_error.reason, "access_denied");
      assert.match(after.last_error.message, /AccessDeniedException/);
    });
  } finally {
    await fake.close();
  }
});

Deno.test("a plain-English request for more than 12 series is a 422 naming the cap", async () => {
  const thirteen = [
    ...["hb_busavg", "hb_hubavg", "hb_houston", "hb_north", "hb_pan", "hb_south", "hb_west"],
    ...["lz_aen", "lz_cps", "lz_houston", "lz_lcra", "lz_north", "lz_raybn"],
  ].map((p) => `spp.rt.${p}`);
  const fake = startFakeBedrock();
  try {
    await withDatabase(async (db) => {
      const rules = accountApp(db);
      const user = await signUp(rules.app, "a@example.com");
      const text = "real-time prices at every hub and every load zone";
      const parsed = await assertProblem(
        await ask(rules, user.access, { request_text: text }),
        422,
      );
      assert.equal(parsed.provider, "rules");
      assert.match(String(parsed.detail), /names 13 series; .* at most 12/);
      const llm = accountApp(db, {}, { ai: { llm: fake.provider() } });
      fake.queue.push({ toolInput: westHubSpec({ series: thirteen }) });
      const answered = await assertProblem(
        await ask(llm, user.access, { request_text: text }),
        422,
      );
      assert.equal(answered.provider, "bedrock");
      assert.match(String(answered.detail), /names 13 series; .* at most 12/);
      fake.queue.push({ toolInput: westHubSpec({ series: thirteen.slice(0, 12) }) });
      const twelve = await ask(llm, user.access, { request_text: text });
      assert.equal(twelve.status, 200, await twelve.clone().text());
      assert.equal((await twelve.json()).spec.series.length, 12);
    });
  } finally {
    await fake.close();
  }
});
