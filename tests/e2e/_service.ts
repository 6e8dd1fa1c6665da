/**
 * The service as its users run it, for end-to-end tests: a real
 * `deno run --allow-all --unstable-cron main.ts` subprocess with only the
 * environment the test gives it, its output kept, and ways to wait for a
 * line, kill it hard or stop it as an operator would.
 *
 * @module
 */

const ROOT = new URL("../../", import.meta.url).pathname;

/** A running service process. */
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

/**
 * Spawns `main.ts` on a free loopback port with `env` (and nothing else of
 * this process's environment but `PATH`, `HOME` and `DENO_DIR`); `label`
 * names it in errors.
 */
export function spawnService(env: Record<string, string>, label = "The service"): Service {
  const inherited: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const v = Deno.env.get(name);
    if (v !== undefined) inherited[name] = v;
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--unstable-cron", "main.ts"],
    cwd: ROOT,
    clearEnv: true,
    env: { ...inherited, NO_COLOR: "1", PORT: "0", HOST: "127.0.0.1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const spawnedAt = Date.now();
  let all = "", err = "";
  const read = async (stream: ReadableStream<Uint8Array>, isErr: boolean) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      all += chunk;
      if (isErr) err += chunk;
    }
  };
  const drained = Promise.all([read(child.stdout, false), read(child.stderr, true)]);
  let exited = false;
  const status = child.status.then(async (s) => {
    exited = true;
    await drained;
    return s;
  });
  const signal = async (sig: Deno.Signal) => {
    try {
      child.kill(sig);
    } catch {
      // Already gone.
    }
    return await status;
  };
  const waitFor = async (pattern: RegExp, what: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const m = pattern.exec(all);
      if (m) return m;
      if (exited) {
        const s = await status;
        const late = pattern.exec(all);
        if (late) return late;
        const how = s.signal ? `signal ${s.signal}` : `code ${s.code}`;
        throw new Error(`${label} exited (${how}) before ${what}:\n${all}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${label} did not reach ${what} within ${timeoutMs} ms:\n${all}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    pid: child.pid,
    spawnedAt,
    output: () => all,
    stderr: () => err,
    status,
    waitFor,
    listening: async (timeoutMs = 60_000) =>
      (await waitFor(/listening on (http:\/\/[\d.]+:\d+)/, "listening", timeoutMs))[1],
    kill: () => signal("SIGKILL"),
    stop: () => signal("SIGTERM"),
  };
}
