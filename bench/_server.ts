/**
 * The real server for load and soak runs: the recordings mirror in-process,
 * a database filled by `cli/ingest.ts` through it (a scratch PostgreSQL
 * database when `DATABASE_URL` is set, else embedded in a temporary
 * `DATA_DIR`), and `main.ts` as a subprocess on a loopback port with
 * ingestion and rate limiting off, so its RSS can be read from `/proc`.
 *
 * @module
 */
import postgres from "postgres";
import { createMirror } from "../dev/mirror.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** A running server subprocess. */
export interface BenchServer {
  url: string;
  pid: number;
  /** Resident set size of the server process in bytes. */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/** The data-API paths the load and soak runs request, in turn. */
export const TARGETS = [
  "/api/v1/series",
  "/api/v1/series/load.actual",
  "/api/v1/observations?series=load.actual&start=2021-02-10T00:00:00Z&end=2021-02-20T00:00:00Z",
  "/api/v1/observations?series=load.actual&last=P30D&resolution=1h",
  "/api/v1/grid-status",
  "/health",
];

/** Starts the stack; `stop()` removes everything it created. */
export async function startBenchServer(): Promise<BenchServer> {
  const fixtures = Deno.env.get("FIXTURES_DIR") ?? `${ROOT}../shared/fixtures/ercot`;
  const mirror = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    createMirror({ dir: fixtures }),
  );
  const tmp = await Deno.makeTempDir({ prefix: "ercot-bench-" });
  const base = Deno.env.get("DATABASE_URL");
  const name = `ercot_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = base ? postgres(base, { max: 1, onnotice: () => {} }) : undefined;
  let databaseUrl = "";
  if (admin) {
    await admin.unsafe(`create database ${name}`);
    const u = new URL(base!);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const env = {
    PATH: Deno.env.get("PATH") ?? "",
    HOME: Deno.env.get("HOME") ?? "",
    NO_COLOR: "1",
    DATABASE_URL: databaseUrl,
    DATA_DIR: `${tmp}/data`,
    ERCOT_BASE_URL: `http://127.0.0.1:${mirror.addr.port}`,
    JWT_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  };
  const ingest = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-cron", "cli/ingest.ts"],
    env,
    clearEnv: true,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  // Feeds without a recording fail; the run is good when the recorded ones stored rows.
  const said = new TextDecoder().decode(ingest.stdout) + new TextDecoder().decode(ingest.stderr);
  if (!/success\s+\d+ rows/.test(said)) throw new Error(`cli/ingest.ts stored nothing:\n${said}`);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-cron", "main.ts"],
    env: {
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
      INGEST_ENABLED: "false",
      RATE_LIMIT_ENABLED: "false",
    },
    clearEnv: true,
    cwd: ROOT,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let url: string | undefined;
  while (!url) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`main.ts exited:\n${text}`);
    text += value;
    url = /listening on (http:\/\/[\d.]+:\d+)/.exec(text)?.[1];
  }
  void (async () => {
    while (!(await reader.read()).done);
  })().catch(() => {});
  return {
    url,
    pid: child.pid,
    rss: async () => {
      const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
      await mirror.shutdown();
      if (admin) {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
      await Deno.remove(tmp, { recursive: true });
    },
  };
}

/** Requests per second `wrk` sustains on `url` for `seconds`, and its error count. */
export async function wrk(
  url: string,
  opts: { seconds: number; connections?: number; threads?: number },
): Promise<{ rps: number; errors: number; p99?: string; text: string }> {
  const out = await new Deno.Command("wrk", {
    args: [
      `-t${opts.threads ?? 1}`,
      `-c${opts.connections ?? 32}`,
      `-d${opts.seconds}s`,
      "--latency",
      url,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps, errors, p99: /99%\s+(\S+)/.exec(text)?.[1], text };
}
