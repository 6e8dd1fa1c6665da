/**
 * Soak test: measures capacity with `wrk` (see `bench/load.ts`), then sends
 * the data-API targets in turn at half that rate for `--minutes` (10),
 * sampling the server's RSS every 10 s. Targets: zero errors and RSS growth
 * ≤ 10 % from the first sample after a 30 s warm-up to the last.
 *
 * Run: `deno run -A bench/soak.ts [--minutes 10]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startBenchServer, TARGETS } from "./_server.ts";
import { measureCapacity } from "./load.ts";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, rate: { type: "string" } },
});
const minutes = Number(values.minutes);
if (!(minutes > 0)) throw new TypeError(`--minutes must be positive, got "${values.minutes}"`);

const server = await startBenchServer();
try {
  const capacity = values.rate
    ? Number(values.rate) * 2
    : await measureCapacity(server.url, { seconds: 5, connections: 32 });
  const rate = Math.max(1, Math.floor(capacity / 2));
  console.log(`soak: ${minutes} min at ${rate} req/s (half of ${capacity.toFixed(0)})`);
  const MB = 1024 * 1024;
  const samples: { at: number; rss: number }[] = [];
  const started = Date.now();
  const end = started + minutes * 60_000;
  let sent = 0, errors = 0, inFlight = 0, slowest = 0;
  const firstErrors: string[] = [];
  const sampler = setInterval(async () => {
    const rss = await server.rss();
    samples.push({ at: Date.now() - started, rss });
    console.log(
      `${((Date.now() - started) / 1000).toFixed(0)} s: ${sent} sent, ${errors} errors, ` +
        `RSS ${(rss / MB).toFixed(1)} MB`,
    );
  }, 10_000);
  // Ticks of 10 ms, each sending the requests due by then (open loop, capped in flight).
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (sent < due && inFlight < 512) {
      const path = TARGETS[sent++ % TARGETS.length];
      inFlight++;
      const t0 = performance.now();
      fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) })
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.status >= 400) throw new Error(`${path}: HTTP ${res.status}`);
        })
        .catch((err) => {
          errors++;
          if (firstErrors.length < 5) firstErrors.push(String(err));
        })
        .finally(() => {
          inFlight--;
          slowest = Math.max(slowest, performance.now() - t0);
        });
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
  clearInterval(sampler);
  samples.push({ at: Date.now() - started, rss: await server.rss() });
  const warm = samples.find((s) => s.at >= Math.min(30_000, (minutes * 60_000) / 4)) ?? samples[0];
  const last = samples.at(-1)!;
  const growth = (last.rss - warm.rss) / warm.rss * 100;
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `soak done: ${sent} requests in ${seconds.toFixed(0)} s (${
      (sent / seconds).toFixed(0)
    } req/s), ` +
      `${errors} errors, slowest ${slowest.toFixed(0)} ms; RSS ${(warm.rss / MB).toFixed(1)} → ` +
      `${(last.rss / MB).toFixed(1)} MB (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} %)`,
  );
  for (const e of firstErrors) console.log(`  error: ${e}`);
  console.log(
    errors === 0 && growth <= 10 ? "PASS: zero errors, RSS growth ≤ 10 %" : "FAIL: targets missed",
  );
} finally {
  await server.stop();
}
