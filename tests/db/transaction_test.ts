import assert from "node:assert/strict";
import { retryTransaction } from "../../db/transaction.ts";
import type { Sql } from "../../db/client.ts";
import { withDatabase } from "../_db.ts";

/** Raises a real PostgreSQL error with `code` while `flaky` is below `times`. */
async function flaky(sql: Sql, code: string, times: number): Promise<void> {
  await sql.unsafe(`create sequence flaky; create table kept (n int);
    create function maybe_fail() returns void language plpgsql as $$
    begin
      if nextval('flaky') <= ${times} then
        raise exception 'aborted by the test' using errcode = '${code}';
      end if;
    end $$`);
}

Deno.test("retryTransaction() runs a deadlock victim's transaction again and keeps one result", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    await flaky(sql, "40P01", 1);
    let calls = 0;
    const got = await retryTransaction(sql, async (tx) => {
      calls++;
      await tx`insert into kept values (${calls})`;
      await tx`select maybe_fail()`;
      return "done";
    });
    assert.deepEqual([got, calls], ["done", 2]);
    assert.deepEqual((await sql`select n from kept`).map((r) => r.n), [2]);
  });
});

Deno.test("retryTransaction() retries serialization failures, gives up after its attempts, and never retries other errors", async (t) => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    await flaky(sql, "40001", 5);
    let calls = 0;
    const run = (attempts?: number) =>
      retryTransaction(sql, async (tx) => {
        calls++;
        await tx`select maybe_fail()`;
      }, { attempts });
    await t.step("three attempts by default, then the last error", async () => {
      await assert.rejects(run(), (e: { code?: string }) => e.code === "40001");
      assert.equal(calls, 3);
    });
    await t.step("an error that is not about other sessions is thrown at once", async () => {
      calls = 0;
      await assert.rejects(
        retryTransaction(sql, async (tx) => {
          calls++;
          await tx`select 1 / 0`;
        }),
        (e: { code?: string }) => e.code === "22012",
      );
      assert.equal(calls, 1);
    });
  });
});
