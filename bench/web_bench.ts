/**
 * Browser UI benchmark (issue: web dashboard). Prints each figure with its
 * ratio to the target (ratio ≤ 1 meets it):
 *
 * 1. JavaScript of the first load (the entry module and every module it
 *    imports statically, not the pages loaded on navigation), gzipped with
 *    CompressionStream: target ≤ 150 KB.
 * 2. One year of 5-minute data (105,120 points) drawn by uPlot in Chromium:
 *    `new uPlot(...)` until its first `draw` hook, median of 7 (after one
 *    warm-up): target ≤ 100 ms.
 * 3. Largest contentful paint of the overview on localhost (the real server
 *    with recorded data, a fresh browser context each time so nothing is
 *    cached), PerformanceObserver `largest-contentful-paint`, median of 5:
 *    target ≤ 1.5 s.
 *
 * Needs Chromium at /usr/bin/chromium. Run: `deno run -A bench/web_bench.ts`
 *
 * @module
 */
import type { Browser } from "playwright-core";
import { buildWeb, staticImports } from "../web/build.ts";
import { buildWebOnce, CHROMIUM, hasChromium, launchChromium, startStack } from "../dev/stack.ts";

const UPLOT = new URL("../node_modules/uplot/dist/uPlot.iife.min.js", import.meta.url).pathname;
const POINTS = 365 * 288;

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
const ratio = (value: number, target: number) => (value / target).toFixed(2);

async function firstLoadJs(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "web-bench-" });
  try {
    const built = await buildWeb(`${dir}/dist`);
    const assets = `${dir}/dist/assets`;
    const seen = new Set<string>();
    const queue = [built.entry];
    let raw = 0, gz = 0;
    while (queue.length) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const bytes = await Deno.readFile(`${assets}/${name}`);
      raw += bytes.length;
      gz += await gzipSize(bytes);
      queue.push(...staticImports(new TextDecoder().decode(bytes)));
    }
    let allJs = 0;
    for (const [name, size] of Object.entries(built.assets)) {
      if (name.endsWith(".js")) allJs += size;
    }
    const css = Object.keys(built.assets).find((n) => n.endsWith(".css"))!;
    const cssGz = await gzipSize(await Deno.readFile(`${assets}/${css}`));
    console.log(
      `first-load JS: ${seen.size} modules, ${kb(raw)} minified, ${kb(gz)} gzipped ` +
        `(target ≤ 150 KB, ratio ${ratio(gz, 150_000)}); all JS ${kb(allJs)} minified; ` +
        `stylesheet ${kb(cssGz)} gzipped; build ${built.ms} ms`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const DRAW = `async (n) => {
  const t = new Float64Array(n), v = new Float64Array(n);
  const t0 = Date.UTC(2025, 0, 1) / 1000;
  for (let i = 0; i < n; i++) {
    t[i] = t0 + i * 300;
    v[i] = 40 + 25 * Math.sin(i / 288 * 2 * Math.PI) + 10 * Math.sin(i / 97) + (i % 7);
  }
  const el = document.createElement("div");
  document.body.append(el);
  let drawn;
  const done = new Promise((r) => (drawn = r));
  const start = performance.now();
  const u = new uPlot({
    width: 1200, height: 400,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "America/Chicago"),
    scales: { x: { time: true } },
    series: [{}, { label: "spp.rt.hb_west", stroke: "#1d4ed8", width: 1, points: { show: false } }],
    hooks: { draw: [() => drawn(performance.now() - start)] },
  }, [t, v], el);
  const ms = await done;
  u.destroy();
  el.remove();
  return ms;
}`;

async function uplotYear(browser: Browser): Promise<void> {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><body></body>");
  await page.addScriptTag({ path: UPLOT });
  const times: number[] = [];
  for (let i = 0; i < 8; i++) {
    const ms = await page.evaluate(`(${DRAW})(${POINTS})`) as number;
    if (i > 0) times.push(ms);
  }
  await page.close();
  const m = median(times);
  console.log(
    `uPlot, ${POINTS.toLocaleString("en-US")} points: median ${m.toFixed(1)} ms, ` +
      `max ${Math.max(...times).toFixed(1)} ms over ${times.length} runs ` +
      `(target ≤ 100 ms, ratio ${ratio(m, 100)})`,
  );
}

const LCP = `new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const e = list.getEntries().at(-1);
    resolve({ ms: e.startTime, what: (e.element?.tagName ?? "") + " " + (e.element?.textContent ?? "").slice(0, 40) });
  }).observe({ type: "largest-contentful-paint", buffered: true });
})`;

async function lcp(browser: Browser, url: string): Promise<void> {
  const runs: { ms: number; what: string }[] = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "networkidle" });
    await page.locator("[data-chart=prices] canvas").first().waitFor();
    runs.push(await page.evaluate(LCP) as { ms: number; what: string });
    await context.close();
  }
  const m = median(runs.map((r) => r.ms));
  console.log(
    `largest contentful paint of /: median ${m.toFixed(0)} ms, max ${
      Math.max(...runs.map((r) => r.ms)).toFixed(0)
    } ms over ${runs.length} cold loads (target ≤ 1500 ms, ratio ${ratio(m, 1500)}); ` +
      `element: ${runs.at(-1)!.what.trim()}`,
  );
}

if (import.meta.main) {
  await firstLoadJs();
  if (!hasChromium()) {
    console.warn(`SKIPPED: browser figures: Chromium is not installed at ${CHROMIUM}`);
    Deno.exit(0);
  }
  const browser = await launchChromium();
  try {
    await uplotYear(browser);
    await buildWebOnce();
    const stack = await startStack();
    try {
      await lcp(browser, stack.url);
    } finally {
      await stack.stop();
    }
  } finally {
    await browser.close();
  }
}
