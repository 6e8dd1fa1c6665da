/**
 * The service and its commands as real subprocesses of `deno`, for
 * end-to-end tests and benchmarks of what happens between processes: the
 * server, the CLI tasks, their output. Every child runs in the project root
 * with only the environment it is given (and `PATH`, `HOME`, `DENO_DIR`,
 * `TMPDIR`, `NO_COLOR=1`).
 *
 * @module
 */
import { sleep } from "../util/sleep.ts";

/** The project root, where tasks run. */
export const ROOT = new URL("../", import.meta.url).pathname;

/** A running subprocess and everything it has printed so far. */
export interface Proc {
  child: Deno.ChildProcess;
  /** Standard output and error, interleaved as they arrived. */
  output(): string;
  /** Standard error alone. */
  stderr(): string;
  /** Resolves once both streams have ended. */
  drained: Promise<void>;
}

/** What a finished command did. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A running service process (`main.ts`), see {@linkcode spawnService}. */
export interface Service {
  /** The process id. */
  pid: number;
  /** When it was spawned (epoch ms). */
  spawnedAt: number;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** Its exit status, once it has exited. */
  status: Promise<Deno.CommandStatus>;
  /** Resolves with the first match of `pattern` in its output; rejects if it exits or `timeoutMs` passes first. */
  waitFor(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with its origin once it prints `listening on http://…`. */
  listening(timeoutMs?: number): Promise<string>;
  /** Sends SIGKILL and waits for the process and its output to end. */
  kill(): Promise<Deno.CommandStatus>;
  /** Sends SIGTERM, as an operator stopping it would, and waits for it to end. */
  stop(): Promise<Deno.CommandStatus>;
}

const LISTENING = /listening on (http:\/\/[\d.]+:\d+)/i;

/** What every child keeps of this environment: where to find programs and the module cache. */
const BASE = (): Record<string, string> => {
  const keep = ["PATH", "HOME", "DENO_DIR", "TMPDIR"];
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of keep) {
    const value = Deno.env.get(name);
    if (value) env[name] = value;
  }
  return env;
};

/** Starts `deno <args>` in the project root with only `env` (and PATH, HOME, DENO_DIR). */
export function spawnDeno(args: string[], env: Record<string, string>): Proc {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env: { ...BASE(), ...env },
    clearEnv: true,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "", errors = "";
  const read = async (stream: ReadableStream<Uint8Array>, isErr: boolean) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      if (isErr) errors += chunk;
    }
  };
  const drained = Promise.all([read(child.stdout, false), read(child.stderr, true)])
    .then(() => undefined);
  return { child, output: () => text, stderr: () => errors, drained };
}

/** Runs `deno <args>` to the end, with `input` on its standard input. */
export async function runDeno(
  args: string[],
  env: Record<string, string>,
  input = "",
): Promise<Outcome> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env: { ...BASE(), ...env },
    clearEnv: true,
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  const out = await child.output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/**
 * Resolves with the origin `p` prints (`listening on http://…`); `what`
 * names it in errors. Kills it with SIGKILL if `timeoutMs` passes first.
 */
export async function listeningOn(p: Proc, what: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const url = LISTENING.exec(p.output())?.[1];
    if (url) return url;
    const done = await Promise.race([p.child.status, sleep(50)]);
    if (done) {
      await p.drained;
      throw new Error(`${what} exited before listening:\n${p.output()}`);
    }
  }
  await stopProc(p, "SIGKILL");
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${p.output()}`);
}

/** Starts `main.ts` and resolves with its origin once it listens (120 s at most). */
export async function startServer(env: Record<string, string>): Promise<Proc & { url: string }> {
  const p = spawnDeno(["run", "-A", "--unstable-cron", "main.ts"], {
    PORT: "0",
    HOST: "127.0.0.1",
    INGEST_ENABLED: "false",
    RATE_LIMIT_ENABLED: "false",
    ...env,
  });
  return { ...p, url: await listeningOn(p, "The server", 120_000) };
}

/** Signals a process (SIGTERM unless told) and waits for it and its output. */
export async function stopProc(p: Proc, signal: Deno.Signal = "SIGTERM"): Promise<void> {
  try {
    p.child.kill(signal);
  } catch {
    // Already gone.
  }
  await p.child.status;
  await p.drained;
}

/**
 * Spawns `main.ts` on a free loopback port with `env` as the service's users
 * run it (`--allow-all --unstable-cron`); `label` names it in errors.
 */
export function spawnService(env: Record<string, string>, label = "The service"): Service {
  const p = spawnDeno(["run", "--allow-all", "--unstable-cron", "main.ts"], {
    PORT: "0",
    HOST: "127.0.0.1",
    ...env,
  });
  const spawnedAt = Date.now();
  let exited = false;
  const status = p.child.status.then(async (s) => {
    exited = true;
    await p.drained;
    return s;
  });
  const signal = async (sig: Deno.Signal) => {
    try {
      p.child.kill(sig);
    } catch {
      // Already gone.
    }
    return await status;
  };
  const waitFor = async (pattern: RegExp, what: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const m = pattern.exec(p.output());
      if (m) return m;
      if (exited) {
        const s = await status;
        const late = pattern.exec(p.output());
        if (late) return late;
        const how = s.signal ? `signal ${s.signal}` : `code ${s.code}`;
        throw new Error(`${label} exited (${how}) before ${what}:\n${p.output()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${label} did not reach ${what} within ${timeoutMs} ms:\n${p.output()}`);
      }
      await sleep(20);
    }
  };
  return {
    pid: p.child.pid,
    spawnedAt,
    output: p.output,
    stderr: p.stderr,
    status,
    waitFor,
    listening: async (timeoutMs = 60_000) => (await waitFor(LISTENING, "listening", timeoutMs))[1],
    kill: () => signal("SIGKILL"),
    stop: () => signal("SIGTERM"),
  };
}
