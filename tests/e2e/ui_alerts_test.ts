/**
 * Alert rules in the browser: created with every kind of field (any/all, an
 * aggregate over a window, "15 min" typed as said, deadband, cooldown, a
 * webhook whose secret is shown once, an email), edited after a reload with
 * the API then answering the edited values and every other field unchanged,
 * and a misspelt duration refused beside its field without saving. Real
 * server on an embedded database through the recordings mirror, driven by
 * Chromium; screenshots go to `tests/out/alerts-*.png`. Skipped loudly
 * without Chromium, except under CI=true, where it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { buildWebOnce, CHROMIUM, launchChromium, startStack } from "../../dev/stack.ts";
import { browserIgnored, chromiumFor, shot, watchConsole } from "./_browser.ts";

const chromium = chromiumFor("browser alert tests");

type Json = Record<string, unknown>;

/** The rules as the API answers them, fetched by the page with its own session's token. */
function apiRules(page: Page, authorization: string): Promise<{ rules: Json[] }> {
  return page.evaluate(
    (auth) =>
      fetch("/api/alerts/rules", { headers: { authorization: auth } }).then((r) => r.json()),
    authorization,
  );
}

/** A rule without what changes on every save. */
const lasting = ({ updated_at: _u, state: _s, ...rest }: Json) => rest;

Deno.test({
  name: "alert rules are created and edited in the UI with durations typed as people say them",
  ignore: browserIgnored(chromium),
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    assert.ok(chromium, `Chromium is missing at ${CHROMIUM} under CI; .ci/run installs it`);
    await buildWebOnce();
    // Email channels need an outgoing mail server configured; nothing is sent in this test.
    const stack = await startStack({
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: "2525",
      SMTP_SECURITY: "none",
      SMTP_FROM: "alerts@example.com",
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchConsole(page);
      let authorization = "";
      page.on("request", (r) => {
        const auth = r.headers().authorization;
        if (auth && new URL(r.url()).pathname.startsWith("/api/alerts/")) authorization = auth;
      });
      const card = page.locator("li.card", { hasText: "Reserves low" });
      let created: Json = {};

      await t.step("signing up and creating a rule with every kind of field", async () => {
        await page.goto(`${stack.url}/register`);
        await page.getByLabel("Email").fill(
          `alerts-${crypto.randomUUID().slice(0, 8)}@example.com`,
        );
        await page.getByLabel("Password").fill(`pw-${crypto.randomUUID()}`);
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByRole("button", { name: "Sign out" }).waitFor();
        await page.getByRole("link", { name: "Alerts" }).click();
        await page.getByLabel("Name", { exact: true }).fill("Reserves low");
        const series = page.getByRole("combobox", { name: "Series" });
        await series.fill("reserves prc");
        // Enter before the catalog has loaded would submit the form.
        await page.getByRole("option", { name: /reserves\.prc/ }).first().waitFor();
        await series.press("ArrowDown");
        await series.press("Enter");
        await page.getByLabel("Fire when").selectOption("any");
        await page.getByLabel("Reading").selectOption("avg");
        await page.getByLabel("Window", { exact: true }).fill("30 min");
        await page.getByLabel("Operator").selectOption("<");
        await page.getByLabel("Value", { exact: true }).fill("2500");
        await page.getByLabel("For (optional)").fill("15 min");
        await page.getByLabel("Deadband (optional)").fill("100");
        await page.getByLabel("Cooldown (optional)").fill("1 h");
        await page.getByRole("button", { name: "Add webhook" }).first().click();
        await page.getByLabel("Webhook URL").fill("https://example.com/hook");
        await page.getByRole("button", { name: "Add email" }).first().click();
        await page.getByLabel("Email address").fill("ops@example.com");
        await page.getByRole("button", { name: "Create rule" }).click();
        const secret = (await page.locator("[data-secret]").textContent())?.trim() ?? "";
        assert.match(secret, /^whsec_[0-9a-f]{64}$/);
        await card.getByText("avg over 30 min of reserves.prc < 2500 for 15 min").waitFor();
        await shot(page, `alerts-created`);
        const [rule] = (await apiRules(page, authorization)).rules;
        assert.deepEqual(
          [rule.match, rule.conditions, rule.cooldown, rule.channels],
          [
            "any",
            [{
              type: "threshold",
              series: "reserves.prc",
              op: "<",
              value: 2500,
              agg: "avg",
              window: "PT30M",
              for: "PT15M",
              deadband: 100,
            }],
            "PT1H",
            [
              { type: "sse" },
              {
                type: "webhook",
                url: "https://example.com/hook",
                secret_hint: `••••${secret.slice(-4)}`,
              },
              { type: "email", to: "ops@example.com" },
            ],
          ],
        );
        created = rule;
      });

      await t.step("the secret is shown once: a reload does not show it again", async () => {
        await page.reload();
        await card.waitFor();
        assert.equal(await page.locator("[data-secret]").count(), 0);
      });

      await t.step("editing changes the threshold and cooldown and keeps the rest", async () => {
        await card.getByRole("button", { name: "Edit" }).click();
        await page.getByRole("heading", { name: "Edit rule: Reserves low" }).waitFor();
        assert.equal(await page.getByLabel("For (optional)").inputValue(), "15 min");
        assert.equal(await page.getByLabel("Cooldown (optional)").inputValue(), "1 h");
        await page.getByLabel("Value", { exact: true }).fill("2000");
        await page.getByLabel("Cooldown (optional)").fill("2 h");
        await page.getByRole("button", { name: "Save rule" }).click();
        await card.getByText("reserves.prc < 2000").waitFor();
        await card.getByText("cooldown 2 h").waitFor();
        const [rule] = (await apiRules(page, authorization)).rules;
        const conditions = created.conditions as Json[];
        assert.deepEqual(lasting(rule), {
          ...lasting(created),
          conditions: [{ ...conditions[0], value: 2000 }],
          cooldown: "PT2H",
        });
        // No new secret: the webhook kept the one generated at creation.
        assert.equal(await page.locator("[data-secret]").count(), 0);
        await shot(page, `alerts-edited`);
      });

      await t.step(
        "a misspelt duration is explained beside its field and nothing is saved",
        async () => {
          const before = (await apiRules(page, authorization)).rules;
          await card.getByRole("button", { name: "Edit" }).click();
          const puts: string[] = [];
          page.on("request", (r) => r.method() === "PUT" && puts.push(r.url()));
          const held = page.getByLabel("For (optional)");
          await held.fill("15 minuets");
          await page.getByRole("button", { name: "Save rule" }).click();
          await page.locator(".field-error", { hasText: 'did you mean "minutes"?' }).waitFor();
          assert.equal(await held.getAttribute("aria-invalid"), "true");
          await page.getByText("nothing was saved").waitFor();
          assert.deepEqual(puts, []);
          assert.deepEqual((await apiRules(page, authorization)).rules, before);
          await shot(page, `alerts-invalid`);
        },
      );

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await stack.stop();
    }
  },
});
