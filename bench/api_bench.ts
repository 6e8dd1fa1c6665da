/**
 * Data API benchmark (issue: data API and live feed). Starts the real server
 * in-process on a loopback port against PostgreSQL (`DATABASE_URL`, default
 * postgres://postgres@127.0.0.1:5432/postgres, in a scratch database) with
 * generated data, and measures with `wrk` (`apt-get install -y wrk`):
 *
 * 1. A cached observations response of 2,000 points: target ≥ 20,000 req/s, p99 ≤ 5 ms.
 * 2. An uncached one-week 15-minute query (cache disabled): target ≥ 1,500 req/s, p99 ≤ 50 ms.
 * 3. 10,000 concurrent SSE subscribers on this one process, opened over raw TCP by
 *    a subprocess (`bench/sse_clients.c` when a C compiler is present, else
 *    `bench/_sse_clients.ts`): delivery p99 ≤ 250 ms, RSS ≤ 1 GB.
 *
 * Rate limiting is off for the run (it would measure the limiter's database
 * round trip, not the data path). Everything stays on 127.0.0.1 and stops by itself.
 *
 * Run: `deno run -A bench/api_bench.ts`
 *
 * @module
 */
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import { ensureSeries } from "../db/series.ts";
import { writeObservations } from "../db/observations.ts";
import { createEventBus, type EventBus } from "../bus/events.ts";
import { createApp } from "../routes/app.ts";
import { composeDeps, serveFetch } from "../routes/compose.ts";
import { createResponseCache } from "../http/cache.ts";
import { createMetrics } from "../metrics.ts";
import { loadConfig } from "../config.ts";

const DAYS = 90;
const SERIES = 20;
const START = Date.parse("2025-09-01T05:00:00Z");
const SUBSCRIBERS = 10_000;
const EVENTS = 20;

export async function seed(db: ScratchDatabase): Promise<void> {
  const defs = Array.from({ length: SERIES }, (_, i) => ({
    key: i === 0 ? "spp.rt.hb_west" : `spp.rt.bench_${i}`,
    name: `Bench ${i}`,
    unit: "$/MWh",
    intervalSeconds: 900,
    feed: "np6_905",
  }));
  const ids = [...(await ensureSeries(db.db.sql, defs)).values()];
  const rows = ids.flatMap((id) =>
    Array.from({ length: DAYS * 96 }, (_, i) => ({
      seriesId: id,
      ts: new Date(START + i * 900_000),
      value: 25 + (i % 97) * 0.37 + id,
    }))
  );
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

export function serve(db: ScratchDatabase, bus: EventBus, cached: boolean) {
  const env = {
    RATE_LIMIT_ENABLED: "false",
    JWT_SECRET: "bench-secret-0123456789-abcdefghijklmnop",
  };
  const deps = composeDeps({
    config: loadConfig(env),
    sql: db.db.sql,
    database: db.db.mode,
    capabilities: db.capabilities,
    migration: db.migration,
    startedAt: new Date(),
    clock: () => new Date(),
  }, { bus, cache: createResponseCache({ enabled: cached }), metrics: createMetrics() });
  const app = createApp(deps);
  const fetch = serveFetch(app, deps);
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, fetch);
}

interface WrkResult {
  rps: number;
  p99: number;
  p50: number;
  errors: string;
}

function ms(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1);
}

async function wrk(url: string, seconds: number, connections: number): Promise<WrkResult> {
  const out = await new Deno.Command("wrk", {
    args: ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", url],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`wrk failed: ${new TextDecoder().decode(out.stderr)}`);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1]),
    p50: ms(/\s50%\s+(\S+)/.exec(text)?.[1] ?? ""),
    p99: ms(/\s99%\s+(\S+)/.exec(text)?.[1] ?? ""),
    errors: /Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? "0",
  };
}

const ROUNDS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The median round by req/s, so one noisy round does not decide. */
function medianRound(rounds: WrkResult[]): WrkResult {
  const rps = median(rounds.map((r) => r.rps));
  return rounds.find((r) => r.rps === rps)!;
}

/**
 * A bare `Deno.serve` answering the same text with the same headers: the
 * runtime's ceiling on this machine at that moment, measured between our rounds.
 */
function bareServer(body: string, headers: [string, string][]) {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(body, { headers }),
  );
}

