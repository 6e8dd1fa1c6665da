/**
 * The service and its commands as real subprocesses of `deno`, for tests of
 * what happens between processes: the server, the CLI tasks, their output.
 *
 * @module
 */

/** The project root, where tasks run. */
export const ROOT = new URL("../../", import.meta.url).pathname;

/** A running subprocess and everything it has printed so far. */
export interface Proc {
  child: Deno.ChildProcess;
  /** Standard output and error, interleaved as they arrived. */
  output(): string;
  /** Resolves once both streams have ended. */
  drained: Promise<void>;
}

/** What a finished command did. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

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
  let text = "";
  const read = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) text += chunk;
  };
  const drained = Promise.all([read(child.stdout), read(child.stderr)]).then(() => undefined);
  return { child, output: () => text, drained };
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

/** Starts `main.ts` and resolves with its origin once it listens (120 s at most). */
export async function startServer(env: Record<string, string>): Promise<Proc & { url: string }> {
  const p = spawnDeno(["run", "-A", "--unstable-cron", "main.ts"], {
    PORT: "0",
    HOST: "127.0.0.1",
    INGEST_ENABLED: "false",
    RATE_LIMIT_ENABLED: "false",
    ...env,
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const url = /listening on (http:\/\/[\d.]+:\d+)/i.exec(p.output())?.[1];
    if (url) return { ...p, url };
    const done = await Promise.race([p.child.status, new Promise((r) => setTimeout(r, 50))]);
    if (done) {
      await p.drained;
      throw new Error(`The server exited before listening:\n${p.output()}`);
    }
  }
  await stopProc(p, "SIGKILL");
  throw new Error(`The server did not start within 120 s:\n${p.output()}`);
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
