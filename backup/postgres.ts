/**
 * Backup and restore of a PostgreSQL database through the client tools:
 * `pg_dump --format=custom` and `pg_restore`, found on `PATH`.
 *
 * A backup refuses, in one line, when `pg_dump` is missing or older than the
 * server. A restore first reads the whole archive (`pg_restore` to
 * `/dev/null`, which fails on a truncated or damaged file), reads its schema
 * version from its `schema_migrations` rows, refuses a target database that
 * already holds tables, and only then restores in one transaction that stops
 * at the first error, so a failed restore leaves the target as it was. An
 * archive of TimescaleDB hypertables is restored as TimescaleDB documents,
 * between `timescaledb_pre_restore()` and `timescaledb_post_restore()`.
 *
 * @module
 */
import postgres from "postgres";
import { ConfigError } from "../domain/errors.ts";
import { validateDatabaseUrl } from "../config.ts";
import { appliedSchemaVersion, backupKind, refuseKind, refuseNewerSchema } from "./format.ts";
import type { BackupSummary } from "./embedded.ts";

interface Target {
  /** The URL without its password, for the tools' `--dbname`. */
  dbname: string;
  /** `PGPASSWORD` for the tools, so the password never shows in a process list. */
  env: Record<string, string>;
  where: string;
}

function target(databaseUrl: string): Target {
  const u = validateDatabaseUrl(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return {
    dbname: u.toString(),
    env: password ? { PGPASSWORD: password } : {},
    where: `${u.hostname}:${u.port || 5432}${u.pathname}`,
  };
}

async function run(
  tool: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(tool, { args, env, stdout: "piped", stderr: "piped" }).output();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new ConfigError(
        `${tool} was not found on PATH; install the PostgreSQL client tools (e.g. apt-get install postgresql-client)`,
      );
    }
    throw err;
  }
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** The first line of a tool's complaint, without its `pg_restore: error:` prefix. */
function firstError(stderr: string): string {
  const line = stderr.split("\n").find((l) => /error|fatal/i.test(l)) ?? stderr.split("\n")[0];
  return line.replace(/^pg_\w+: (error|fatal): /i, "").trim();
}

/** The major version a tool reports, e.g. 15 for "pg_dump (PostgreSQL) 15.20". */
async function toolMajor(tool: string): Promise<number> {
  const { stdout } = await run(tool, ["--version"]);
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
  if (!m) throw new ConfigError(`${tool} --version said "${stdout.trim()}", not a PostgreSQL tool`);
  return Number(m[1]);
}

async function withSql<T>(databaseUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const t = target(databaseUrl);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`Cannot use PostgreSQL at ${t.where}: ${(err as Error).message}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Dumps the database of `databaseUrl` to `out` in `pg_dump`'s custom format.
 *
 * @example await backupPostgres("postgres://postgres@127.0.0.1/ercot", "ercot.dump");
 */
export async function backupPostgres(databaseUrl: string, out: string): Promise<BackupSummary> {
  const t = target(databaseUrl);
  const { server, schemaVersion } = await withSql(databaseUrl, async (sql) => {
    const [{ v }] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return {
      server: Math.floor(Number(v) / 10000),
      schemaVersion: await appliedSchemaVersion(sql),
    };
  });
  const client = await toolMajor("pg_dump");
  if (client < server) {
    throw new ConfigError(
      `pg_dump ${client} cannot dump a PostgreSQL ${server} server; install postgresql-client-${server}`,
    );
  }
  const partial = `${out}.partial`;
  const args = ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`];
  const dump = await run("pg_dump", [...args, `--dbname=${t.dbname}`], t.env);
  if (dump.code !== 0) {
    await Deno.remove(partial).catch(() => {});
    throw new ConfigError(`pg_dump of ${t.where} failed: ${firstError(dump.stderr)}`);
  }
  await Deno.rename(partial, out);
  return { schemaVersion, bytes: (await Deno.stat(out)).size };
}

/**
 * Restores a custom-format archive into the empty database of `databaseUrl`.
 * Throws one line, with nothing applied, for a damaged, truncated, foreign or
 * newer archive, missing tools, or a target that already holds tables.
 */
export async function restorePostgres(path: string, databaseUrl: string): Promise<BackupSummary> {
  refuseKind(path, await backupKind(path), "postgres");
  const t = target(databaseUrl);
  await toolMajor("pg_restore");
  const whole = await run("pg_restore", ["--file=/dev/null", path]);
  if (whole.code !== 0) {
    throw new ConfigError(`Backup ${path} is truncated or damaged: ${firstError(whole.stderr)}`);
  }
  const list = await run("pg_restore", ["--list", path]);
  const timescale = / EXTENSION - timescaledb\b/.test(list.stdout);
  const schemaVersion = await archiveSchemaVersion(path);
  await refuseNewerSchema(path, schemaVersion);
  await withSql(databaseUrl, async (sql) => {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S')
        and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%'
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')`;
    if (n > 0) {
      throw new ConfigError(
        `Database ${t.where} is not empty (${n} tables, views or sequences); restore into a new database (createdb) and point DATABASE_URL at it`,
      );
    }
    if (!timescale) return;
    const [{ available }] = await sql<{ available: boolean }[]>`
      select exists (select 1 from pg_available_extensions where name = 'timescaledb') as available`;
    if (!available) {
      throw new ConfigError(
        `Backup ${path} holds TimescaleDB hypertables but ${t.where} has no TimescaleDB; restore it into a TimescaleDB server`,
      );
    }
    // TimescaleDB's documented restore: its catalog is loaded as plain rows while restoring.
    await sql`create extension if not exists timescaledb`;
    await sql`select timescaledb_pre_restore()`;
  });
  const restore = await run("pg_restore", [
    "--single-transaction",
    "--exit-on-error",
    "--no-owner",
    "--no-privileges",
    `--dbname=${t.dbname}`,
    path,
  ], t.env);
  if (timescale) {
    await withSql(databaseUrl, async (sql) => {
      await sql`select timescaledb_post_restore()`;
      // A failed restore leaves the target as it was: empty, without the extension.
      if (restore.code !== 0) await sql`drop extension if exists timescaledb cascade`;
    });
  }
  if (restore.code !== 0) {
    throw new ConfigError(`pg_restore into ${t.where} failed: ${firstError(restore.stderr)}`);
  }
  return { schemaVersion, bytes: (await Deno.stat(path)).size };
}

/** The highest `schema_migrations.version` in an archive's data. */
async function archiveSchemaVersion(path: string): Promise<number> {
  const rows = await run("pg_restore", [
    "--data-only",
    "--table=schema_migrations",
    "--file=-",
    path,
  ]);
  const copy = /^COPY \S*schema_migrations [^\n]* FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(rows.stdout);
  if (rows.code !== 0 || !copy) {
    throw new ConfigError(`Backup ${path} holds no ercot-analytics schema (no schema_migrations)`);
  }
  const versions = copy[1].split("\n").filter(Boolean).map((l) => Number(l.split("\t")[0]));
  return Math.max(0, ...versions);
}
