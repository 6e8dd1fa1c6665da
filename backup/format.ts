/**
 * What both kinds of backup share: the schema version this program knows,
 * the header of an embedded backup file, and how a file says which kind it is.
 *
 * An embedded backup is one header line, one JSON line and the PGlite data
 * directory as a tarball:
 *
 * ```
 * ERCOT-ANALYTICS-BACKUP 1
 * {"mode":"embedded","schemaVersion":123,"createdAt":"…","bytes":N,"sha256":"…"}
 * <N bytes of tar>
 * ```
 *
 * A PostgreSQL backup is a plain `pg_dump --format=custom` archive.
 *
 * @module
 */
import { ConfigError } from "../domain/errors.ts";
import { MIGRATIONS_DIR, readMigrations } from "../db/migrate.ts";
import type { Sql } from "../db/client.ts";

/** The first line of an embedded backup file. */
export const MAGIC = "ERCOT-ANALYTICS-BACKUP 1";
/** The first bytes of a `pg_dump` custom-format archive. */
export const PG_MAGIC = "PGDMP";

/** The JSON line after {@link MAGIC}. */
export interface EmbeddedHeader {
  mode: "embedded";
  schemaVersion: number;
  createdAt: string;
  bytes: number;
  sha256: string;
}

/** Which kind of backup a file holds, from its first bytes. */
export type BackupKind = "embedded" | "postgres" | "unknown";

/** Reads a file's first bytes and names its kind; throws one line when it cannot be read. */
export async function backupKind(path: string): Promise<BackupKind> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (err) {
    const why = err instanceof Deno.errors.NotFound ? "no such file" : (err as Error).message;
    throw new ConfigError(`Cannot read backup ${path}: ${why}`);
  }
  try {
    const head = new Uint8Array(MAGIC.length);
    const n = (await file.read(head)) ?? 0;
    const text = new TextDecoder().decode(head.subarray(0, n));
    if (text === MAGIC) return "embedded";
    if (text.startsWith(PG_MAGIC)) return "postgres";
    return "unknown";
  } finally {
    file.close();
  }
}

/** The highest migration version in this program's `migrations/`. */
export async function knownSchemaVersion(): Promise<number> {
  const files = await readMigrations(MIGRATIONS_DIR);
  return Math.max(0, ...files.map((f) => f.version));
}

/** The highest applied migration of a database, 0 when it has none. */
export async function appliedSchemaVersion(sql: Sql): Promise<number> {
  const [{ exists }] = await sql<{ exists: boolean }[]>`
    select to_regclass('public.schema_migrations') is not null as exists`;
  if (!exists) return 0;
  const [{ version }] = await sql<{ version: number | null }[]>`
    select max(version)::int as version from schema_migrations`;
  return version ?? 0;
}

/** Refuses a backup whose schema is newer than this program's migrations. */
export async function refuseNewerSchema(path: string, version: number): Promise<void> {
  const known = await knownSchemaVersion();
  if (version > known) {
    throw new ConfigError(
      `Backup ${path} has schema version ${version}, newer than this program's ${known}; ` +
        "restore it with the release that made it",
    );
  }
}

/** Refuses a file that is not a backup of the configured kind of database. */
export function refuseKind(path: string, kind: BackupKind, want: "embedded" | "postgres"): void {
  if (kind === want) return;
  if (kind === "unknown") {
    throw new ConfigError(`${path} is not a backup made by deno task backup`);
  }
  throw new ConfigError(
    kind === "embedded"
      ? `${path} is a backup of an embedded database; unset DATABASE_URL to restore it`
      : `${path} is a PostgreSQL backup; set DATABASE_URL to an empty database to restore it`,
  );
}
