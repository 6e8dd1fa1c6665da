/**
 * The whole service as a user meets it, for browser tests and the web
 * benchmark: the recordings mirror and the real server (`main.ts`) as
 * subprocesses on loopback ports, an embedded database in a temporary
 * `DATA_DIR` filled by `cli/ingest.ts` through the mirror, and Chromium.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";
import { listeningOn, type Proc, runDeno, spawnDeno, startServer, stopProc } from "./process.ts";
import { layOutRecordings } from "./recordings.ts";
import { buildWeb, DIST_DIR } from "../web/build.ts";

/** Where Debian installs Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

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

/**
 * Starts the mirror, ingests every feed through it into a fresh embedded
 * database, then starts the server on a free port with ingestion off;
 * `serverEnv` adds settings for the server alone (e.g. `SMTP_HOST`).
 */
export async function startStack(serverEnv: Record<string, string> = {}): Promise<Stack> {
  const tmp = await Deno.makeTempDir({ prefix: "ercot-ui-" });
  await layOutRecordings(`${tmp}/recordings`);
  const mirror = spawnDeno(
    [
      "run",
      "--allow-net",
      "--allow-read",
      "dev/mirror_cli.ts",
      "--dir",
      `${tmp}/recordings`,
      "--port",
      "0",
    ],
    {},
  );
  let server: (Proc & { url: string }) | undefined;
  try {
    const ercot = await listeningOn(mirror, "The mirror", 60_000);
    const env = {
      DATA_DIR: `${tmp}/data`,
      DATABASE_URL: "",
      ERCOT_BASE_URL: ercot,
      ERCOT_API_BASE_URL: `${ercot}/api/public-reports`,
      JWT_SECRET: "ui-test-secret-0123456789-abcdefghijklmnop",
    };
    const ingest = await runDeno(["run", "-A", "--unstable-cron", "cli/ingest.ts"], env);
    const said = ingest.stdout + ingest.stderr;
    if (!/success\s+\d+ rows/.test(said)) throw new Error(`Ingest wrote nothing:\n${said}`);
    server = await startServer({ ...env, ...serverEnv });
    const started = server;
    return {
      url: started.url,
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

const WEB_DIR = new URL("../web/", import.meta.url).pathname;
const BUILD_LOCK = `${WEB_DIR}.build.lock`;
const BUILD_STAMP = `${WEB_DIR}.dist.sha256`;

/** A digest of every UI source file (web/ without its build output). */
async function webSourceDigest(): Promise<string> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      const path = `${dir}${e.name}`;
      if (e.isDirectory && e.name !== "dist" && !e.name.startsWith(".")) await walk(`${path}/`);
      else if (e.isFile && !e.name.startsWith(".")) files.push(path);
    }
  };
  await walk(WEB_DIR);
  const parts = await Promise.all(
    files.sort().map(async (f) => `${f}\n${await Deno.readTextFile(f)}`),
  );
  const bytes = new TextEncoder().encode(parts.join("\0"));
  return Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Builds the UI into web/dist unless it already holds a build of the current
 * sources. Browser tests run side by side and their servers read web/dist: one
 * build at a time (a lock file, broken after two minutes), and none at all
 * once the stamp matches, so no test's server sees the folder replaced.
 */
export async function buildWebOnce(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      (await Deno.open(BUILD_LOCK, { createNew: true, write: true })).close();
      break;
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
      if (Date.now() > deadline) {
        await Deno.remove(BUILD_LOCK).catch(() => {});
        continue;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const digest = await webSourceDigest();
    const built = await Deno.stat(`${DIST_DIR}index.html`).then(() => true, () => false);
    if (built && (await Deno.readTextFile(BUILD_STAMP).catch(() => "")) === digest) return;
    await buildWeb();
    await Deno.writeTextFile(BUILD_STAMP, digest);
  } finally {
    await Deno.remove(BUILD_LOCK).catch(() => {});
  }
}
