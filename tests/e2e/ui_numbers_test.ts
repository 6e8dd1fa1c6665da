/**
 * Numbers, legends, axes and empty states in the browser (issue #18 items 5
 * and 7): the real server on an embedded database filled from the recordings
 * mirror, driven by Chromium at 1440 px. Screenshots go to
 * `tests/out/numbers-*.png`. Skipped loudly without Chromium, except under
 * CI=true, where it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { buildWebOnce, CHROMIUM, launchChromium, startStack } from "../../dev/stack.ts";
import { startServer, stopProc } from "../../dev/process.ts";
import { browserIgnored, chromiumFor, shot } from "./_browser.ts";

const chromium = chromiumFor("browser numbers tests");

const PRICE = /^-?\d{1,3}(,\d{3})*\.\d{2} \$\/MWh$/;
const MEGAWATTS = /^\d{1,3}(,\d{3})* MW$/;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const inside = (a: Box, b: Box) =>
  a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 &&
  a.y + a.height <= b.y + b.height + 0.5;

/** The legend labels of the chart in `box`, each asserted visible within `box`'s bounds. */
async function legendInside(box: Locator): Promise<string[]> {
  const outer = (await box.boundingBox())!;
  // The first row is the time column's.
  const entries = box.locator(".u-legend tr.u-series:not(:first-child)");
  await entries.first().waitFor();
  const labels: string[] = [];
  for (const entry of await entries.all()) {
    const label = (await entry.locator(".u-label").innerText()).trim();
    const b = await entry.boundingBox();
    assert.ok(
      b && inside(b, outer),
      `legend entry "${label}" ${JSON.stringify(b)} lies outside ${JSON.stringify(outer)}`,
    );
    labels.push(label);
  }
  return labels;
}

/** Signs a new account in through the API; the page restores the session from its refresh token. */
async function signedIn(page: Page, url: string): Promise<string> {
  const email = `numbers-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${crypto.randomUUID()}`;
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  assert.ok((await post("/api/auth/register", { email, password })).ok);
  const pair = await (await post("/api/auth/login", { email, password })).json();
  await page.addInitScript(
    (t) => localStorage.setItem("ercot.refresh_token", t),
    pair.refresh_token,
  );
  return pair.access_token;
}

