/**
 * Applies numbered SQL migrations under an advisory lock, recording each with
 * a checksum. An applied file that has since changed stops start-up.
 *
 * Files are `NNNN_name.sql`, or a pair `NNNN_name.timescale.sql` /
 * `NNNN_name.portable.sql` chosen by whether TimescaleDB is installed. A file
 * whose first line is `-- migrate: no-transaction` runs statement by statement
 * outside a transaction block (TimescaleDB continuous aggregates need that).
 *
 * @module
 */
import { reserveConnection, type Sql } from "./client.ts";
import { ConfigError } from "../domain/errors.ts";
import { digestHex } from "../util/digest.ts";

/** Which rollup implementation the schema has. */
export type Variant = "timescale" | "portable";

/** One migration file as read from disk. */
export interface MigrationFile {
  version: number;
  name: string;
  variant: Variant | "all";
  sql: string;
  checksum: string;
}

/** What {@link migrate} did. */
export interface MigrationResult {
  /** Highest applied version. */
  version: number;
  /** File names applied by this call. */
  applied: string[];
  /** Variant recorded for the versions that have one (the rollup path in use). */
  variant: Variant;
}

const LOCK_KEY = 724_500_101;
const NO_TX = /^--\s*migrate:\s*no-transaction\s*$/m;
const FILE_NAME = /^(\d{4})_([a-z0-9_]+?)(?:\.(timescale|portable))?\.sql$/;

/** The project's own migrations folder. */
export const MIGRATIONS_DIR = new URL("../migrations/", import.meta.url);

/**
 * Applies pending migrations. `timescale` picks `.timescale.sql` variants for
 * versions not yet applied in a new schema; a schema that already has a variant
 * applied keeps that path for every later version too.
 *
 * @example
 * const { version, variant } = await migrate(sql, { timescale: caps.timescale });
 */
export async function migrate(
  sql: Sql,
  opts: { timescale: boolean; dir?: URL },
): Promise<MigrationResult> {
  const files = await readMigrations(opts.dir ?? MIGRATIONS_DIR);
  const conn = await reserveConnection(sql);
  try {
    await conn`select pg_advisory_lock(${LOCK_KEY})`;
    await conn`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      variant text not null,
      checksum text not null,
      applied_at timestamptz not null default now())`;
    const applied = await conn<
      { version: number; name: string; variant: string; checksum: string }[]
    >`
      select version, name, variant, checksum from schema_migrations order by version`;
    verifyApplied(files, applied);
    const done = new Set(applied.map((a) => a.version));
    const names: string[] = [];
    for (const version of [...new Set(files.map((f) => f.version))].sort((a, b) => a - b)) {
      if (done.has(version)) continue;
      // A schema keeps the path it was built on, whatever the server offers now.
      const built = applied.find((a) => a.variant !== "all")?.variant;
      const file = pick(files, version, built ? built === "timescale" : opts.timescale);
      await applyOne(conn, file);
      applied.push(file);
      names.push(fileName(file));
    }
    const variant = applied.some((a) => a.variant === "timescale") ? "timescale" : "portable";
    return { version: Math.max(0, ...applied.map((a) => a.version)), applied: names, variant };
  } finally {
    await conn`select pg_advisory_unlock(${LOCK_KEY})`.catch(() => {});
    conn.release();
  }
}

/** Reads and checks every migration file in `dir`. */
export async function readMigrations(dir: URL): Promise<MigrationFile[]> {
  const out: MigrationFile[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !entry.name.endsWith(".sql")) continue;
    const m = FILE_NAME.exec(entry.name);
    if (!m) {
      throw new ConfigError(
        `Migration file name "${entry.name}" is not NNNN_name.sql or NNNN_name.(timescale|portable).sql`,
      );
    }
    const bytes = await Deno.readFile(new URL(entry.name, dir));
    out.push({
      version: Number(m[1]),
      name: m[2],
      variant: (m[3] as Variant | undefined) ?? "all",
      sql: new TextDecoder().decode(bytes),
      checksum: await sha256(bytes),
    });
  }
  return out.sort((a, b) => a.version - b.version || a.variant.localeCompare(b.variant));
}

function pick(files: MigrationFile[], version: number, timescale: boolean): MigrationFile {
  const candidates = files.filter((f) => f.version === version);
  const all = candidates.find((f) => f.variant === "all");
  if (all) return all;
  const want: Variant = timescale ? "timescale" : "portable";
  const file = candidates.find((f) => f.variant === want);
  if (!file) {
    throw new ConfigError(`Migration ${pad(version)} has no .${want}.sql variant`);
  }
  return file;
}

function verifyApplied(
  files: MigrationFile[],
  applied: { version: number; name: string; variant: string; checksum: string }[],
): void {
  for (const a of applied) {
    const file = files.find((f) => f.version === a.version && f.variant === a.variant);
    const label = `${pad(a.version)}_${a.name}${a.variant === "all" ? "" : "." + a.variant}.sql`;
    if (!file) {
      throw new ConfigError(
        `Migration ${label} was applied to this database but is missing from migrations/; restore it`,
      );
    }
    if (file.checksum !== a.checksum) {
      throw new ConfigError(
        `Migration ${label} was changed after it was applied (checksum ${
          a.checksum.slice(0, 12)
        } recorded, ${
          file.checksum.slice(0, 12)
        } on disk); restore the file and put the change in a new migration`,
      );
    }
  }
}

async function applyOne(conn: postgresReserved, file: MigrationFile): Promise<void> {
  const record = () =>
    conn`insert into schema_migrations (version, name, variant, checksum)
         values (${file.version}, ${file.name}, ${file.variant}, ${file.checksum})`;
  try {
    if (NO_TX.test(file.sql)) {
      for (const statement of splitStatements(file.sql)) await conn.unsafe(statement).simple();
      await record();
      return;
    }
    await conn`begin`;
    await conn.unsafe(file.sql).simple();
    await record();
    await conn`commit`;
  } catch (err) {
    await conn`rollback`.catch(() => {});
    throw new ConfigError(`Migration ${fileName(file)} failed: ${(err as Error).message}`);
  }
}

type postgresReserved = Awaited<ReturnType<Sql["reserve"]>>;

/**
 * Splits a no-transaction migration into statements at lines ending in `;`.
 * Such files must not contain dollar-quoted bodies.
 */
export function splitStatements(text: string): string[] {
  const withoutComments = text.split("\n").filter((l) => !/^\s*--/.test(l)).join("\n");
  return withoutComments.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);
}

function fileName(f: MigrationFile): string {
  return `${pad(f.version)}_${f.name}${f.variant === "all" ? "" : "." + f.variant}.sql`;
}

function pad(n: number): string {
  return String(n).padStart(4, "0");
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return await digestHex(bytes);
}
