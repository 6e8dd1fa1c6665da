/**
 * `deno task backup --out FILE`: a snapshot of the configured database. With
 * `DATABASE_URL` set it is a `pg_dump` custom-format archive; otherwise the
 * embedded database in `DATA_DIR`, which must not be open in another process
 * (the running service holds it; the backup names that process and stops).
 *
 * Exit codes: 0 written, 1 refused or failed (one line on stderr), 2 bad usage.
 *
 * @example deno task backup --out ercot-2026-12-06.backup
 *
 * @module
 */
import { loadConfig } from "../config.ts";
import { backupEmbedded } from "../backup/embedded.ts";
import { backupPostgres } from "../backup/postgres.ts";

const USAGE = "usage: deno task backup --out FILE";

/** Parses the arguments: the output path, or a usage error line. */
export function parseBackupArgs(args: string[]): { out: string } | { error: string } {
  const i = args.findIndex((a) => a === "--out" || a.startsWith("--out="));
  const out = i < 0 ? undefined : args[i].startsWith("--out=") ? args[i].slice(6) : args[i + 1];
  const used = i < 0 ? 0 : args[i].startsWith("--out=") ? 1 : 2;
  if (!out || args.length !== used) return { error: USAGE };
  return { out };
}

async function main(argv: string[]): Promise<number> {
  const args = parseBackupArgs(argv);
  if ("error" in args) {
    console.error(args.error);
    return 2;
  }
  const config = loadConfig(Deno.env.toObject());
  const summary = config.databaseUrl
    ? await backupPostgres(config.databaseUrl, args.out)
    : await backupEmbedded(config.dataDir, args.out);
  const what = config.databaseUrl
    ? "PostgreSQL database"
    : `embedded database in ${config.dataDir}`;
  console.log(
    `Backed up the ${what} (schema ${summary.schemaVersion}) to ${args.out} (${summary.bytes} bytes)`,
  );
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    console.error(`backup: ${String((err as Error)?.message ?? err).split("\n")[0]}`);
    Deno.exit(1);
  }
}
