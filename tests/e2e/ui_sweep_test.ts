/**
 * Every page as a new user meets it, signed out and signed in, at a desktop
 * width (1440 px) and on phones (390 and 360 px): nothing wider than the
 * screen, no console errors, every chart legend showing all of its series.
 * Also: the overview's API calls per load, and Explore's inline messages and
 * search. Screenshots go to `tests/out/sweep-*.png`. Without Chromium the
 * test is skipped loudly, except under CI=true, where it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { buildWebOnce, CHROMIUM, launchChromium, startStack } from "../../dev/stack.ts";
import { browserIgnored, chromiumFor, shot, watchConsole } from "./_browser.ts";

// What the functions below that run in the page (page.evaluate) use of the browser's globals.
interface Element {
  tagName: string;
  className: string;
  textContent: string | null;
  parentElement: Element | null;
  getBoundingClientRect(): {
    top: number;
    bottom: number;
    left: number;
    right: number;
    width: number;
    height: number;
  };
  closest(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
}
declare const document: {
  documentElement: { scrollWidth: number };
  body: Element;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
};
declare const innerWidth: number;
declare function getComputedStyle(e: Element): { overflowX: string; overflowY: string };
const chromium = chromiumFor("browser sweep");

/** Desktop and phone widths; screenshots at the first two, overflow checked at all. */
const WIDTHS = [1440, 390, 360];

/** Waits until nothing on the page says it is loading and every chart has drawn. */
async function settled(page: Page): Promise<void> {
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(() =>
    !document.querySelector('[aria-busy="true"]') &&
    !/^Loading/.test(document.querySelector("main")?.textContent?.trim() ?? "")
  );
  await page.waitForTimeout(300);
}

/** What overflows: the page's scroll width against the screen, and the widest offenders. */
function overflow(page: Page): Promise<{ scroll: number; inner: number; wide: string[] }> {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: innerWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((e: Element) => e.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 5)
      .map((e: Element) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
}

/**
 * Legend entries hidden from view: per chart, the rows a clipping ancestor (the panel's edge or
 * an inner scroll box) cuts off, and charts whose legend lists fewer series than it draws.
 */
function hiddenLegendEntries(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const plot of document.querySelectorAll(".uplot")) {
      const chart = plot.closest("[data-chart], [data-panel], article, section")?.textContent
        ?.trim().slice(0, 40);
      const rows: Element[] = [...plot.querySelectorAll(".u-legend .u-series")];
      if (rows.length < 2) problems.push(chart + ": the legend lists no series");
      for (const row of rows) {
        const r = row.getBoundingClientRect();
        const name = JSON.stringify(row.textContent?.trim());
        if (r.width === 0 || r.height === 0) {
          problems.push(chart + ": " + name + " is not shown");
          continue;
        }
        for (let a = row.parentElement; a && a !== document.body; a = a.parentElement) {
          const style = getComputedStyle(a);
          if (style.overflowX === "visible" && style.overflowY === "visible") continue;
          const box = a.getBoundingClientRect();
          const cut = r.top < box.top - 1 || r.bottom > box.bottom + 1 ||
            r.left < box.left - 1 || r.right > box.right + 1;
          if (cut) {
            problems.push(chart + ": " + name + " is cut off by ." + a.className);
            break;
          }
        }
      }
    }
    return problems;
  });
}

/** Visits `path` and checks it at every width; returns what failed. */
async function sweep(page: Page, url: string, name: string): Promise<string[]> {
  const failures: string[] = [];
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  await page.goto(url);
  await settled(page);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width > 400 ? 900 : 800 });
    await page.waitForTimeout(150);
    const o = await overflow(page);
    if (o.scroll > o.inner) {
      failures.push(`${name} at ${width} px is ${o.scroll} px wide: ${o.wide.join(", ")}`);
    }
    for (const p of await hiddenLegendEntries(page)) failures.push(`${name} at ${width} px: ${p}`);
    if (width !== 360) {
      await shot(page, `sweep-${name}-${width}`);
    }
  }
  return failures;
}