Deno.test({
  name: "the UI shows exact numbers with units, whole legends, sane axes and plain empty states",
  ignore: browserIgnored(chromium),
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    assert.ok(chromium, `Chromium is missing at ${CHROMIUM} under CI; .ci/run installs it`);
    await buildWebOnce();
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    // Before any ingest: the server on an empty database, no feed ever run.
    const empty = await Deno.makeTempDir({ prefix: "ercot-numbers-" });
    const bare = await startServer({
      DATA_DIR: empty,
      DATABASE_URL: "",
      JWT_SECRET: "numbers-test-secret-0123456789-abcdefghijkl",
    });
    try {
      await t.step("before any ingest the Prices dashboard says 'No data yet'", async () => {
        await page.goto(`${bare.url}/dashboards/builtin/ercot-prices`);
        const panel = page.locator('[data-panel="latest-hub-prices"]');
        await panel.getByText(/No data yet for .*Houston/).waitFor();
        await page.waitForLoadState("networkidle");
        assert.doesNotMatch(await page.locator("main").innerText(), /Unknown series/);
        await shot(page, `numbers-prices-empty`);
      });

      await t.step("feeds never run read 'waiting for first run', not 'late'", async () => {
        await page.goto(bare.url);
        const summary = page.locator(".feed-health summary");
        await summary.click();
        await page.locator(".feed-health td", { hasText: "waiting for first run" }).first()
          .waitFor();
        assert.match(await summary.innerText(), /waiting for first run/);
        assert.doesNotMatch(await page.locator(".feed-health tbody").innerText(), /\blate\b/);
        // Waiting is no fault: the live dot is neither amber nor red.
        assert.equal(await page.locator(".live-warn, .live-bad").count(), 0);
        await shot(page, `numbers-feeds-waiting`);
      });
    } finally {
      // Off the page first, so its live feed does not retry a stopped server.
      await page.goto("about:blank");
      await stopProc(bare);
      await Deno.remove(empty, { recursive: true });
    }

    const stack = await startStack().catch(async (err) => {
      await browser.close();
      throw err;
    });
    try {
      await t.step("overview tiles name their market and show cents and units", async () => {
        await page.goto(stack.url);
        const houston = page.locator('[data-tile="hub-houston"]');
        // Only SCED LMPs exist for Houston in the recordings; the chart draws settlement prices.
        await houston.locator("h3", { hasText: "Houston hub LMP (SCED)" }).waitFor();
        const value = houston.locator(".tile-value");
        await page.waitForFunction(
          (el) => /\$\/MWh/.test(el?.textContent ?? ""),
          await value.elementHandle(),
        );
        assert.match((await value.innerText()).trim(), PRICE);
        const demand = page.locator('[data-tile="demand"] .tile-value');
        await page.waitForFunction(
          (el) => / MW$/.test(el?.textContent ?? ""),
          await demand.elementHandle(),
        );
        assert.match((await demand.innerText()).trim(), MEGAWATTS);
        assert.match(
          await page.locator('[data-chart="prices"] h2').innerText(),
          /settlement point/,
        );
        await shot(page, `numbers-overview`);
      });

      await t.step("the fuel-mix chart's legend lists all 8 fuels inside its card", async () => {
        // Measured once every chart has drawn (the cards grow as they do).
        await page.waitForLoadState("networkidle");
        await page.locator('[data-chart="fuel"] .u-legend').scrollIntoViewIfNeeded();
        await shot(page, `numbers-overview-charts`);
        const labels = await legendInside(page.locator('[data-chart="fuel"]'));
        assert.equal(labels.length, 8, labels.join(", "));
      });

      const access = await signedIn(page, stack.url);
      const builtin = await (await fetch(`${stack.url}/api/builtin-dashboards/ercot-overview`))
        .json();
      const copy = (id: string, range: { start: string; end: string }) => {
        const p = builtin.panels.find((p: { id: string }) => p.id === id);
        return { spec: { ...p.spec, range }, grid: p.grid };
      };
      const spec = (
        title: string,
        chart: string,
        series: string[],
        start: string,
        end: string,
      ) => ({
        spec: {
          version: 1,
          title,
          chart,
          series,
          range: { start, end },
          resolution: "auto",
          agg: "avg",
          stacked: false,
        },
        grid: { x: 0, y: 40, w: 12, h: 8 },
      });
      const created = await fetch(`${stack.url}/api/dashboards`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${access}` },
        body: JSON.stringify({
          title: "Numbers",
          panels: [
            copy("fuel-mix", { start: "2025-10-08T05:00:00Z", end: "2025-10-09T12:00:00Z" }),
            copy("as-prices", { start: "2025-12-02T06:00:00Z", end: "2025-12-06T06:00:00Z" }),
            {
              ...spec(
                "North price table",
                "table",
                ["spp.rt.hb_north"],
                "2025-11-02T05:00:00Z",
                "2025-11-03T06:00:00Z",
              ),
              grid: { x: 0, y: 32, w: 8, h: 8 },
            },
            {
              ...spec(
                "North price now",
                "stat",
                ["spp.rt.hb_north"],
                "2025-11-02T05:00:00Z",
                "2025-11-03T06:00:00Z",
              ),
              grid: { x: 8, y: 32, w: 8, h: 8 },
            },
            {
              ...spec(
                "North by hour",
                "heatmap",
                ["spp.rt.hb_north"],
                "2025-11-02T05:00:00Z",
                "2025-11-03T06:00:00Z",
              ),
              grid: { x: 0, y: 48, w: 12, h: 8 },
            },
            {
              ...spec(
                "North duration",
                "duration",
                ["spp.rt.hb_north"],
                "2025-11-02T05:00:00Z",
                "2025-11-03T06:00:00Z",
              ),
              grid: { x: 12, y: 48, w: 12, h: 8 },
            },
            {
              ...spec(
                "Houston LMP, one point",
                "line",
                ["lmp.rt.hb_houston"],
                "2026-06-24T05:45:00Z",
                "2026-06-25T05:45:00Z",
              ),
              grid: { x: 16, y: 32, w: 8, h: 8 },
            },
          ],
        }),
      });
      assert.equal(created.status, 201, await created.clone().text());
      const board = await created.json();
      const panelOf = (title: string) =>
        page.locator("article.panel", { has: page.locator("h2", { hasText: title }) });

      await t.step("dashboard panels at their default size show every legend entry", async () => {
        await page.goto(`${stack.url}/dashboards/${board.id}`);
        const fuel = await legendInside(
          panelOf(builtin.panels.find((p: { id: string }) => p.id === "fuel-mix").spec.title),
        );
        assert.equal(fuel.length, 8, fuel.join(", "));
        const as = await legendInside(
          panelOf(builtin.panels.find((p: { id: string }) => p.id === "as-prices").spec.title),
        );
        assert.equal(as.length, 5, as.join(", "));
      });

      await t.step("table and stat panels show prices to the cent with units", async () => {
        const cells = panelOf("North price table").locator("tbody td.num");
        await cells.first().waitFor();
        for (const text of (await cells.allInnerTexts()).slice(0, 20)) {
          assert.match(text.trim(), PRICE);
        }
        const stat = panelOf("North price now");
        await stat.locator(".stat").waitFor();
        assert.match((await stat.locator(".stat").innerText()).trim(), PRICE);
      });

      await t.step(
        "a one-point chart's x-axis spans its window, y ticks never repeat",
        async () => {
          const chart = panelOf("Houston LMP, one point");
          const plot = chart.locator(".uplot");
          await plot.waitFor();
          const [x0, x1] = (await plot.getAttribute("data-x-range"))!.split(",").map(Number);
          assert.deepEqual([x0 * 1000, x1 * 1000], [
            Date.parse("2026-06-24T05:45:00Z"),
            Date.parse("2026-06-25T05:45:00Z"),
          ]);
          const y = (await plot.getAttribute("data-y0-ticks"))!.split("|");
          assert.ok(y.length >= 2, `y ticks: ${y.join(" | ")}`);
          assert.equal(new Set(y).size, y.length, `y ticks: ${y.join(" | ")}`);
          await shot(page, `numbers-dashboard`);
        },
      );

      await t.step(
        "heat map and duration panels draw, with the unit and the hovered value",
        async () => {
          const heat = panelOf("North by hour");
          await heat.locator("figure.heatmap canvas").waitFor();
          assert.equal(await heat.locator("figure.heatmap").getAttribute("data-unit"), "$/MWh");
          assert.match(await heat.locator(".heat-scale").innerText(), /\$\/MWh/);
          await heat.locator("canvas").hover();
          assert.match(
            await heat.locator(".heat-hover").innerText(),
            /^2025-11-02 \d\d:00 CT: -?[\d,]+\.\d\d \$\/MWh$/,
          );
          const curve = panelOf("North duration").locator(".uplot");
          await curve.waitFor();
          assert.match((await curve.getAttribute("data-y0-ticks"))!, /\d/);
          await curve.locator(".u-over").hover();
          const legend = await curve.locator(".u-legend").innerText();
          assert.match(legend, /\d+\.\d %/);
          assert.match(legend, /\d\.\d\d \$\/MWh/);
          await shot(page, `numbers-heatmap-duration`);
        },
      );

      assert.deepEqual(problems, []);
    } finally {
      await stack.stop();
      await browser.close();
    }
  },
});
