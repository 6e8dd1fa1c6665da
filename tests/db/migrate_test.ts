import assert from "node:assert/strict";
import { migrate, MIGRATIONS_DIR, readMigrations, splitStatements } from "../../db/migrate.ts";
import { withDatabase } from "../_db.ts";
import type { Sql } from "../../db/client.ts";

async function schemaFingerprint(sql: Sql): Promise<string> {
  const cols = await sql`
    select table_name, column_name, data_type, is_nullable
    from information_schema.columns where table_schema = 'public'
    order by table_name, column_name`;
  const migrations =
    await sql`select version, checksum, applied_at from schema_migrations order by version`;
  return JSON.stringify([cols, migrations]);
}

Deno.test("migrate() applied twice changes nothing", async () => {
  await withDatabase(async ({ db, capabilities }) => {
    const before = await schemaFingerprint(db.sql);
    const again = await migrate(db.sql, { timescale: capabilities.timescale });
    assert.deepEqual(again.applied, []);
    assert.equal(await schemaFingerprint(db.sql), before);
    const third = await migrate(db.sql, { timescale: capabilities.timescale });
    assert.deepEqual(third.applied, []);
    assert.equal(await schemaFingerprint(db.sql), before);
  });
});

Deno.test("migrate() records every migration with its checksum", async () => {
  await withDatabase(async ({ db, migration }) => {
    const files = await readMigrations(MIGRATIONS_DIR);
    const rows = await db.sql<{ version: number; checksum: string; variant: string }[]>`
      select version, checksum, variant from schema_migrations order by version`;
    assert.equal(rows.length, new Set(files.map((f) => f.version)).size);
    for (const r of rows) {
      const file = files.find((f) => f.version === r.version && f.variant === r.variant);
      assert.equal(file?.checksum, r.checksum);
    }
    assert.equal(migration.version, Math.max(...files.map((f) => f.version)));
  });
});

Deno.test("migrate() refuses to run when an applied migration has changed", async () => {
  await withDatabase(async ({ db, capabilities }) => {
    const dir = await Deno.makeTempDir();
    try {
      for await (const e of Deno.readDir(MIGRATIONS_DIR)) {
        await Deno.copyFile(new URL(e.name, MIGRATIONS_DIR), `${dir}/${e.name}`);
      }
      const core = `${dir}/0001_core.sql`;
      await Deno.writeTextFile(core, (await Deno.readTextFile(core)) + "\n-- edited\n");
      const url = new URL(`file://${dir}/`);
      await assert.rejects(
        () => migrate(db.sql, { timescale: capabilities.timescale, dir: url }),
        /Migration 0001_core\.sql was changed after it was applied \(checksum [0-9a-f]{12} recorded, [0-9a-f]{12} on disk\)/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("migrate() applies a new migration once and keeps it in order", async () => {
  await withDatabase(async ({ db, capabilities }) => {
    const dir = await Deno.makeTempDir();
    try {
      for await (const e of Deno.readDir(MIGRATIONS_DIR)) {
        await Deno.copyFile(new URL(e.name, MIGRATIONS_DIR), `${dir}/${e.name}`);
      }
      await Deno.writeTextFile(`${dir}/9999_extra.sql`, "create table extra_t (a int);");
      const url = new URL(`file://${dir}/`);
      const first = await migrate(db.sql, { timescale: capabilities.timescale, dir: url });
      assert.deepEqual(first.applied, ["9999_extra.sql"]);
      assert.equal(first.version, 9999);
      const second = await migrate(db.sql, { timescale: capabilities.timescale, dir: url });
      assert.deepEqual(second.applied, []);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("migrate() keeps a schema on the path it was built on when the server's offer changes", async () => {
  await withDatabase(async ({ db, migration }) => {
    const dir = await Deno.makeTempDir();
    try {
      for await (const e of Deno.readDir(MIGRATIONS_DIR)) {
        await Deno.copyFile(new URL(e.name, MIGRATIONS_DIR), `${dir}/${e.name}`);
      }
      for (const variant of ["timescale", "portable"]) {
        await Deno.writeTextFile(
          `${dir}/9997_pair.${variant}.sql`,
          `create table pair_${variant} (a int);`,
        );
      }
      const url = new URL(`file://${dir}/`);
      // TimescaleDB appeared (or went away) since the schema was built.
      const flipped = migration.variant === "portable";
      const result = await migrate(db.sql, { timescale: flipped, dir: url });
      assert.deepEqual(result.applied, [`9997_pair.${migration.variant}.sql`]);
      assert.equal(result.variant, migration.variant);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("migrate() rolls back a failing migration and names it", async () => {
  await withDatabase(async ({ db, capabilities }) => {
    const dir = await Deno.makeTempDir();
    try {
      for await (const e of Deno.readDir(MIGRATIONS_DIR)) {
        await Deno.copyFile(new URL(e.name, MIGRATIONS_DIR), `${dir}/${e.name}`);
      }
      await Deno.writeTextFile(
        `${dir}/9998_broken.sql`,
        "create table half_done (a int);\nselect * from no_such_table;",
      );
      const url = new URL(`file://${dir}/`);
      await assert.rejects(
        () => migrate(db.sql, { timescale: capabilities.timescale, dir: url }),
        /Migration 9998_broken\.sql failed: .*no_such_table/,
      );
      const [{ exists }] = await db.sql`select to_regclass('half_done') is not null as exists`;
      assert.equal(exists, false);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("splitStatements() splits a no-transaction file at statement ends", () => {
  const parts = splitStatements("-- migrate: no-transaction\nselect 1;\n-- note\nselect\n  2;\n");
  assert.deepEqual(parts, ["select 1", "select\n  2"]);
});
