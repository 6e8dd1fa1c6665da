/**
 * A transaction that is run again when PostgreSQL aborts it only because of
 * other sessions: as the victim of a deadlock (`40P01`) or a serialization
 * failure (`40001`). Nothing of an aborted attempt is kept, so running it
 * again is safe; any other error is thrown at once.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import { sleep } from "../util/sleep.ts";

const RETRYABLE = new Set(["40P01", "40001"]);

/**
 * Runs `fn` in a transaction, up to `attempts` times in all (3), pausing a
 * little longer, with jitter, before each retry.
 *
 * @example
 * const ids = await retryTransaction(sql, (tx) => ensureSeries(tx, defs));
 */
export async function retryTransaction<T>(
  sql: Sql,
  fn: (tx: Sql) => Promise<T>,
  opts: { attempts?: number } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 3;
  for (let attempt = 1;; attempt++) {
    try {
      return await sql.begin((tx) => fn(tx as unknown as Sql)) as T;
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (attempt >= attempts || !RETRYABLE.has(code)) throw err;
      await sleep(25 * attempt * (1 + Math.random()));
    }
  }
}
