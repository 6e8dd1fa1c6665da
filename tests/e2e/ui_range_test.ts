/**
 * The dashboard-wide time range and the AI card's error and duplicate
 * states, end to end: the real server on an embedded database filled through
 * the recordings mirror, driven by Chromium. Screenshots go to
 * `tests/out/range-*.png`. Skipped loudly without Chromium, except under
 * CI=true, where it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page, Response } from "playwright-core";
import { buildWebOnce, CHROMIUM, launchChromium, startStack } from "../../dev/stack.ts";
import { formatInstant } from "../../web/lib/format.ts";
import { boardWindow } from "../../web/lib/board_range.ts";
import { browserIgnored, chromiumFor, shot, watchConsole } from "./_browser.ts";
import { fixturesDir } from "../../dev/recordings.ts";
import { pointType } from "../../domain/cross_section.ts";

const chromium = chromiumFor("browser range tests");

const DAY_MS = 86_400_000;
const PINNED = { start: "2025-10-08T05:00:00Z", end: "2025-10-09T05:00:00Z" };

/** The next dashboard data response whose query matches `query` (exactly, as a string). */
function dataResponse(page: Page, query: string): Promise<Response> {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return /\/api\/dashboards\/[0-9a-f-]+\/data$/.test(url.pathname) && url.search === query;
  });
}

type PanelWindow = { panel_id: string; start: string; end: string };

async function windows(response: Response): Promise<Map<string, PanelWindow>> {
  const body = await response.json() as { panels: PanelWindow[] };
  return new Map(body.panels.map((p) => [p.panel_id, p]));
}

/** The recorded SCED interval's LMPs (NP6-788, 2026-06-25 00:40 CT), by upper-case point. */
function recordedLmps(): Map<string, number> {
  const dir = `${fixturesDir()}/mis-np6-788-cd`;
  const file = [...Deno.readDirSync(dir)].find((f) => f.name.endsWith(".csv"))!.name;
  const [head, ...lines] = Deno.readTextFileSync(`${dir}/${file}`).trim().split("\n");
  const cols = head.split(",");
  const point = cols.indexOf("SettlementPoint"), lmp = cols.indexOf("LMP");
  return new Map(lines.map((l) => l.split(",")).map((c) => [c[point], Number(c[lmp])]));
}

const windowText = (page: Page, title: string) =>
  page.locator(`[aria-label="${title}"] .panel-window-text`).textContent();

