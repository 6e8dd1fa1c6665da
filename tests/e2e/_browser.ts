/**
 * What every browser test shares: where screenshots go, whether Chromium is
 * here (a test without it is skipped loudly, except under CI=true, where it
 * fails), the console watch and the screenshot helper.
 *
 * @module
 */
import type { ConsoleMessage, Page } from "playwright-core";
import { CHROMIUM, hasChromium } from "../../dev/stack.ts";
import { testDatabaseMode } from "../_db.ts";

/** Where the browser tests write their screenshots. */
export const OUT = new URL("../out/", import.meta.url).pathname;

const ci = Deno.env.get("CI") === "true";

/**
 * Whether Chromium is installed; warns, naming `suite`, when it is not and
 * the run is not CI (under CI the test runs and fails on its absence).
 */
export function chromiumFor(suite: string): boolean {
  const found = hasChromium();
  if (!found && !ci) console.warn(`SKIPPED: ${suite}: Chromium is not installed at ${CHROMIUM}`);
  return found;
}

/** Whether a browser test is left out: only the embedded run drives a browser. */
export function browserIgnored(chromium: boolean): boolean {
  return testDatabaseMode() !== "embedded" || (!chromium && !ci);
}

/**
 * Collects every uncaught page error and console error of `page` into
 * `problems` (a new list unless given); `allow` lets a message the test
 * expects through.
 */
export function watchConsole(
  page: Page,
  opts: { allow?: (m: ConsoleMessage) => boolean; into?: string[] } = {},
): string[] {
  const problems = opts.into ?? [];
  page.on("pageerror", (e) => problems.push(`${page.url()}: page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !opts.allow?.(m)) {
      problems.push(`${page.url()}: console: ${m.text()} at ${m.location().url}`);
    }
  });
  return problems;
}

/** A full-page screenshot at `tests/out/<name>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(OUT, { recursive: true });
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
}
