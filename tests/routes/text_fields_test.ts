import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { textProblem } from "../../http/text_fields.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";

const RULE = {
  name: "Scarcity",
  conditions: [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }],
  channels: [{ type: "webhook", url: "https://hooks.example.com/x", secret: "s".repeat(20) }],
};

/** `[what, method, path, body, the field the answer must name]`. */
type Case = [string, string, string, unknown, string];

function cases(bad: string): Case[] {
  const channel = (change: Record<string, string>) => ({
    ...RULE,
    channels: [{ ...RULE.channels[0], ...change }],
  });
  return [
    [
      "a webhook URL",
      "POST",
      "/api/alerts/rules",
      channel({ url: `https://a.example/${bad}` }),
      "channels.0.url",
    ],
    [
      "a webhook secret",
      "POST",
      "/api/alerts/rules",
      channel({ secret: `${"s".repeat(20)}${bad}` }),
      "channels.0.secret",
    ],
    ["a rule name", "POST", "/api/alerts/rules", { ...RULE, name: `Scar${bad}city` }, "name"],
    ["a condition's series", "POST", "/api/alerts/rules", {
      ...RULE,
      conditions: [{ ...RULE.conditions[0], series: `reserves.prc${bad}` }],
    }, "conditions.0.series"],
    ["a dashboard title", "POST", "/api/dashboards", { title: `Mine${bad}` }, "title"],
    ["an API key name", "POST", "/api/keys", { name: `ci${bad}`, scopes: ["read"] }, "name"],
    [
      "a plain-English request",
      "POST",
      "/api/ai/visualizations",
      { request_text: `load${bad}` },
      "request_text",
    ],
    ["an email", "POST", "/api/auth/login", {
      email: `a${bad}@example.com`,
      password: "p".repeat(12),
    }, "email"],
    [
      "a member name",
      "POST",
      "/api/dashboards",
      { title: "x", [`ti${bad}tle`]: 1 },
      JSON.stringify(`ti${bad}tle`),
    ],
    ["a path parameter", "GET", `/api/v1/series/load${encodeURIComponent(bad)}`, undefined, "key"],
    [
      "a query parameter",
      "GET",
      `/api/v1/series?prefix=load${encodeURIComponent(bad)}`,
      undefined,
      "prefix",
    ],
  ];
}

Deno.test("NUL and other control characters in any text field are a 400 naming the field, never a 500", async (t) => {
  await withDatabase(async (db) => {
    const app = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
    const user = await signUp(app.app, "a@example.com");
    for (
      const [bad, code] of [["\u0000", "U\\+0000 \\(NUL\\)"], ["\u001b", "U\\+001B"], [
        "\u0085",
        "U\\+0085",
      ]]
    ) {
      for (const [what, method, path, body, field] of cases(bad)) {
        await t.step(`${JSON.stringify(bad)} in ${what}`, async () => {
          const res = await app.app.request(
            path,
            body === undefined
              ? { headers: bearer(user.access) }
              : jsonBody(method, body, bearer(user.access)),
          );
          const problem = await assertProblem(res, 400);
          assert.equal(problem.parameter, field);
          assert.match(
            String(problem.detail),
            new RegExp(`contains the control character ${code}`),
          );
        });
      }
    }
    const [{ n }] = await db.db.sql`select count(*)::int as n from alert_rules`;
    assert.equal(n, 0);
  });
});

Deno.test("textProblem() refuses control characters and unpaired surrogates, and keeps tab and new lines", () => {
  for (const ok of ["plain", "tab\tand\r\nnew lines", "émoji 💸", "\u202eright-to-left", ""]) {
    assert.equal(textProblem(ok), undefined, JSON.stringify(ok));
  }
  for (const bad of ["\u0000", "a\u0007", "\u007f", "\u009f", "x\ud800", "\udc00y"]) {
    assert.ok(textProblem(bad), JSON.stringify(bad));
  }
  assert.match(textProblem("x\ud800")!, /unpaired surrogate/);
});

Deno.test("an unpaired surrogate in a JSON body is a 400, not a database error", async () => {
  await withDatabase(async (db) => {
    const app = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
    const user = await signUp(app.app, "a@example.com");
    const res = await app.app.request(
      "/api/dashboards",
      jsonBody("POST", { title: "Mine\ud800" }, bearer(user.access)),
    );
    const problem = await assertProblem(res, 400);
    assert.equal(problem.parameter, "title");
    assert.match(String(problem.detail), /unpaired surrogate/);
  });
});