Deno.test({
  name: "a dashboard range in the URL drives every unpinned panel; the AI card drops stale " +
    "previews and names duplicates",
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
        // A refused request (the AI card's deliberate bad request) logs a resource error; that
        // is the browser reporting the HTTP status, not a script fault.
        allow: (m) => /Failed to load resource/.test(m.text()),
      });
      let token = "";
      page.on("request", (r) => {
        const auth = r.headers().authorization;
        if (auth?.startsWith("Bearer ")) token = auth.slice(7);
      });
      let boardUrl = "";
      let followId = "", pinnedId = "";

      await t.step("sign up and make a dashboard with one free and one pinned panel", async () => {
        await page.goto(`${stack.url}/register`);
        await page.getByLabel("Email").fill(`range-${crypto.randomUUID().slice(0, 8)}@example.com`);
        await page.getByLabel("Password").fill(`pw-${crypto.randomUUID()}`);
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByRole("button", { name: "Sign out" }).waitFor();
        for (let i = 0; i < 50 && !token; i++) await new Promise((r) => setTimeout(r, 100));
        assert.ok(token, "the signed-in page sends a bearer token");
        const spec = (title: string, range: object) => ({
          version: 1,
          title,
          chart: "line",
          series: ["gen.wind"],
          range,
        });
        const res = await fetch(`${stack.url}/api/dashboards`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            title: "Range board",
            panels: [
              { spec: spec("Wind follows", { last: "P1D" }) },
              { spec: spec("Wind pinned", PINNED) },
            ],
          }),
        });
        assert.equal(res.status, 201, await res.clone().text());
        const board = await res.json() as { id: string; panels: { id: string }[] };
        [followId, pinnedId] = board.panels.map((p) => p.id);
        boardUrl = `${stack.url}/dashboards/${board.id}`;
        await page.goto(boardUrl);
        await page.locator(`[aria-label="Wind pinned"] .pin-badge`).waitFor();
        assert.equal(await page.locator(`[aria-label="Wind follows"] .pin-badge`).count(), 0);
        assert.equal(
          await page.getByRole("button", { name: "Panel ranges" }).getAttribute("aria-pressed"),
          "true",
        );
      });

      await t.step("Last 7 d: the free panel reads 7 days, the pinned one its own", async () => {
        const shared = dataResponse(page, "?last=P7D");
        const own = dataResponse(page, "");
        await page.getByRole("button", { name: "Last 7 d" }).click();
        const [sharedWindows, ownWindows] = await Promise.all(
          [shared, own].map((r) => r.then(windows)),
        );
        assert.match(page.url(), /\?range=P7D$/);
        const follow = sharedWindows.get(followId)!;
        assert.equal(Date.parse(follow.end) - Date.parse(follow.start), 7 * DAY_MS);
        assert.equal(Date.parse(ownWindows.get(pinnedId)!.start), Date.parse(PINNED.start));
        await page.getByText("Every panel shows last 7 days unless pinned.").waitFor();
        await page.locator(`[aria-label="Wind follows"] .panel-window-text`)
          .filter({ hasText: `${formatInstant(follow.start)} – ${formatInstant(follow.end)}` })
          .waitFor();
        assert.equal(
          await windowText(page, "Wind pinned"),
          "Oct 8, 2025, 00:00 CT – Oct 9, 2025, 00:00 CT",
        );
        await shot(page, `range-last7d`);
      });

      await t.step("a reload keeps the range from the URL", async () => {
        const shared = dataResponse(page, "?last=P7D");
        await page.reload();
        await shared;
        assert.equal(
          await page.getByRole("button", { name: "Last 7 d" }).getAttribute("aria-pressed"),
          "true",
        );
      });

      await t.step("an absolute range typed in the inputs applies to the free panel", async () => {
        const shared = dataResponse(
          page,
          "?start=2025-10-07T05%3A00%3A00.000Z&end=2025-10-09T05%3A00%3A00.000Z",
        );
        await page.getByLabel("From (Central)").first().fill("2025-10-07");
        await page.getByLabel("To (Central)").first().fill("2025-10-08");
        await page.getByRole("button", { name: "Apply" }).click();
        await shared;
        assert.match(page.url(), /\?from=2025-10-07&to=2025-10-08$/);
        await page.locator(`[aria-label="Wind follows"] .panel-window-text`)
          .filter({ hasText: "Oct 7, 2025, 00:00 CT – Oct 9, 2025, 00:00 CT" }).waitFor();
        await page.locator(`[aria-label="Wind follows"] canvas`).first().waitFor();
      });

      await t.step("an invalid range in the URL says so and shows panel ranges", async () => {
        await page.goto(`${boardUrl}?from=2025-10-09&to=2025-10-01`);
        const alert = page.getByRole("alert").filter({ hasText: "range in this page's address" });
        await alert.waitFor();
        assert.match(await alert.textContent() ?? "", /From 2025-10-09 is after to 2025-10-01/);
        assert.equal(
          await page.getByRole("button", { name: "Panel ranges" }).getAttribute("aria-pressed"),
          "true",
        );
        await page.goto(`${boardUrl}?range=soon`);
        await page.getByRole("alert").filter({ hasText: 'Range "soon" is not one of' }).waitFor();
        await shot(page, `range-invalid`);
      });

      await t.step("unpinning a panel makes it follow the dashboard range", async () => {
        await page.goto(`${boardUrl}?range=P7D`);
        await page.locator(`[aria-label="Wind follows"] .panel-window-text`).waitFor();
        // Only the shared request now: no panel is pinned any more.
        const shared = dataResponse(page, "?last=P7D");
        await page.getByRole("button", { name: "Unpin Wind pinned: follow the dashboard range" })
          .click();
        const after = await windows(await shared);
        await page.getByRole("button", { name: "Pin Wind pinned to the window it shows" })
          .waitFor();
        assert.equal(await page.locator(".pin-badge").count(), 0);
        const pinned = after.get(pinnedId)!;
        assert.equal(Date.parse(pinned.end) - Date.parse(pinned.start), 7 * DAY_MS);
        await page.locator(`[aria-label="Wind pinned"] .panel-window-text`)
          .filter({ hasText: `${formatInstant(pinned.start)} – ${formatInstant(pinned.end)}` })
          .waitFor();
      });

      await t.step("a failed AI request clears the previous preview and its Add", async () => {
        const ask = async (text: string) => {
          await page.getByLabel("Describe the chart in plain English").fill(text);
          await page.getByRole("button", { name: "Preview" }).click();
        };
        await ask("hourly wind and solar generation October 8 2025");
        await page.locator(".ai-preview canvas").first().waitFor();
        await ask("zzqx blorp");
        await page.locator(".ai-card .error").waitFor();
        assert.equal(await page.locator(".ai-preview").count(), 0);
        assert.equal(await page.getByRole("button", { name: "Add to dashboard" }).count(), 0);
        await shot(page, `range-ai-error`);
      });

      await t.step("adding the same chart twice says it is already there", async () => {
        const addOnce = async () => {
          await page.getByLabel("Describe the chart in plain English")
            .fill("hourly wind and solar generation October 8 2025");
          await page.getByRole("button", { name: "Preview" }).click();
          await page.getByRole("button", { name: "Add to dashboard" }).click();
          await page.locator(".ai-card [role=status]").filter({ hasText: /\S/ }).waitFor();
          return await page.locator(".ai-card [role=status]").textContent() ?? "";
        };
        assert.match(await addOnce(), /^Added /);
        assert.match(await addOnce(), /already on this dashboard; nothing was added/);
        assert.equal(await page.locator("[data-panel]").count(), 3);
      });

      await t.step("a panel added by hand takes Central from/to dates and is pinned", async () => {
        await page.getByLabel("Add a series").fill("gen.solar");
        await page.getByLabel("Add a series").press("Enter");
        await page.locator("select:has(option[value=dates])").selectOption("dates");
        await page.locator("input[name=panel-from]").fill("2025-10-09");
        await page.locator("input[name=panel-to]").fill("2025-10-08");
        await page.getByLabel("Title", { exact: true }).fill("Solar Oct 8");
        await page.getByRole("button", { name: "Add panel" }).click();
        await page.getByRole("alert").filter({ hasText: "From 2025-10-09 is after To 2025-10-08" })
          .waitFor();
        await page.locator("input[name=panel-from]").fill("2025-10-08");
        await page.getByRole("button", { name: "Add panel" }).click();
        const panel = page.locator(`[aria-label="Solar Oct 8"]`);
        await panel.locator(".pin-badge").waitFor();
        assert.equal(
          await windowText(page, "Solar Oct 8"),
          "Oct 8, 2025, 00:00 CT – Oct 9, 2025, 00:00 CT",
        );
      });

      await t.step("a panel added by hand may draw an expression, named by its label", async () => {
        await page.locator("input[name=panel-expr]").fill("gen.solar / 1000");
        await page.getByRole("button", { name: "Add panel" }).click();
        await page.getByRole("alert").filter({ hasText: "Give the expression a label" }).waitFor();
        await page.locator("input[name=panel-expr-label]").fill("Solar GW");
        await page.getByLabel("Title", { exact: true }).fill("Solar in GW");
        await page.getByRole("button", { name: "Add panel" }).click();
        const legend = page.locator(`[aria-label="Solar in GW"] .u-legend .u-series`);
        await legend.filter({ hasText: "Solar GW" }).waitFor();
      });

      await t.step(
        "a panel added by hand may be a cross-section table, sorted by a click",
        async () => {
          const lmps = recordedLmps();
          const hubs = [...lmps].filter(([p]) => pointType(p) === "hub").sort((a, b) =>
            b[1] - a[1]
          );
          await page.locator("select[name=panel-kind]").selectOption("top");
          await page.locator("select[name=panel-family]").selectOption("lmp.rt");
          await page.locator("select[name=panel-point-type]").selectOption("hub");
          await page.locator("input[name=panel-top-n]").fill("0");
          await page.locator("select:has(option[value=dates])").selectOption("dates");
          await page.locator("input[name=panel-from]").fill("2026-06-25");
          await page.locator("input[name=panel-to]").fill("2026-06-25");
          await page.getByLabel("Title", { exact: true }).fill("");
          await page.getByRole("button", { name: "Add panel" }).click();
          await page.getByRole("alert").filter({ hasText: "give a whole number from 1 to 100" })
            .waitFor();
          await page.locator("input[name=panel-top-n]").fill("3");
          await page.getByRole("button", { name: "Add panel" }).click();
          const ranked = page.locator(
            `[aria-label="Highest 3 hubs by average: Real-time LMPs (SCED)"]`,
          );
          const points = ranked.locator("tbody tr td:nth-child(2)");
          await points.nth(2).waitFor();
          // The recordings hold one SCED interval: each hub's average is its one LMP.
          assert.deepEqual(await points.allTextContents(), hubs.slice(0, 3).map(([p]) => p));
          assert.match(
            await ranked.locator("tbody tr").first().textContent() ?? "",
            /\$28\.20|28\.20/,
          );
          await ranked.getByRole("button", { name: /^Average/ }).click();
          await ranked.getByRole("button", { name: /^Average/ }).click();
          assert.equal(
            await ranked.locator("th[aria-sort=ascending]").textContent(),
            "Average ($/MWh)",
          );
          assert.deepEqual(
            await points.allTextContents(),
            hubs.slice(0, 3).map(([p]) => p).reverse(),
          );
          await page.locator("select[name=panel-kind]").selectOption("at");
          await page.locator("select[name=panel-point-type]").selectOption("zone");
          await page.getByRole("button", { name: "Add panel" }).click();
          const zones = page.locator(
            `[aria-label="Real-time LMPs (SCED): every load zone or DC tie"]`,
          );
          const zoneRows = zones.locator("tbody tr");
          await zoneRows.first().waitFor();
          // Load zones and DC ties, as the catalog types them (domain/cross_section.ts).
          const recorded = [...lmps.keys()].filter((p) => pointType(p) === "zone").sort();
          assert.deepEqual(
            await zones.locator("tbody tr td:nth-child(1)").allTextContents(),
            recorded,
          );
          await shot(page, "range-cross-section");
        },
      );

      await t.step("a built-in dashboard follows the range too, and fits a phone", async () => {
        await page.goto(`${stack.url}/dashboards/builtin/ercot-overview?range=yesterday`);
        const texts = page.locator("[data-panel] .panel-window-text");
        await texts.first().waitFor();
        const w = boardWindow({ kind: "yesterday" }, Date.now());
        const want = `${formatInstant(w.start)} – ${formatInstant(w.end)}`;
        assert.ok((await texts.allTextContents()).every((text) => text === want));
        assert.equal(
          await page.getByRole("button", { name: "Yesterday" }).getAttribute("aria-pressed"),
          "true",
        );
        await page.setViewportSize({ width: 390, height: 844 });
        await shot(page, `range-builtin-390`);
        // The range controls wrap within the screen (the header's own overflow is #18 item 9).
        const box = await page.locator(".board-range").boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
      });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await stack.stop();
    }
  },
});
