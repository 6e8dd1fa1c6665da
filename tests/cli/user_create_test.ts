import assert from "node:assert/strict";
import { firstLine, parseUserCreateArgs, runUserCreate } from "../../cli/user_create.ts";
import { createAuthService } from "../../auth/service.ts";
import { loadConfig } from "../../config.ts";
import { prepareDatabase } from "../../db/setup.ts";
import { ValidationError } from "../../domain/errors.ts";
import { testPasswordHasher } from "../_auth.ts";
import { withDatabase } from "../_db.ts";
import { assertThrowsWith } from "../_assert.ts";

const ROOT = new URL("../../", import.meta.url);
const PASSWORD = "violet kettle under nine moons";

Deno.test("parseUserCreateArgs() reads --admin, --role and --password-stdin", async (t) => {
  await t.step("--admin", () => {
    assert.deepEqual(parseUserCreateArgs(["--admin", "a@example.com"]), {
      email: "a@example.com",
      role: "admin",
      passwordStdin: false,
    });
  });
  await t.step("--role viewer --password-stdin", () => {
    assert.deepEqual(
      parseUserCreateArgs(["--role", "viewer", "--password-stdin", "v@example.com"]),
      {
        email: "v@example.com",
        role: "viewer",
        passwordStdin: true,
      },
    );
  });
  await t.step("no email", () => {
    assertThrowsWith(() => parseUserCreateArgs(["--admin"]), ValidationError, "exactly one email");
  });
  await t.step("an unknown role", () => {
    assertThrowsWith(
      () => parseUserCreateArgs(["--role", "root", "a@b.c"]),
      ValidationError,
      `Role "root"`,
    );
  });
  await t.step("an unknown option", () => {
    assertThrowsWith(() => parseUserCreateArgs(["--force", "a@b.c"]), ValidationError, "--force");
  });
});

Deno.test("firstLine() takes the password without its line ending", async () => {
  const stream = (text: string) => new Blob([text]).stream();
  assert.equal(await firstLine(stream(`${PASSWORD}\r\nignored\n`)), PASSWORD);
  assert.equal(await firstLine(stream(PASSWORD)), PASSWORD);
});

Deno.test("runUserCreate() creates an admin even when users already exist", async () => {
  await withDatabase(async (db) => {
    const deps = { sql: db.db.sql, config: loadConfig({}), clock: () => new Date() };
    const auth = createAuthService(deps, { hasher: testPasswordHasher() });
    await auth.register({ email: "first@example.com", password: PASSWORD }, { ip: "127.0.0.1" });
    const line = await runUserCreate(
      { email: "Ops@Example.com", role: "admin", passwordStdin: true },
      { auth, readPassword: () => Promise.resolve(PASSWORD) },
    );
    assert.match(line, /^Created admin ops@example\.com \([0-9a-f-]{36}\)$/);
    const rows = await db.db.sql`select email, role from users order by email`;
    assert.deepEqual(rows.map((r) => [r.email, r.role]), [["first@example.com", "admin"], [
      "ops@example.com",
      "admin",
    ]]);
    const [audit] = await db.db.sql`select action from audit_log where action = 'user_created'`;
    assert.ok(audit);
  });
});

Deno.test("runUserCreate() refuses a weak password", async () => {
  await withDatabase(async (db) => {
    const auth = createAuthService({
      sql: db.db.sql,
      config: loadConfig({}),
      clock: () => new Date(),
    }, { hasher: testPasswordHasher() });
    await assert.rejects(
      runUserCreate(
        { email: "ops@example.com", role: "admin", passwordStdin: true },
        { auth, readPassword: () => Promise.resolve("password1234") },
      ),
      /too common/,
    );
  });
});

Deno.test("deno task user:create --admin reads the password from stdin and creates the account", async () => {
  await withDatabase(async (db) => {
    const dataDir = await Deno.makeTempDir();
    try {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["task", "--quiet", "user:create", "--admin", "--password-stdin", "ops@example.com"],
        cwd: ROOT.pathname,
        env: { DATABASE_URL: db.url ?? "", DATA_DIR: dataDir },
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(`${PASSWORD}\n`));
      await writer.close();
      const out = await child.output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, stderr);
      assert.match(new TextDecoder().decode(out.stdout), /Created admin ops@example\.com/);
      const check = db.url ? undefined : await prepareDatabase({ dataDir });
      try {
        const sql = check?.db.sql ?? db.db.sql;
        const [row] =
          await sql`select role, password_hash from users where email = 'ops@example.com'`;
        assert.equal(row.role, "admin");
        assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      } finally {
        await check?.db.close();
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  });
});