async function cachedFigures(db: ScratchDatabase, bus: EventBus, connections: number) {
  const server = serve(db, bus, true);
  const url = `http://127.0.0.1:${server.addr.port}/api/v1/observations?` +
    `series=spp.rt.hb_west&start=2025-09-01T05:00:00Z&end=2025-09-21T21:00:00Z&resolution=raw&max_points=2000`;
  const warm = await (await fetch(url)).json();
  await new Promise((r) => setTimeout(r, 200));
  const again = await fetch(url);
  const body = await again.text();
  const headers = [...again.headers].filter(([name]) =>
    name !== "date" && name !== "content-length"
  );
  const bare = bareServer(body, headers);
  const ours: WrkResult[] = [];
  const ceiling: WrkResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(await wrk(url, 10, connections));
    ceiling.push(await wrk(`http://127.0.0.1:${bare.addr.port}/`, 10, connections));
  }
  await server.shutdown();
  await bare.shutdown();
  return {
    points: warm.series[0].t.length as number,
    bytes: new TextEncoder().encode(body).byteLength,
    cached: medianRound(ours),
    bare: medianRound(ceiling),
    all: ours.map((r) => Math.round(r.rps)),
    allBare: ceiling.map((r) => Math.round(r.rps)),
  };
}

async function uncachedFigures(db: ScratchDatabase, bus: EventBus) {
  const server = serve(db, bus, false);
  const url = `http://127.0.0.1:${server.addr.port}/api/v1/observations?` +
    `series=spp.rt.hb_west&start=2025-10-06T05:00:00Z&end=2025-10-13T05:00:00Z&resolution=15m`;
  await (await fetch(url)).arrayBuffer();
  const rounds: WrkResult[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await wrk(url, 10, 16));
  await server.shutdown();
  return { uncached: medianRound(rounds), all: rounds.map((r) => Math.round(r.rps)) };
}

/**
 * The subscribers' process: `bench/sse_clients.c` built with the system C
 * compiler (one epoll loop, so the subscribers take little of the two cores
 * the server also needs), else `bench/_sse_clients.ts` under Deno.
 */
async function sseClient(): Promise<
  { name: string; command: string; args: string[]; binary?: string }
> {
  const binary = await Deno.makeTempFile({ prefix: "sse_clients_" });
  const source = new URL("./sse_clients.c", import.meta.url).pathname;
  try {
    const cc = await new Deno.Command("cc", { args: ["-O2", "-o", binary, source] }).output();
    if (cc.success) return { name: "C epoll client", command: binary, args: [], binary };
  } catch {
    // No C compiler: the Deno client below.
  }
  await Deno.remove(binary);
  const script = new URL("./_sse_clients.ts", import.meta.url).pathname;
  return { name: "Deno client", command: Deno.execPath(), args: ["run", "-A", script] };
}

/** User + system CPU seconds of a process so far (Linux `/proc`; NaN elsewhere). */
function cpuSeconds(pid: number | "self"): number {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

interface SseRun {
  connected: number;
  failed: number;
  deliveries: number;
  expected: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  rssMb: number;
  serverMsPerEvent: number;
  clientMsPerEvent: number;
}

/** Subscribes the client process to `port`, publishes the events, and reads its report. */
async function sseRun(
  port: number,
  client: { command: string; args: string[] },
  publish: (i: number) => Promise<void>,
): Promise<SseRun> {
  const child = new Deno.Command(client.command, {
    args: [...client.args, String(port), String(SUBSCRIBERS), String(EVENTS)],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const first = JSON.parse((await lines.read()).value!.trim());
  let rss = Deno.memoryUsage().rss;
  const cpu0 = [cpuSeconds("self"), cpuSeconds(child.pid)];
  for (let i = 0; i < EVENTS; i++) {
    await publish(i);
    await new Promise((r) => setTimeout(r, 250));
    rss = Math.max(rss, Deno.memoryUsage().rss);
  }
  const cpu1 = [cpuSeconds("self"), cpuSeconds(child.pid)];
  let rest = "";
  for (let chunk = await lines.read(); !chunk.done; chunk = await lines.read()) rest += chunk.value;
  await child.status;
  return {
    ...first,
    ...JSON.parse(rest.trim().split("\n").pop()!),
    rssMb: rss / 2 ** 20,
    serverMsPerEvent: (cpu1[0] - cpu0[0]) * 1000 / EVENTS,
    clientMsPerEvent: (cpu1[1] - cpu0[1]) * 1000 / EVENTS,
  };
}

/**
 * A bare `Deno.serve` SSE fan-out: one ReadableStream per subscriber and one
 * enqueue of the same bytes into each; the runtime's floor for the same load.
 */
function bareSseServer() {
  const encoder = new TextEncoder();
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
    let mine!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        mine = controller;
        streams.add(controller);
        controller.enqueue(encoder.encode("retry: 3000\n\n"));
      },
      cancel: () => void streams.delete(mine),
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  });
  const publish = (i: number) => {
    const payload = JSON.stringify({ rule: i, sent_at: Date.now() });
    const bytes = encoder.encode(`id: ${i}\nevent: alert\ndata: ${payload}\n\n`);
    for (const controller of streams) controller.enqueue(bytes);
    return Promise.resolve();
  };
  const close = async () => {
    for (const controller of streams) controller.close();
    await server.shutdown();
  };
  return { port: server.addr.port, publish, close };
}

