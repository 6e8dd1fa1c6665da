import assert from "node:assert/strict";
import { testDatabaseMode } from "../_db.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

async function start(env: Record<string, string>): Promise<{ status: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-cron", MAIN],
    env: { INGEST_ENABLED: "false", ...env },
    clearEnv: false,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { status: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("start-up with an unreachable database exits non-zero with one line naming host and cause", async () => {
  const r = await start({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr.trim(),
    "ercot-analytics: Cannot connect to PostgreSQL at 127.0.0.1:1/none: connection refused (ECONNREFUSED)",
  );
});

Deno.test("start-up with an invalid variable names it and its allowed values", async () => {
  const r = await start({ PORT: "http", DATABASE_URL: "" });
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr.trim(),
    'ercot-analytics: Invalid environment variable PORT must be an integer from 0 to 65535, got "http"',
  );
});

Deno.test({
  name: "deno task start serves /health on the embedded database",
  ignore: testDatabaseMode() !== "embedded",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--unstable-cron", MAIN],
      env: {
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: dir,
        INGEST_ENABLED: "false",
        DATABASE_URL: "",
      },
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    try {
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      let url: string | undefined;
      while (!url) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      }
      assert.ok(url, `no listening line in: ${text}`);
      assert.match(
        text,
        /database: embedded PGlite in .*pglite; TimescaleDB not used; rollups portable/,
      );
      const res = await fetch(`${url}/health`);
      const body = await res.json();
      assert.deepEqual([res.status, body.database], [200, "embedded"]);
      await reader.cancel();
    } finally {
      child.kill("SIGTERM");
      await child.status;
      await Deno.remove(dir, { recursive: true });
    }
  },
});
