/**
 * The whole service as a user meets it, for browser tests and the web
 * benchmark: the recordings mirror and the real server (`main.ts`) as
 * subprocesses on loopback ports, an embedded database in a temporary
 * `DATA_DIR` filled by `cli/ingest.ts` through the mirror, and Chromium.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";
import { layOutRecordings } from "../_ingest.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Where Debian installs Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

/** A running subprocess and everything it has printed. */
interface Proc {
  child: Deno.ChildProcess;
  output: () => string;
  drained: Promise<void>;
}

/** The running service. */
export interface Stack {
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops both processes and removes the temporary folders. */
  stop(): Promise<void>;
}

/** Whether Chromium is installed where the tests look for it. */
export function hasChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

/** Chromium, headless, with no network of its own beyond what pages ask for. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

function spawn(args: string[], env: Record<string, string>): Proc {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const read = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) text += chunk;
  };
  const drained = Promise.all([read(child.stdout), read(child.stderr)]).then(() => undefined);
  return { child, output: () => text, drained };
}

async function listening(p: Proc, what: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const url = /listening on (http:\/\/[\d.]+:\d+)/i.exec(p.output())?.[1];
    if (url) return url;
    const done = await Promise.race([p.child.status, new Promise((r) => setTimeout(r, 50))]);
    if (done) throw new Error(`${what} exited before listening:\n${p.output()}`);
  }
  throw new Error(`${what} did not start within 60 s:\n${p.output()}`);
}

async function stopProc(p: Proc): Promise<void> {
  try {
    p.child.kill("SIGTERM");
  } catch {
    // Already gone.
  }
  await p.child.status;
  await p.drained;
}

/**
 * Starts the mirror, ingests every feed through it into a fresh embedded
 * database, then starts the server on a free port with ingestion off.
 */
export async function startStack(): Promise<Stack> {
  const tmp = await Deno.makeTempDir({ prefix: "ercot-ui-" });
  const base = {
    NO_COLOR: "1",
    PATH: Deno.env.get("PATH") ?? "",
    HOME: Deno.env.get("HOME") ?? "",
  };
  await layOutRecordings(`${tmp}/recordings`);
  const mirror = spawn(
    [
      "run",
      "--allow-net",
      "--allow-read",
      "cli/mirror.ts",
      "--dir",
      `${tmp}/recordings`,
      "--port",
      "0",
    ],
    base,
  );
  let server: Proc | undefined;
  try {
    const ercot = await listening(mirror, "The mirror");
    const env = {
      ...base,
      DATA_DIR: `${tmp}/data`,
      DATABASE_URL: "",
      ERCOT_BASE_URL: ercot,
      ERCOT_API_BASE_URL: `${ercot}/api/public-reports`,
      JWT_SECRET: "ui-test-secret-0123456789-abcdefghijklmnop",
    };
    const ingest = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--unstable-cron", "cli/ingest.ts"],
      env,
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(ingest.stdout) + new TextDecoder().decode(ingest.stderr);
    if (!/success\s+\d+ rows/.test(said)) throw new Error(`Ingest wrote nothing:\n${said}`);
    server = spawn(["run", "-A", "--unstable-cron", "main.ts"], {
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
      INGEST_ENABLED: "false",
      RATE_LIMIT_ENABLED: "false",
    });
    const url = await listening(server, "The server");
    const started = server;
    return {
      url,
      async stop() {
        await stopProc(started);
        await stopProc(mirror);
        await Deno.remove(tmp, { recursive: true });
      },
    };
  } catch (err) {
    if (server) await stopProc(server);
    await stopProc(mirror);
    await Deno.remove(tmp, { recursive: true });
    throw err;
  }
}
