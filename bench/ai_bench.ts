/**
 * Plain-English chart benchmark:
 *
 * 1. The rule parser over the dev-set phrasings (shared/ai-eval/dev.jsonl) repeated: requests
 *    per second and p50/p99 latency, warm.
 * 2. End to end: `POST /api/ai/visualizations` over HTTP on 127.0.0.1 against the real server
 *    and a scratch PostgreSQL database (`DATABASE_URL`, default
 *    postgres://postgres@127.0.0.1:5432/postgres) holding 90 days of a 15-minute series, with
 *    the real AWS SDK talking to the in-process fake Bedrock, and with the rule parser alone:
 *    p50/p99 one request at a time, and requests per second at 8 concurrent.
 *
 * Rate limiting is off for the run. Everything stays on loopback and stops by itself.
 *
 * Run: `deno run -A bench/ai_bench.ts`
 *
 * @module
 */
import { parseRequest } from "../ai/rules.ts";
import type { LlmProvider } from "../ai/bedrock.ts";
import { loadConfig } from "../config.ts";
import { writeObservations } from "../db/observations.ts";
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import { ensureSeries } from "../db/series.ts";
import { createApp } from "../routes/app.ts";
import { composeDeps, serveFetch } from "../routes/compose.ts";
import { startFakeBedrock, westHubSpec } from "../dev/fake_bedrock.ts";

const ROUNDS = 40;
const E2E_REQUESTS = 400;
const CONCURRENCY = 8;
const DAYS = 90;
const NOW = Date.parse("2026-01-01T00:00:00Z");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function figures(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(3)} ms, p99 ${
    percentile(sorted, 0.99).toFixed(3)
  } ms`;
}

async function ruleParser(): Promise<void> {
  const path = new URL("../../shared/ai-eval/dev.jsonl", import.meta.url);
  const cases = (await Deno.readTextFile(path)).split("\n").filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; now: string });
  for (const c of cases) parseRequest(c.text, { now: new Date(c.now) });
  const times: number[] = [];
  const t0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) {
      const s = performance.now();
      parseRequest(c.text, { now: new Date(c.now) });
      times.push(performance.now() - s);
    }
  }
  const rate = times.length / ((performance.now() - t0) / 1000);
  console.log(
    `rule parser: ${times.length} requests (${cases.length} phrasings x ${ROUNDS}), ` +
      `${Math.round(rate).toLocaleString("en-US")} req/s, ${figures(times)}`,
  );
}

async function seed(db: ScratchDatabase): Promise<void> {
  const ids = await ensureSeries(db.db.sql, [{
    key: "spp.rt.hb_west",
    name: "West hub real-time price",
    unit: "$/MWh",
    intervalSeconds: 900,
    feed: "np6_905",
  }]);
  const id = ids.get("spp.rt.hb_west") as number;
  const start = NOW - DAYS * 86_400_000;
  const rows = Array.from({ length: DAYS * 96 }, (_, i) => ({
    seriesId: id,
    ts: new Date(start + i * 900_000),
    value: 25 + (i % 97) * 0.37,
  }));
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

async function token(base: string): Promise<string> {
  const body = { email: "bench@example.com", password: "violet kettle under nine moons" };
  const headers = { "content-type": "application/json" };
  const opts = { method: "POST", headers, body: JSON.stringify(body) };
  await (await fetch(`${base}/api/auth/register`, opts)).body?.cancel();
  const res = await fetch(`${base}/api/auth/login`, opts);
  return (await res.json()).access_token;
}

function serveApp(db: ScratchDatabase, llm?: LlmProvider) {
  const config = loadConfig({
    RATE_LIMIT_ENABLED: "false",
    AI_DAILY_LLM_REQUESTS: "1000000",
    ACCESS_TOKEN_TTL_SECONDS: "3600",
    JWT_SECRET: "bench-secret-0123456789-abcdefghijklmnop",
  });
  const deps = composeDeps({
    config,
    sql: db.db.sql,
    database: db.db.mode,
    capabilities: db.capabilities,
    migration: db.migration,
    startedAt: new Date(),
    clock: () => new Date(NOW),
  }, { ai: { llm } });
  const app = createApp(deps);
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, serveFetch(app, deps));
}

async function measure(base: string, label: string): Promise<void> {
  const auth = `Bearer ${await token(base)}`;
  const texts = ["west hub price", "west hub price last 7 days", "daily average west hub price"];
  const post = async (i: number) => {
    const res = await fetch(`${base}/api/ai/visualizations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: auth },
      body: JSON.stringify({ request_text: texts[i % texts.length] }),
    });
    if (res.status !== 200) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 20; i++) await post(i);
  const times: number[] = [];
  for (let i = 0; i < E2E_REQUESTS; i++) {
    const s = performance.now();
    await post(i);
    times.push(performance.now() - s);
  }
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < E2E_REQUESTS) await post(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const rate = E2E_REQUESTS / ((performance.now() - t0) / 1000);
  console.log(
    `POST /api/ai/visualizations (${label}): ${E2E_REQUESTS} sequential, ${figures(times)}; ` +
      `${Math.round(rate)} req/s at ${CONCURRENCY} concurrent`,
  );
}

async function endToEnd(db: ScratchDatabase, label: string, llm?: LlmProvider): Promise<void> {
  const server = serveApp(db, llm);
  try {
    await measure(`http://127.0.0.1:${server.addr.port}`, label);
  } finally {
    await server.shutdown();
  }
}

async function main(): Promise<void> {
  await ruleParser();
  const baseUrl = loadConfig(Deno.env.toObject()).databaseUrl ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const db = await openScratchDatabase({ baseUrl });
  const fake = startFakeBedrock({ toolInput: westHubSpec({ range: { last: "P7D" } }) });
  try {
    await seed(db);
    await endToEnd(db, "fake Bedrock on loopback", fake.provider());
    await endToEnd(db, "rule parser only");
    console.log(`fake Bedrock received ${fake.requests.length} Converse calls`);
  } finally {
    await fake.close();
    await db.close();
  }
}

if (import.meta.main) await main();
