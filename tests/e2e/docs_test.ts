/**
 * The API docs page in Chromium: "Try it" sends a JSON body with an API key,
 * and uses the browser UI's session when one is signed in. The app is served
 * in-process over loopback; without Chromium the test is skipped loudly,
 * except under CI=true, where it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import { testDatabaseMode, withDatabase } from "../_db.ts";
import { accountApp, bearer, jsonBody, signUp } from "../_accounts.ts";
import { CHROMIUM, hasChromium, launchChromium } from "../../dev/stack.ts";

const ci = Deno.env.get("CI") === "true";
const chromium = hasChromium();
if (!chromium && !ci) console.warn(`SKIPPED: docs page test: no Chromium at ${CHROMIUM}`);

Deno.test({
  name: "/docs Try it sends the body with an API key, and the UI's session, and shows the answer",
  ignore: testDatabaseMode() !== "embedded" || (!chromium && !ci),
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    assert.ok(chromium, `Chromium is missing at ${CHROMIUM} under CI; .ci/run installs it`);
    await withDatabase(async (db) => {
      const { app } = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
      const user = await signUp(app, "docs@example.com");
      const created = await app.request(
        "/api/keys",
        jsonBody("POST", { name: "docs", scopes: ["read", "write"] }, bearer(user.access)),
      );
      const { key } = await created.json();
      const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
      const url = `http://127.0.0.1:${server.addr.port}`;
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`${url}/docs`);
        await page.locator("#cred-kind").selectOption("key");
        await page.locator("#cred-value").fill(key);
        const create = page.locator('[data-op="createDashboard"]');
        await create.locator("summary").click();
        await create.locator("textarea[name=body]").fill('{"title": "Made in the docs"}');
        await create.getByRole("button", { name: "Send POST" }).click();
        await create.locator("pre.out", { hasText: "201" }).waitFor();
        const answer = await create.locator("pre.out").textContent();
        assert.match(answer ?? "", /^201 Created/);
        assert.match(answer ?? "", /X-Request-Id: [0-9a-f-]{36}/);
        assert.match(answer ?? "", /"title": "Made in the docs"/);

        // Signed in to the UI (its refresh token in localStorage): the page uses that session.
        await page.evaluate((t) => localStorage.setItem("ercot.refresh_token", t), user.refresh);
        await page.reload();
        assert.equal(await page.locator("#cred-kind").inputValue(), "session");
        const me = page.locator('[data-op="getMe"]');
        await me.locator("summary").click();
        await me.getByRole("button", { name: "Send GET" }).click();
        await me.locator("pre.out", { hasText: "200" }).waitFor();
        assert.match(await me.locator("pre.out").textContent() ?? "", /docs@example\.com/);
        const rotated = await page.evaluate(() => localStorage.getItem("ercot.refresh_token"));
        assert.notEqual(rotated, user.refresh, "the rotated refresh token is kept for the UI");
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
        await server.shutdown();
      }
    });
  },
});
