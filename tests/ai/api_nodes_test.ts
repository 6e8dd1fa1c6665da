import assert from "node:assert/strict";
import { ensureSeries } from "../../db/series.ts";
import { storedNodeKeys } from "../../ai/node_names.ts";
import { withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp, type TestApp } from "../_accounts.ts";
import { startFakeBedrock, westHubSpec } from "../../dev/fake_bedrock.ts";

const ASK = "/api/ai/visualizations";

function ask(t: TestApp, token: string, text: string) {
  return t.app.request(ASK, jsonBody("POST", { request_text: text }, bearer(token)));
}

function node(key: string) {
  return { key, name: key, unit: "$/MWh", intervalSeconds: 900, feed: "np6_905" };
}

Deno.test("POST /api/ai/visualizations resolves stored resource-node names and close spellings", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "spp.rt.alvin_rn", start: "2025-12-30T00:00:00Z", n: 200 });
    await ensureSeries(db.db.sql, [node("spp.da.alvin_rn"), node("spp.rt.amistad_all")]);
    const t = accountApp(db);
    const user = await signUp(t.app, "nodes@example.com");
    for (
      const [text, key] of [
        ["price at ALVIN_RN", "spp.rt.alvin_rn"],
        ["Alvin node", "spp.rt.alvin_rn"],
        ["ALVIN RN day-ahead price", "spp.da.alvin_rn"],
        ["alvn node", "spp.rt.alvin_rn"],
        ["amistad node", "spp.rt.amistad_all"],
      ]
    ) {
      const res = await ask(t, user.access, text);
      assert.equal(res.status, 200, `${text}: ${await res.clone().text()}`);
      const body = await res.json();
      assert.deepEqual(body.spec.series, [key], text);
      if (text === "price at ALVIN_RN") {
        assert.equal(body.spec.title, "ALVIN_RN real-time price, last 24 hours");
        assert.equal(body.preview.series[0].t.length, 96);
      }
    }
  });
});

Deno.test("Bedrock may answer a stored resource node's key; one not stored falls back to the rules", async () => {
  const fake = startFakeBedrock();
  try {
    await withDatabase(async (db) => {
      await seed(db, { key: "spp.rt.alvin_rn", start: "2025-12-30T00:00:00Z", n: 8 });
      const t = accountApp(db, {}, { ai: { llm: fake.provider() } });
      const user = await signUp(t.app, "bedrock-nodes@example.com");
      fake.queue.push({ toolInput: westHubSpec({ series: ["spp.rt.alvin_rn"], title: "Alvin" }) });
      const stored = await (await ask(t, user.access, "price at ALVIN_RN")).json();
      assert.deepEqual([stored.provider, stored.fallback_reason], ["bedrock", undefined]);
      assert.deepEqual(stored.spec.series, ["spp.rt.alvin_rn"]);
      // A node the service does not store is the model's mistake: the rule parser answers.
      fake.queue.push({ toolInput: westHubSpec({ series: ["spp.rt.atlantis_rn"] }) });
      const res = await ask(t, user.access, "price at ATLANTIS_RN");
      const body = await res.json();
      assert.deepEqual([body.provider, body.fallback_reason], ["rules", "invalid_output"]);
    });
  } finally {
    await fake.close();
  }
});

Deno.test("POST /api/ai/visualizations answers 422 naming the nearest stored nodes", async () => {
  await withDatabase(async (db) => {
    await ensureSeries(db.db.sql, [
      node("spp.rt.bastrop_all"),
      node("spp.rt.bastrop_rn"),
      node("spp.rt.alvin_rn"),
    ]);
    const t = accountApp(db);
    const user = await signUp(t.app, "nodes@example.com");
    const ambiguous = await assertProblem(await ask(t, user.access, "bastrop node"), 422);
    assert.match(
      String(ambiguous.detail),
      /"bastrop" is ambiguous; did you mean BASTROP_ALL, BASTROP_RN/,
    );
    const unknown = await assertProblem(await ask(t, user.access, "price at alvim_xx"), 422);
    assert.match(String(unknown.detail), /settlement point called "ALVIM_XX"; nearest: ALVIN_RN/);
    const hubs = await assertProblem(await ask(t, user.access, "zzyzx node"), 422);
    assert.doesNotMatch(String(hubs.detail), /HB_|LZ_/);
  });
});

Deno.test("storedNodeKeys() reads node price keys, not catalog ones, and again after its ttl", async () => {
  await withDatabase(async (db) => {
    await ensureSeries(db.db.sql, [node("spp.rt.alvin_rn"), node("spp.rt.hb_west")]);
    let now = 0;
    const keys = storedNodeKeys(db.db.sql, { ttlMs: 60_000, clock: () => now });
    assert.deepEqual(await keys(), ["spp.rt.alvin_rn"]);
    await ensureSeries(db.db.sql, [node("lmp.rt.alvin_rn")]);
    now = 59_000;
    assert.deepEqual(await keys(), ["spp.rt.alvin_rn"]);
    now = 60_000;
    assert.deepEqual(await keys(), ["lmp.rt.alvin_rn", "spp.rt.alvin_rn"]);
  });
});
