/**
 * One writer per embedded data folder, between real processes: while
 * `deno task start` runs on a `DATA_DIR`, every other command that opens it
 * stops at once with one line naming the folder and the server's PID (the
 * README's admin recipe included, which used to print "Created admin" and
 * lose the account); once the server is killed, the lock it left is taken
 * over and what the next command writes is there when the server returns.
 * Embedded only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { testDatabaseMode } from "../_db.ts";
import { runDeno, startServer, stopProc } from "../../dev/process.ts";

const PASSWORD = "correct horse battery staple 42";

Deno.test({
  name: "a second process on a running server's DATA_DIR stops with one line naming it",
  ignore: testDatabaseMode() !== "embedded",
  fn: async (t) => {
    const tmp = await Deno.makeTempDir({ prefix: "ercot-lock-e2e-" });
    const dir = `${tmp}/data`;
    const env = {
      DATABASE_URL: "",
      DATA_DIR: dir,
      JWT_SECRET: "lock-test-secret-0123456789-abcdefghijklmnop",
      // Nothing may reach ERCOT: a command that got past the lock would fail loudly here.
      ERCOT_BASE_URL: "http://127.0.0.1:1",
      ERCOT_API_BASE_URL: "http://127.0.0.1:1/api/public-reports",
      ERCOT_API_USERNAME: "analyst@example.com",
      ERCOT_API_PASSWORD: "secret",
      ERCOT_API_SUBSCRIPTION_KEY: "key",
    };
    let server = await startServer(env);
    try {
      const pid = server.child.pid;
      const refusal = new RegExp(
        `^DATA_DIR ${dir} is in use by another ercot-analytics process \\(PID ${pid}, main\\.ts, ` +
          `since [^)]+\\); stop that process first, .*DATABASE_URL`,
      );
      const commands: [string, string[], string][] = [
        ["start", ["run", "-A", "--unstable-cron", "main.ts"], "ercot-analytics"],
        ["ingest", ["run", "-A", "--unstable-cron", "cli/ingest.ts", "np6_346"], "ingest"],
        ["coverage", ["run", "-A", "cli/coverage.ts"], "coverage"],
        [
          "backfill",
          ["run", "-A", "cli/backfill.ts", "np4_188", "--from", "2025-01-05", "--to", "2025-01-05"],
          "backfill",
        ],
        [
          "user:create --admin (the README's recipe)",
          ["task", "--quiet", "user:create", "--admin", "ops@example.com"],
          "user:create",
        ],
      ];
      // One at a time: each is a cold Deno start, and the machine may be busy.
      for (const [name, args, prefix] of commands) {
        await t.step(name, async () => {
          const r = await runDeno(args, { ...env, PORT: "0" }, `${PASSWORD}\n`);
          const lines = r.stderr.trimEnd().split("\n");
          assert.equal(r.code, 1, r.stderr);
          assert.equal(lines.length, 1, r.stderr);
          assert.ok(lines[0].startsWith(`${prefix}: `), lines[0]);
          assert.match(lines[0].slice(prefix.length + 2), refusal);
          assert.doesNotMatch(r.stdout, /Created|rows/);
        });
      }
      await t.step("the server still serves, and nobody else wrote", async () => {
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "ops@example.com", password: PASSWORD }),
        });
        await res.body?.cancel();
        assert.equal(res.status, 401);
      });

      await t.step(
        "a killed server's lock is taken over; the admin made then is kept",
        async () => {
          await stopProc(server, "SIGKILL");
          const created = await runDeno(
            ["task", "--quiet", "user:create", "--admin", "ops@example.com"],
            env,
            `${PASSWORD}\n`,
          );
          assert.equal(created.code, 0, created.stderr);
          assert.match(created.stdout, /^Created admin ops@example\.com/);
          server = await startServer(env);
          const res = await fetch(`${server.url}/api/auth/login`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email: "ops@example.com", password: PASSWORD }),
          });
          const body = await res.json();
          assert.equal(res.status, 200, JSON.stringify(body));
          const me = await fetch(`${server.url}/api/auth/me`, {
            headers: { authorization: `Bearer ${body.access_token}` },
          });
          assert.equal((await me.json()).role, "admin");
        },
      );
    } finally {
      await stopProc(server);
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
