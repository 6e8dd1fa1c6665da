/**
 * `deno task restore FILE`: loads a file made by `deno task backup` into the
 * configured database, which must be empty: a new PostgreSQL database named
 * by `DATABASE_URL`, or a `DATA_DIR` without a database. The whole file is
 * checked first; a truncated, damaged or newer backup is refused in one line
 * and nothing is written.
 *
 * Exit codes: 0 restored, 1 refused or failed (one line on stderr), 2 bad usage.
 *
 * @example DATA_DIR=./data-restored deno task restore ercot-2026-12-06.backup
 *
 * @module
 */
import { loadConfig } from "../config.ts";
import { restoreEmbedded } from "../backup/embedded.ts";
import { restorePostgres } from "../backup/postgres.ts";

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith("-")) {
    console.error("usage: deno task restore FILE");
    return 2;
  }
  const config = loadConfig(Deno.env.toObject());
  const summary = config.databaseUrl
    ? await restorePostgres(argv[0], config.databaseUrl)
    : await restoreEmbedded(argv[0], config.dataDir);
  const what = config.databaseUrl ? "the PostgreSQL database" : `DATA_DIR ${config.dataDir}`;
  console.log(`Restored ${argv[0]} (schema ${summary.schemaVersion}) into ${what}`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    console.error(`restore: ${String((err as Error)?.message ?? err).split("\n")[0]}`);
    Deno.exit(1);
  }
}
