import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";

/** Webhook URLs an attack corpus got saved, and the other forms of the same addresses. */
const PRIVATE_TARGETS = [
  "http://[::ffff:0:127.0.0.1]/h",
  "http://[::127.0.0.1]/h",
  "http://[::7f00:1]/h",
  "http://[64:ff9b::7f00:1]/h",
  "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",
  "http://[2002:7f00:1::]/h",
  "http://[2002:a9fe:a9fe::]/h",
  "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/h",
  "http://[::ffff:169.254.169.254]/h",
  "http://169.254.169.254/latest/meta-data",
  "http://100.64.0.1/h",
  "http://198.18.0.1/h",
  "http://224.0.0.1/h",
  "http://0.0.0.0/h",
  "https://192.0.2.1/h",
  "https://198.51.100.1/h",
  "https://203.0.113.1/h",
  "https://[2001:db8::1]/h",
  "http://localhost./h",
  "http://metadata.google.internal/h",
  "http://hooks/h",
];

const MALFORMED = ["http:///a", "http:/a", "https:\\\\a.example/", "https://a.example/ x"];

function rule(url: string) {
  return {
    name: "Scarcity",
    conditions: [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }],
    channels: [{ type: "webhook", url }],
  };
}

Deno.test("webhook URLs naming a non-public address in any form, or a local name, are refused at save", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db);
    const user = await signUp(app.app, "a@example.com");
    for (const url of [...PRIVATE_TARGETS, ...MALFORMED]) {
      await t.step(url, async () => {
        const res = await app.app.request(
          "/api/alerts/rules",
          jsonBody("POST", rule(url), bearer(user.access)),
        );
        const problem = await assertProblem(res, 400);
        assert.equal(problem.parameter, "channels.0.url");
      });
    }
    const [{ n }] = await db.db.sql`select count(*)::int as n from alert_rules`;
    assert.equal(n, 0);
  });
});

Deno.test("ALERT_WEBHOOK_ALLOW_PRIVATE=true saves private targets but never a URL without a host", async () => {
  await withDatabase(async (db) => {
    const app = accountApp(db, { ALERT_WEBHOOK_ALLOW_PRIVATE: "true" });
    const user = await signUp(app.app, "a@example.com");
    for (const url of PRIVATE_TARGETS) {
      const res = await app.app.request(
        "/api/alerts/rules",
        jsonBody("POST", rule(url), bearer(user.access)),
      );
      assert.equal(res.status, 201, `${url}: ${await res.text()}`);
    }
    for (const url of MALFORMED) {
      const res = await app.app.request(
        "/api/alerts/rules",
        jsonBody("POST", rule(url), bearer(user.access)),
      );
      assert.equal((await assertProblem(res, 400)).parameter, "channels.0.url");
    }
  });
});