async function sseFigures(db: ScratchDatabase, bus: EventBus) {
  const client = await sseClient();
  const server = serve(db, bus, true);
  const ours = await sseRun(server.addr.port, client, async (i) => {
    await bus.publish("alert", { rule: i, sent_at: Date.now() });
  });
  await server.shutdown();
  const bare = bareSseServer();
  const reference = await sseRun(bare.port, client, bare.publish);
  await bare.close();
  if (client.binary) await Deno.remove(client.binary);
  return { ...ours, client: client.name, bare: reference };
}

function line(name: string, value: number, unit: string, target: string, ratio: number) {
  const r = Number.isFinite(ratio) ? ratio.toFixed(2) : "n/a";
  console.log(
    `${name.padEnd(46)} ${value.toFixed(2).padStart(10)} ${unit.padEnd(6)} target ${
      target.padEnd(10)
    } ratio ${r}`,
  );
}

if (import.meta.main) {
  // `--only=cached,uncached,sse` runs a subset while working on one figure.
  const only = new Set(
    (Deno.args.find((a) => a.startsWith("--only="))?.slice(7) ?? "cached,uncached,sse").split(","),
  );
  const baseUrl = loadConfig(Deno.env.toObject()).databaseUrl ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const db = await openScratchDatabase({ baseUrl });
  try {
    await seed(db);
    // Freshly loaded tables: set hint bits and statistics as autovacuum soon would.
    await db.db.sql`vacuum analyze`;
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    console.log(
      `api_bench on PostgreSQL, ${SERIES} series × ${DAYS} days of 15-minute data; ` +
        `median of ${ROUNDS} rounds of 10 s`,
    );
    // Two operating points: 8 connections (below saturation) and 32 (saturated).
    for (const connections of only.has("cached") ? [8, 32] : []) {
      const c = await cachedFigures(db, bus, connections);
      line(
        `cached observations (${c.points} points), ${connections} conn.`,
        c.cached.rps,
        "req/s",
        "≥ 20000",
        c.cached.rps / 20000,
      );
      line(
        `cached observations p99, ${connections} conn.`,
        c.cached.p99,
        "ms",
        "≤ 5",
        5 / c.cached.p99,
      );
      line(
        `bare Deno.serve, same ${Math.round(c.bytes / 1024)} KiB, ${connections} conn.`,
        c.bare.rps,
        "req/s",
        "reference",
        c.cached.rps / c.bare.rps,
      );
      console.log(
        `details: cached rounds ${c.all.join(", ")} req/s, p50 ${c.cached.p50} ms, ` +
          `non-2xx ${c.cached.errors}; bare rounds ${c.allBare.join(", ")} req/s, ` +
          `p99 ${c.bare.p99} ms`,
      );
    }
    if (only.has("uncached")) {
      const u = await uncachedFigures(db, bus);
      line(
        "uncached one-week 15m query req/s",
        u.uncached.rps,
        "req/s",
        "≥ 1500",
        u.uncached.rps / 1500,
      );
      line("uncached one-week 15m query p99", u.uncached.p99, "ms", "≤ 50", 50 / u.uncached.p99);
      console.log(
        `details: uncached rounds ${u.all.join(", ")} req/s, p50 ${u.uncached.p50} ms, ` +
          `non-2xx ${u.uncached.errors}`,
      );
    }
    if (only.has("sse")) {
      const sse = await sseFigures(db, bus);
      line(
        `SSE delivery p99 (${sse.connected} subscribers)`,
        sse.p99_ms,
        "ms",
        "≤ 250",
        250 / sse.p99_ms,
      );
      line("SSE server RSS", sse.rssMb, "MiB", "≤ 1024", 1024 / sse.rssMb);
      line(
        "bare Deno.serve SSE fan-out, delivery p99",
        sse.bare.p99_ms,
        "ms",
        "reference",
        sse.bare.p99_ms / sse.p99_ms,
      );
      console.log(
        `details: SSE deliveries ${sse.deliveries}/${sse.expected}, p50 ${sse.p50_ms} ms, ` +
          `max ${sse.max_ms} ms, failed connections ${sse.failed}; CPU per event: server ` +
          `${sse.serverMsPerEvent.toFixed(0)} ms, ${sse.client} ${
            sse.clientMsPerEvent.toFixed(0)
          } ms; bare fan-out p50 ${sse.bare.p50_ms} ms, server CPU per event ${
            sse.bare.serverMsPerEvent.toFixed(0)
          } ms, deliveries ${sse.bare.deliveries}/${sse.bare.expected}`,
      );
    }
    await bus.close();
  } finally {
    await db.close();
  }
}
