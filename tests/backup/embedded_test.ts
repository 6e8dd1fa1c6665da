import assert from "node:assert/strict";
import { openDatabase } from "../../db/client.ts";
import { acquireDataDirLock } from "../../db/data_dir_lock.ts";
import { prepareDatabase } from "../../db/setup.ts";
import { testDatabaseMode } from "../_db.ts";
import { openEmbeddedTestDatabase } from "../_templates.ts";
import { runCli, seed, tableDigests } from "./_backup.ts";

const EMBEDDED = { DATABASE_URL: "" };

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

// The embedded database is the same in both suite runs: once is enough.
const ignore = testDatabaseMode() !== "embedded";

Deno.test({
  name: "backup and restore of the embedded database round-trip every table",
  ignore,
  fn: async (t) => {
    const tmp = await Deno.makeTempDir({ prefix: "ercot-backup-" });
    try {
      const template = await openEmbeddedTestDatabase();
      const snapshot = await template.db.dump!();
      await template.close();
      const src = `${tmp}/src`;
      const ready = await prepareDatabase({ dataDir: src, loadDataDir: snapshot });
      await seed(ready.db.sql);
      const before = await tableDigests(ready.db.sql);
      await ready.db.close();
      assert.match(before.observations, /^500:/);

      const file = `${tmp}/ercot.backup`;
      const backup = await runCli("backup", ["--out", file], { ...EMBEDDED, DATA_DIR: src });
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /^Backed up the embedded database in .* \(schema \d+\) to /);

      await t.step("restore into an empty DATA_DIR gives equal counts and checksums", async () => {
        const dst = `${tmp}/dst`;
        const restore = await runCli("restore", [file], { ...EMBEDDED, DATA_DIR: dst });
        assert.equal(restore.code, 0, restore.stderr);
        const db = await openDatabase({ dataDir: dst });
        try {
          assert.deepEqual(await tableDigests(db.sql), before);
        } finally {
          await db.close();
        }
        const again = await runCli("restore", [file], { ...EMBEDDED, DATA_DIR: dst });
        assert.equal(again.code, 1);
        assert.match(again.stderr, /^restore: DATA_DIR .*dst already holds a database;/);
      });

      await t.step("a truncated file is refused and nothing is written", async () => {
        const bytes = await Deno.readFile(file);
        const cut = `${tmp}/cut.backup`;
        await Deno.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
        const dst = `${tmp}/cut`;
        const r = await runCli("restore", [cut], { ...EMBEDDED, DATA_DIR: dst });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /^restore: Backup .*cut\.backup is truncated or damaged: \d+ bytes/);
        assert.equal(r.stderr.trim().split("\n").length, 1);
        assert.equal(await exists(`${dst}/pglite`), false);
      });

      await t.step("a backup from a newer schema is refused", async () => {
        const bytes = await Deno.readFile(file);
        const text = new TextDecoder().decode(bytes.subarray(0, 400));
        const [magic, header] = text.split("\n");
        const newer = JSON.stringify({ ...JSON.parse(header), schemaVersion: 9999 });
        const rest = bytes.subarray(magic.length + header.length + 2);
        const head = new TextEncoder().encode(`${magic}\n${newer}\n`);
        const path = `${tmp}/newer.backup`;
        const out = new Uint8Array(head.length + rest.length);
        out.set(head);
        out.set(rest, head.length);
        await Deno.writeFile(path, out);
        const dst = `${tmp}/newer`;
        const r = await runCli("restore", [path], { ...EMBEDDED, DATA_DIR: dst });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /has schema version 9999, newer than this program's \d+;/);
        assert.equal(await exists(`${dst}/pglite`), false);
      });

      await t.step("a file that is no backup is refused", async () => {
        const path = `${tmp}/notes.txt`;
        await Deno.writeTextFile(path, "hello");
        const r = await runCli("restore", [path], { ...EMBEDDED, DATA_DIR: `${tmp}/none` });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /notes\.txt is not a backup made by deno task backup/);
      });

      await t.step("backup refuses while another process holds DATA_DIR, naming it", async () => {
        const lock = acquireDataDirLock(src);
        try {
          const r = await runCli("backup", ["--out", `${tmp}/busy.backup`], {
            ...EMBEDDED,
            DATA_DIR: src,
          });
          assert.equal(r.code, 1);
          assert.match(
            r.stderr,
            new RegExp(`while another ercot-analytics process \\(PID ${Deno.pid}`),
          );
          assert.equal(await exists(`${tmp}/busy.backup`), false);
        } finally {
          lock.release();
        }
      });
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
