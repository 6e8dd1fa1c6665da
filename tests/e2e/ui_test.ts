/**
 * The browser UI end to end: the real server on an embedded database filled
 * through the recordings mirror, driven by Chromium. Screenshots go to
 * `tests/out/`. Without Chromium the test is skipped loudly, except under
 * CI=true, where it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { buildWebOnce, CHROMIUM, launchChromium, startStack } from "../../dev/stack.ts";
import { browserIgnored, chromiumFor, shot, watchConsole } from "./_browser.ts";

const chromium = chromiumFor("browser UI tests");

/** Clicks `button`, waits for the download and returns its text as `pdftotext -layout` reads it. */
async function downloadedPdfText(page: Page, button: Locator): Promise<string> {
  const download = page.waitForEvent("download");
  await button.click();
  const path = await (await download).path();
  const out = await new Deno.Command("pdftotext", { args: ["-layout", path, "-"] }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

Deno.test({
  name: "the UI registers, shows live charts, adds an AI panel that survives a reload, " +
    "exports PDFs, and " +
    "creates and revokes an API key",
  ignore: browserIgnored(chromium),
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    assert.ok(chromium, `Chromium is missing at ${CHROMIUM} under CI; .ci/run installs it`);
    await buildWebOnce();
    const stack = await startStack();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchConsole(page, {
        allow: (m) => !/Content Security Policy|Refused to/.test(m.text()),
      });
      const email = `ui-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const password = `pw-${crypto.randomUUID()}`;

      await t.step(
        "registering signs in and lands on the overview with charts of data",
        async () => {
          await page.goto(`${stack.url}/register`);
          await page.getByLabel("Email").fill(email);
          await page.getByLabel("Password").fill(password);
          // Signed in, the live feed reopens with a single-use ticket, never a token in the URL.
          const streamed = page.waitForResponse((r) => {
            const url = new URL(r.url());
            return url.pathname === "/api/v1/stream" && url.searchParams.has("ticket");
          });
          await page.getByRole("button", { name: "Create account" }).click();
          await page.getByRole("button", { name: "Sign out" }).waitFor();
          const stream = await streamed;
          assert.equal(stream.status(), 200);
          assert.ok(!new URL(stream.url()).searchParams.has("access_token"));
          assert.equal(new URL(page.url()).pathname, "/");
          await page.locator("[data-chart=prices] canvas").first().waitFor();
          await page.locator("[data-chart=demand] canvas").first().waitFor();
          const price = await page.locator("[data-tile=hub-north] .tile-value").textContent();
          assert.match(price ?? "", /\$\/MWh/);
          // Recorded data is months old: it must be marked stale, never live.
          const badge = await page.locator("[data-tile=hub-north] .badge").textContent();
          assert.match(badge ?? "", /^Stale/);
          assert.match(
            await page.locator("[data-tile=hub-north] .tile-asof").textContent() ?? "",
            /as of .* CT/,
          );
          await shot(page, "ui_overview");
        },
      );

      let dashboardUrl = "";
      await t.step("the AI card previews a chart and adds it as a panel", async () => {
        await page.getByRole("link", { name: "Dashboards" }).click();
        await page.getByLabel("New dashboard title").fill("Renewables");
        await page.getByRole("button", { name: "Create dashboard" }).click();
        await page.waitForURL(/\/dashboards\/[0-9a-f-]{36}$/);
        dashboardUrl = page.url();
        await page.getByLabel("Describe the chart in plain English")
          .fill("hourly wind and solar generation October 8 2025");
        await page.getByRole("button", { name: "Preview" }).click();
        await page.locator(".ai-preview canvas").first().waitFor();
        await shot(page, "ui_ai_preview");
        await page.getByRole("button", { name: "Add to dashboard" }).click();
        await page.locator("[data-panel] canvas").first().waitFor();
      });

      await t.step("the panel is still there after a reload", async () => {
        await page.reload();
        const panel = page.locator("[data-panel]");
        await panel.locator("canvas").first().waitFor();
        assert.equal(await panel.count(), 1);
        assert.match(await panel.getByRole("heading").textContent() ?? "", /Wind generation/);
        assert.equal(page.url(), dashboardUrl);
        await shot(page, "ui_dashboard");
      });

      await t.step(
        "Export PDF downloads the dashboard with its title, range and panel",
        async () => {
          const text = await downloadedPdfText(
            page,
            page.getByRole("button", { name: "Export PDF" }),
          );
          assert.match(text, /^Renewables$/m);
          assert.match(text, /^Range: 2025-10-0\dT\d\d:\d\dZ to 2025-10-\d\dT/m);
          assert.match(text, /Wind generation/);
          assert.match(text, /Series +Unit +Min +Max +Last/);
          assert.match(text, /\bMW\b/);
        },
      );

      await t.step(
        "Export PDF downloads the Explore view with its series, expression and window",
        async () => {
          const expr = encodeURIComponent("gen.wind + gen.solar");
          await page.goto(
            `${stack.url}/explore?series=gen.wind,gen.solar&start=2025-10-08T05:00:00Z&end=2025-10-09T05:00:00Z` +
              `&expr=${expr}&label=Wind%20and%20solar`,
          );
          await page.locator("canvas").first().waitFor();
          const text = await downloadedPdfText(
            page,
            page.getByRole("button", { name: "Export PDF" }),
          );
          assert.match(
            text,
            /^Range: 2025-10-08T05:00Z to 2025-10-09T05:00Z \(Oct 8, 2025, 00:00 CDT/m,
          );
          assert.match(text, /Wind generation/);
          assert.match(text, /Solar generation/);
          assert.match(text, /Wind and solar +MW/);
          assert.match(text, /Series +Unit +Min +Max +Last/);
          assert.match(text, /\bMW\b/);
          await page.goto(dashboardUrl);
          await page.locator("[data-panel] canvas").first().waitFor();
        },
      );

      await t.step(
        "export to Grafana shows the problem's detail when Grafana is not set up",
        async () => {
          await page.getByRole("button", { name: "Export to Grafana" }).click();
          await page.locator(".result .error", { hasText: "GRAFANA_URL" }).waitFor();
        },
      );

      await t.step(
        "an alert rule is created from the series picker and can be disabled",
        async () => {
          await page.getByRole("link", { name: "Alerts" }).click();
          await page.getByLabel("Name", { exact: true }).fill("Reserves low");
          await page.getByRole("combobox", { name: "Series" }).fill("reserves prc");
          await page.getByRole("combobox", { name: "Series" }).press("ArrowDown");
          await page.getByRole("combobox", { name: "Series" }).press("Enter");
          await page.getByLabel("Operator").selectOption("<");
          await page.getByLabel("Value").fill("2500");
          await page.getByRole("button", { name: "Create rule" }).click();
          const rule = page.locator("li.card", { hasText: "Reserves low" });
          await rule.getByText("reserves.prc < 2500").waitFor();
          await rule.getByLabel("Enabled").uncheck();
          await rule.locator(".badge", { hasText: "disabled" }).waitFor();
          await shot(page, "ui_alerts");
        },
      );

      await t.step("an API key is shown once, works, and stops working once revoked", async () => {
        await page.getByRole("link", { name: "API keys" }).click();
        await page.getByLabel("Name", { exact: true }).fill("notebook");
        await page.getByRole("button", { name: "Create key" }).click();
        const key = (await page.locator("[data-secret]").textContent())?.trim() ?? "";
        assert.ok(key.length > 20, `no key shown: "${key}"`);
        const me = () => fetch(`${stack.url}/api/auth/me`, { headers: { "x-api-key": key } });
        const before = await me();
        await before.body?.cancel();
        assert.equal(before.status, 200);
        await shot(page, "ui_key_created");
        page.once("dialog", (d) => d.accept());
        await page.getByRole("button", { name: "Revoke" }).click();
        await page.locator("[data-key] .badge", { hasText: "revoked" }).waitFor();
        const after = await me();
        await after.body?.cancel();
        assert.equal(after.status, 401);
      });

      await t.step("the overview fits a 390 px screen in the dark theme", async () => {
        const phone = await browser.newPage({
          viewport: { width: 390, height: 844 },
          colorScheme: "dark",
        });
        watchConsole(phone, {
          allow: (m) => !/Content Security Policy|Refused to/.test(m.text()),
          into: problems,
        });
        await phone.goto(stack.url);
        await phone.locator("[data-chart=prices] canvas").first().waitFor();
        const overflow = await phone.evaluate(
          "document.documentElement.scrollWidth - document.documentElement.clientWidth",
        );
        assert.equal(overflow, 0, "the page scrolls sideways at 390 px");
        await shot(phone, "ui_overview_390_dark");
        await phone.close();
      });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await stack.stop();
    }
  },
});