Deno.test({
  name: "every page fits 1440, 390 and 360 px screens signed in and out, with no console " +
    "errors and whole legends; the overview loads in 3 API calls; Explore explains bad input",
  ignore: browserIgnored(chromium),
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    assert.ok(chromium, `Chromium is missing at ${CHROMIUM} under CI; .ci/run installs it`);
    await buildWebOnce();
    const stack = await startStack();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = watchConsole(page);
      const builtins = (await (await fetch(`${stack.url}/api/builtin-dashboards`)).json())
        .dashboards.map((d: { uid: string }) => d.uid) as string[];
      const pages: [string, string][] = [
        ["/", "overview"],
        ["/explore?series=spp.rt.hb_north,gen.wind&last=P90D", "explore"],
        ["/dashboards", "dashboards"],
        ...builtins.map((uid): [string, string] => [`/dashboards/builtin/${uid}`, uid]),
        ["/alerts", "alerts"],
        ["/keys", "keys"],
        ["/signin", "signin"],
      ];

      await t.step("the overview loads with at most 3 API requests", async () => {
        const calls: string[] = [];
        const count = (r: { url(): string; resourceType(): string }) => {
          const url = new URL(r.url());
          // The live feed is one long-lived EventSource, not a load: the issue counts fetches.
          if (url.pathname.startsWith("/api/") && r.resourceType() !== "eventsource") {
            calls.push(url.pathname);
          }
        };
        page.on("request", count);
        await page.goto(`${stack.url}/`);
        await page.locator("[data-chart=fuel] canvas").first().waitFor();
        await page.waitForTimeout(500);
        page.off("request", count);
        assert.ok(calls.length <= 3, `${calls.length} API requests: ${calls.join(", ")}`);
        assert.equal(calls.filter((c) => c === "/api/v1/observations").length, 1);
        const legend = page.locator("[data-chart=fuel] .u-legend .u-series");
        assert.equal(await legend.count(), 9, "the fuel chart's legend lists 8 fuels and time");
      });

      await t.step(
        "Explore says why a range cannot be applied and when no series match",
        async () => {
          await page.goto(`${stack.url}/explore?series=gen.wind&start=2025-10-09&end=2025-10-08`);
          await page.getByText("The link's range was invalid").waitFor();
          assert.match(
            await page.locator(".range-notice").textContent() ?? "",
            /^The link's range was invalid \(start "2025-10-09" is not before end "2025-10-08"\); showing the last 24 h$/,
          );
          await page.getByLabel("From (your time)").fill("2025-10-09T12:00");
          await page.getByLabel("To (your time)").fill("2025-10-08T12:00");
          await page.getByText("From is later than To").waitFor();
          assert.ok(await page.getByRole("button", { name: "Apply" }).isDisabled());
          await page.getByLabel("To (your time)").fill("2025-10-10T12:00");
          await page.getByRole("button", { name: "Apply" }).click();
          await page.waitForURL(/start=2025-10-09/);
          assert.equal(await page.getByText("From is later than To").count(), 0);
          assert.equal(await page.locator(".range-notice").count(), 0);

          const search = page.getByLabel("Add a series");
          await search.fill("west price");
          const options = page.getByRole("listbox", { name: "Matching series" })
            .getByRole("option");
          await options.first().waitFor();
          const found = await options.allTextContents();
          assert.ok(
            found.some((o) => /West hub/.test(o)),
            `west price found: ${found.join(" | ")}`,
          );
          assert.ok(found.every((o) => /west/i.test(o) && /\$\/MWh/.test(o)), found.join(" | "));
          await search.fill("north dam");
          await options.first().waitFor();
          assert.match((await options.allTextContents()).join(" | "), /North hub day-ahead price/);
          await search.fill("west banana");
          await page.getByText('No series match "west banana"').waitFor();
          assert.equal(await options.count(), 0);
          await shot(page, "sweep-explore-messages");
        },
      );

      await t.step(
        "Explore draws an expression by its label and names a bad token beside it",
        async () => {
          // Its own page: the refused read logs the browser's 400 line, which the sweep would count.
          const own = await browser.newPage({ viewport: { width: 1440, height: 900 } });
          const refused = (m: { text(): string; location(): { url: string } }) =>
            /status of 400/.test(m.text()) && m.location().url.includes("/api/v1/observations");
          const problems = watchConsole(own, { allow: refused });
          try {
            await own.goto(`${stack.url}/explore?series=gen.wind&start=2025-10-08&end=2025-10-09`);
            await own.getByRole("textbox", { name: "Expression", exact: true }).fill(
              "gen.wind / 1000",
            );
            await own.getByRole("textbox", { name: "Label", exact: true }).fill("Wind GW");
            await own.getByRole("button", { name: "Draw", exact: true }).click();
            await own.waitForURL(/expr=gen\.wind%20%2F%201000&label=Wind%20GW/);
            const legend = own.locator(".explore-chart .u-legend .u-series");
            await legend.filter({ hasText: "Wind GW" }).waitFor();
            await own.getByRole("textbox", { name: "Expression", exact: true }).fill(
              "gen.wind - spp.rt.hb_nowhere",
            );
            await own.getByRole("button", { name: "Draw", exact: true }).click();
            const note = own.locator('.field-error[data-field="expr"]');
            await note.waitFor();
            assert.match(
              await note.textContent() ?? "",
              /Unknown series "spp\.rt\.hb_nowhere" at 12/,
            );
            assert.equal(
              await own.getByRole("textbox", { name: "Expression", exact: true }).getAttribute(
                "aria-invalid",
              ),
              "true",
            );
            assert.equal(await legend.filter({ hasText: "Wind GW" }).count(), 0);
            assert.ok(await legend.count() > 0, "the series stay drawn beside a bad expression");
            assert.deepEqual(problems, []);
          } finally {
            await own.close();
          }
        },
      );

      await t.step("signed out, every page fits every width with whole legends", async () => {
        const failures = [];
        for (const [path, name] of pages) {
          failures.push(...await sweep(page, stack.url + path, `out-${name}`));
        }
        assert.deepEqual(failures, []);
      });

      await t.step("signed in, every page fits every width with whole legends", async () => {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto(`${stack.url}/register`);
        await page.getByLabel("Email").fill(`sweep-${crypto.randomUUID().slice(0, 8)}@example.com`);
        await page.getByLabel("Password").fill(`pw-${crypto.randomUUID()}`);
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByRole("button", { name: "Sign out" }).waitFor();
        await page.goto(`${stack.url}/dashboards`);
        await page.getByLabel("New dashboard title").fill("Sweep");
        await page.getByRole("button", { name: "Create dashboard" }).click();
        await page.waitForURL(/\/dashboards\/[0-9a-f-]{36}$/);
        const mine = new URL(page.url()).pathname;
        // A panel of all eight fuels, on a day the recordings cover: the legend a panel cut short.
        await page.getByLabel("Describe the chart in plain English")
          .fill("generation by fuel October 8 2025");
        await page.getByRole("button", { name: "Preview" }).click();
        await page.locator(".ai-preview canvas").first().waitFor();
        await page.getByRole("button", { name: "Add to dashboard" }).click();
        await page.locator("[data-panel] canvas").first().waitFor();
        const fuels = page.locator("[data-panel] .u-legend .u-series");
        assert.equal(await fuels.count(), 9, "the panel's legend lists 8 fuels and time");
        const failures = [];
        for (const [path, name] of [...pages, [mine, "dashboard"]]) {
          failures.push(...await sweep(page, stack.url + path, `in-${name}`));
        }
        assert.deepEqual(failures, []);
        const header = await page.getByRole("button", { name: "Sign out" }).boundingBox();
        assert.ok(header && header.x + header.width <= 360, "Sign out is not clipped at 360 px");
      });

      await t.step("no page logged a console error", () => {
        assert.deepEqual(errors, []);
      });
    } finally {
      await browser.close();
      await stack.stop();
    }
  },
});
