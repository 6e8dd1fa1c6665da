/**
 * A connection reserved while the pool is full, when the server terminates
 * the connection it waits for: postgres.js 3.4.9 never settles that reserve
 * (porsager/postgres#1195), which once left an ingest run waiting forever
 * after `pg_terminate_backend`. `reserveConnection` gives up with a
 * connection-lost error instead, and the pool serves the next statement.
 * Needs PostgreSQL: terminating a backend is what it tests.
 *
 * @module
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { isConnectionLost, reserveConnection } from "../../db/client.ts";
import { testDatabaseMode, withDatabase } from "../_db.ts";

Deno.test({
  name: "a reserve queued behind a terminated connection fails within its deadline, not never",
  ignore: testDatabaseMode() !== "postgres",
  fn: () =>
    withDatabase(async (db) => {
      const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
      const admin = postgres(db.url!, { max: 1, onnotice: () => {} });
      try {
        // The pool's one connection is held by another reserve, idle.
        const holder = await sql.reserve();
        const [{ pid }] = await holder<{ pid: number }[]>`select pg_backend_pid() as pid`;
        // This reserve waits in the queue for the held connection.
        const waiting = reserveConnection(sql, 2_000).then(
          (conn) => (conn.release(), "reserved"),
          (err: unknown) => err,
        );
        await admin`select pg_terminate_backend(${pid})`;
        const outcome = await Promise.race([
          waiting,
          new Promise((r) => setTimeout(() => r("still waiting after 10 s"), 10_000)),
        ]);
        assert.ok(
          outcome === "reserved" || isConnectionLost(outcome),
          `the reserve settled: ${outcome}`,
        );
        if (outcome !== "reserved") {
          assert.match((outcome as Error).message, /No database connection became free within 2 s/);
        }
        const [{ ok }] = await sql<{ ok: number }[]>`select 1 as ok`;
        assert.equal(ok, 1, "the pool answers the next statement");
      } finally {
        await sql.end({ timeout: 1 }).catch(() => {});
        await admin.end({ timeout: 1 }).catch(() => {});
      }
    }),
});
