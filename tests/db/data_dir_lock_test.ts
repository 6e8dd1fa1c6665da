import assert from "node:assert/strict";
import { acquireDataDirLock, LOCK_FILE, readLockHolder } from "../../db/data_dir_lock.ts";
import { openDatabase } from "../../db/client.ts";
import { testDatabaseMode } from "../_db.ts";

async function withDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ercot-lock-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("acquireDataDirLock() records the holder and refuses a second holder naming the folder and PID", async () => {
  await withDir((dir) => {
    const lock = acquireDataDirLock(dir);
    try {
      const holder = readLockHolder(`${dir}/${LOCK_FILE}`);
      assert.equal(holder?.pid, Deno.pid);
      assert.throws(() => acquireDataDirLock(dir), (e: Error) => {
        assert.match(e.message, new RegExp(`^DATA_DIR ${dir} is in use by .*PID ${Deno.pid}\\b`));
        assert.match(e.message, /stop that process first.*DATABASE_URL/);
        assert.doesNotMatch(e.message, /\n/);
        return true;
      });
    } finally {
      lock.release();
    }
    // Released: the next holder gets it, and the file no longer names anyone.
    assert.equal(readLockHolder(`${dir}/${LOCK_FILE}`), null);
    acquireDataDirLock(dir).release();
  });
});

Deno.test("acquireDataDirLock() takes over a lock file left by a process that is gone", async () => {
  await withDir((dir) => {
    // What a SIGKILLed holder leaves: its record, and no OS lock (the kernel dropped it).
    const stale = { pid: 2 ** 22 + 1, command: "main.ts", since: "2026-01-01T00:00:00Z" };
    Deno.writeTextFileSync(`${dir}/${LOCK_FILE}`, JSON.stringify({ ...stale, hostname: "x" }));
    const lock = acquireDataDirLock(dir);
    assert.equal(readLockHolder(`${dir}/${LOCK_FILE}`)?.pid, Deno.pid);
    lock.release();
  });
});

Deno.test("acquireDataDirLock() leaves a lock file it did not write alone, in one line", async (t) => {
  await withDir(async (dir) => {
    const path = `${dir}/${LOCK_FILE}`;
    await t.step("foreign content", () => {
      Deno.writeTextFileSync(path, "12345\n");
      assert.throws(
        () => acquireDataDirLock(dir),
        new RegExp(`Cannot lock DATA_DIR ${dir}: ${path} is a file this program did not write; `),
      );
      assert.equal(Deno.readTextFileSync(path), "12345\n");
      Deno.removeSync(path);
    });
    await t.step("a symbolic link", () => {
      Deno.writeTextFileSync(`${dir}/elsewhere`, "precious");
      Deno.symlinkSync(`${dir}/elsewhere`, path);
      assert.throws(() => acquireDataDirLock(dir), /is a symbolic link; remove it/);
      assert.equal(Deno.readTextFileSync(`${dir}/elsewhere`), "precious");
      Deno.removeSync(path);
    });
    await t.step("a folder", () => {
      Deno.mkdirSync(path);
      assert.throws(() => acquireDataDirLock(dir), /is a folder; remove it/);
    });
  });
});

Deno.test("openDatabase() names an unusable DATA_DIR in one line and creates nothing", async () => {
  await withDir(async (dir) => {
    // Root may write anywhere, so the folder is made unusable by being a file.
    const file = `${dir}/not-a-folder`;
    await Deno.writeTextFile(file, "");
    await assert.rejects(
      () => openDatabase({ dataDir: `${file}/data` }),
      (e: Error) => {
        assert.match(e.message, new RegExp(`^Cannot use DATA_DIR ${file}/data: .*; set DATA_DIR`));
        assert.doesNotMatch(e.message, /\n/);
        return true;
      },
    );
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["not-a-folder"]);
  });
});

Deno.test({
  name: "openDatabase() refuses a folder another open database holds, and frees it on close()",
  // The folder is embedded whatever the suite runs on; once is enough.
  ignore: testDatabaseMode() !== "embedded",
  fn: async () => {
    await withDir(async (dir) => {
      const a = await openDatabase({ dataDir: dir });
      try {
        await assert.rejects(() => openDatabase({ dataDir: dir }), /is in use by .*PID/);
      } finally {
        await a.close();
      }
      assert.equal(readLockHolder(`${dir}/${LOCK_FILE}`), null);
    });
  },
});
