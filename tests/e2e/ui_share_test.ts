/**
 * Sharing and Grafana JSON in the browser: a read-only link opened with no
 * session shows who shared the dashboard and its charts with nothing to
 * edit, stops working once revoked, and both dashboard kinds download
 * Grafana JSON that parses. The real server on an embedded database filled
 * through the recordings mirror, driven by Chromium; screenshots go to
 * `tests/out/share-*.png`. Without Chromium the test is skipped loudly,
 * except under CI=true, where it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ConsoleMessage, Locator, Page } from "playwright-core";
import { buildWebOnce, CHROMIUM, launchChromium, startStack } from "../../dev/stack.ts";
import { browserIgnored, chromiumFor, shot, watchConsole } from "./_browser.ts";

const chromium = chromiumFor("browser sharing tests");

/** A revoked link's 404 is the answer the page expects; any other console error is a fault. */
function expected(m: ConsoleMessage): boolean {
  return /status of 404/.test(m.text()) && m.location().url.includes("/api/shared/");
}

/** Clicks `button`, waits for the download and returns its name and parsed JSON. */
async function downloadedJson(page: Page, button: Locator) {
  const download = page.waitForEvent("download");
  await button.click();
  const file = await download;
  const text = await Deno.readTextFile(await file.path());
  return { name: file.suggestedFilename(), model: JSON.parse(text) };
}

Deno.test({
  name: "a share link shows the dashboard read-only without an account until revoked, " +
    "and both dashboard kinds download Grafana JSON",
  ignore: browserIgnored(chromium),
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    assert.ok(chromium, `Chromium is missing at ${CHROMIUM} under CI; .ci/run installs it`);
    await buildWebOnce();
    const stack = await startStack();
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const owner = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await owner.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.url });
      const page = await owner.newPage();
      watchConsole(page, { allow: expected, into: problems });
      const email = `share-${crypto.randomUUID().slice(0, 8)}@example.com`;

      await t.step("a new user makes a dashboard with a panel", async () => {
        await page.goto(`${stack.url}/register`);
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill(`pw-${crypto.randomUUID()}`);
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByRole("button", { name: "Sign out" }).waitFor();
        await page.goto(`${stack.url}/dashboards`);
        await page.getByLabel("New dashboard title").fill("Wind desk");
        await page.getByRole("button", { name: "Create dashboard" }).click();
        await page.waitForURL(/\/dashboards\/[0-9a-f-]{36}$/);
        await page.getByLabel("Describe the chart in plain English")
          .fill("hourly wind and solar generation October 8 2025");
        await page.getByRole("button", { name: "Preview" }).click();
        await page.getByRole("button", { name: "Add to dashboard" }).click();
        await page.locator("[data-panel] canvas").first().waitFor();
      });

      let link = "";
      await t.step(
        "Share makes a /shared/ link and Copy link puts it on the clipboard",
        async () => {
          await page.getByRole("button", { name: "Share" }).click();
          const field = page.getByLabel("Read-only link, no account needed");
          await field.waitFor();
          link = await field.inputValue();
          assert.match(link, new RegExp(`^${stack.url}/shared/[A-Za-z0-9_-]{43}$`));
          await page.getByRole("button", { name: "Copy link" }).click();
          await page.getByText("Link copied").waitFor();
          assert.equal(await page.evaluate("navigator.clipboard.readText()"), link);
          await shot(page, "share-owner");
        },
      );

      const guest = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const anon = await guest.newPage();
      watchConsole(anon, { allow: expected, into: problems });
      await t.step("the link opens read-only in a browser with no session", async () => {
        await anon.goto(link);
        await anon.getByText(`Read-only, shared by ${email.split("@")[0]}`).waitFor();
        await anon.getByRole("heading", { name: "Wind desk", level: 1 }).waitFor();
        await anon.locator("[data-panel] canvas").first().waitFor();
        assert.equal(await anon.locator("[data-panel]").count(), 1);
        assert.ok(await anon.getByRole("link", { name: "Sign in" }).isVisible(), "no session");
        // Nothing to change: no drag handle, resize corner, remove, share, export or AI card.
        for (const control of [".panel-handle", ".panel-resize", "textarea", "main input"]) {
          assert.equal(await anon.locator(control).count(), 0, control);
        }
        const buttons = await anon.locator("main button").allTextContents();
        assert.deepEqual(buttons, [], `edit controls on the shared page: ${buttons}`);
        await shot(anon, "share-shared");
      });

      await t.step("the shared page fits a 390 px phone", async () => {
        const phone = await guest.newPage();
        await phone.setViewportSize({ width: 390, height: 844 });
        watchConsole(phone, { allow: expected, into: problems });
        await phone.goto(link);
        await phone.locator("[data-panel] canvas").first().waitFor();
        const overflow = await phone.evaluate(
          "document.documentElement.scrollWidth - document.documentElement.clientWidth",
        );
        assert.equal(overflow, 0, "the shared page scrolls sideways at 390 px");
        await shot(phone, "share-shared-390");
        await phone.close();
      });

      await t.step("once revoked, the link says so and the API answers 404", async () => {
        page.once("dialog", (d) => d.accept());
        await page.getByRole("button", { name: "Revoke link" }).click();
        await page.getByText("Link revoked").waitFor();
        await anon.reload();
        await anon.getByRole("heading", { name: "This link was revoked or never existed" })
          .waitFor();
        assert.equal(await anon.locator("[data-panel]").count(), 0);
        const api = await fetch(link.replace("/shared/", "/api/shared/"));
        await api.body?.cancel();
        assert.equal(api.status, 404);
        await shot(anon, "share-revoked");
      });

      await t.step("Download Grafana JSON saves the personal dashboard's model", async () => {
        const { name, model } = await downloadedJson(
          page,
          page.getByRole("button", { name: "Download Grafana JSON" }),
        );
        assert.match(name, /^Wind-desk-[0-9a-f]{8}\.grafana\.json$/);
        assert.equal(model.panels.length, 1);
        assert.match(model.panels[0].title, /Wind generation/);
        assert.equal(model.panels[0].targets[0].datasource.uid, "ercot-postgres");
      });

      await t.step(
        "Download Grafana JSON saves a built-in dashboard without an account",
        async () => {
          await anon.goto(`${stack.url}/dashboards/builtin/ercot-overview`);
          const { name, model } = await downloadedJson(
            anon,
            anon.getByRole("button", { name: "Download Grafana JSON" }),
          );
          assert.equal(name, "ERCOT-overview.grafana.json");
          assert.equal(model.uid, "ercot-overview");
          assert.ok(model.panels.length >= 5, `${model.panels.length} panels`);
        },
      );

      await guest.close();
      await owner.close();
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await stack.stop();
    }
  },
});
