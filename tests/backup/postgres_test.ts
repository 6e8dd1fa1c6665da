import assert from "node:assert/strict";
import postgres from "postgres";
import { loadConfig } from "../../config.ts";
import { openTestDatabase, testDatabaseMode } from "../_db.ts";
import { createEmptyDatabase } from "../../dev/scratch.ts";
import { runCli, seed, tableDigests } from "./_backup.ts";

const ignore = testDatabaseMode() !== "postgres";

async function digestsOf(url: string): Promise<Record<string, string>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await tableDigests(sql);
  } finally {
    await sql.end();
  }
}

Deno.test({
  name: "backup and restore of PostgreSQL round-trip every table through pg_dump",
  ignore,
  fn: async (t) => {
    const tmp = await Deno.makeTempDir({ prefix: "ercot-pgbackup-" });
    const src = await openTestDatabase();
    const empties: { url: string; drop(): Promise<void> }[] = [];
    const empty = async () => {
      const e = await createEmptyDatabase(
        loadConfig(Deno.env.toObject()).databaseUrl!,
        "ercot_restore",
      );
      empties.push(e);
      return e.url;
    };
    try {
      await seed(src.db.sql);
      const before = await tableDigests(src.db.sql);
      const file = `${tmp}/ercot.dump`;
      const backup = await runCli("backup", ["--out", file], { DATABASE_URL: src.url! });
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /^Backed up the PostgreSQL database \(schema \d+\) to /);

      await t.step("restore into an empty database gives equal counts and checksums", async () => {
        const dst = await empty();
        const r = await runCli("restore", [file], { DATABASE_URL: dst });
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await digestsOf(dst), before);
        const again = await runCli("restore", [file], { DATABASE_URL: dst });
        assert.equal(again.code, 1);
        assert.match(again.stderr, /^restore: Database .* is not empty \(\d+ tables/);
      });

      await t.step("a truncated archive is refused and nothing is applied", async () => {
        const bytes = await Deno.readFile(file);
        const cut = `${tmp}/cut.dump`;
        await Deno.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
        const dst = await empty();
        const r = await runCli("restore", [cut], { DATABASE_URL: dst });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /^restore: Backup .*cut\.dump is truncated or damaged: /);
        assert.deepEqual(await digestsOf(dst), {});
      });

      await t.step("an archive from a newer schema is refused", async () => {
        await src.db.sql`
          insert into schema_migrations (version, name, variant, checksum)
          values (9999, 'future', 'all', 'x')`;
        const newer = `${tmp}/newer.dump`;
        const b = await runCli("backup", ["--out", newer], { DATABASE_URL: src.url! });
        assert.equal(b.code, 0, b.stderr);
        const dst = await empty();
        const r = await runCli("restore", [newer], { DATABASE_URL: dst });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /has schema version 9999, newer than this program's \d+;/);
        assert.deepEqual(await digestsOf(dst), {});
      });

      await t.step("missing client tools are named in one line", async () => {
        const r = await runCli("backup", ["--out", `${tmp}/x.dump`], {
          DATABASE_URL: src.url!,
          PATH: `${tmp}/no-such-dir`,
        });
        assert.equal(r.code, 1);
        assert.equal(
          r.stderr.trim(),
          "backup: pg_dump was not found on PATH; install the PostgreSQL client tools " +
            "(e.g. apt-get install postgresql-client)",
        );
      });

      await t.step("a pg_dump older than the server is refused", async () => {
        const bin = `${tmp}/old-bin`;
        await Deno.mkdir(bin);
        await Deno.writeTextFile(
          `${bin}/pg_dump`,
          '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n',
          {
            mode: 0o755,
          },
        );
        const r = await runCli("backup", ["--out", `${tmp}/x.dump`], {
          DATABASE_URL: src.url!,
          PATH: `${bin}:/usr/bin:/bin`,
        });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /^backup: pg_dump 9 cannot dump a PostgreSQL \d+ server; install /);
      });
    } finally {
      for (const e of empties) await e.drop();
      await src.close();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
