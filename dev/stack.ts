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
