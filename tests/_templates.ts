/**
 * Migrated templates for test databases, so a test pays for a copy instead of
 * running every migration again:
 *
 * - PostgreSQL: a template database per server, `ercot_tpl_<key>`, built once
 *   under an advisory lock and then cloned with `create database … template`.
 *   It is marked a template that allows no connections (TimescaleDB's
 *   scheduler then leaves it alone, and a clone never waits for a session).
 * - Embedded: a `dumpDataDir` tarball of a migrated PGlite, kept in the OS temp
 *   directory as `ercot-test-db/<key>.tar` and loaded with `loadDataDir`.
 *   Every test file runs in its own isolate, so without the file each one
 *   would migrate a PGlite of its own first.
 *
 * `<key>` hashes what decides a migrated database's content: the migration
 * files, the migrator, the capability probe and the PGlite version; a changed
 * migration makes a new template and never reuses a stale one. Templates are
 * shared by concurrent test processes (`--parallel`) and by other checkouts
 * with the same migrations. Drop stale ones with
 * `alter database ercot_tpl_… is_template false; drop database ercot_tpl_…`.
 *
 * @module
 */
import { tmpdir } from "node:os";
import postgres from "postgres";
import { prepareDatabase, type ReadyDatabase } from "../db/setup.ts";
import { MIGRATIONS_DIR } from "../db/migrate.ts";
import type { ScratchDatabase } from "../dev/scratch.ts";
import { hex } from "../util/digest.ts";

const ROOT = new URL("../", import.meta.url);
/** Sources, besides the migrations, that decide what a migrated database holds. */
const INPUTS = ["db/migrate.ts", "db/capabilities.ts", "db/setup.ts"];

let contentKey: Promise<string> | undefined;

/** A hex SHA-256 of the migrations, the migrator and the PGlite version. */
function templateKey(): Promise<string> {
  contentKey ??= (async () => {
    const parts: string[] = [];
    const names: string[] = [];
    for await (const entry of Deno.readDir(MIGRATIONS_DIR)) {
      if (entry.isFile) names.push(entry.name);
    }
    for (const name of names.sort()) {
      parts.push(name, await Deno.readTextFile(new URL(name, MIGRATIONS_DIR)));
    }
    for (const path of INPUTS) parts.push(path, await Deno.readTextFile(new URL(path, ROOT)));
    const imports = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))).imports;
    parts.push(String(imports["@electric-sql/pglite"]));
    const bytes = new TextEncoder().encode(parts.join("\u0000"));
    return hex(await crypto.subtle.digest("SHA-256", bytes));
  })();
  return contentKey;
}

function randomSuffix(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 16);
}

function withDatabaseName(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The template's name on the server of `admin`, built there first when missing. */
async function ensureServerTemplate(admin: postgres.Sql, base: string): Promise<string> {
  const [server] = await admin<{ version: string; timescale: string | null }[]>`
    select current_setting('server_version_num') as version,
      (select default_version from pg_available_extensions where name = 'timescaledb') as timescale`;
  const key = await templateKey();
  const name = `ercot_tpl_${key.slice(0, 20)}_${server.version}`;
  const ready = async (sql: postgres.Sql | postgres.ReservedSql) => {
    const rows = await sql`
      select 1 from pg_database where datname = ${name} and datistemplate and not datallowconn`;
    return rows.length > 0;
  };
  if (await ready(admin)) return name;
  const lock = BigInt.asIntN(64, BigInt(`0x${key.slice(0, 16)}`));
  const session = await admin.reserve();
  try {
    await session`select pg_advisory_lock(${lock.toString()}::bigint)`;
    if (await ready(session)) return name;
    // A database of that name that is not marked ready is a build that died half way.
    await session.unsafe(`drop database if exists ${name} with (force)`);
    await session.unsafe(`create database ${name}`);
    const built = await prepareDatabase({ databaseUrl: withDatabaseName(base, name), dataDir: "" });
    await built.db.close();
    await session.unsafe(`alter database ${name} with allow_connections false`);
    await session`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${name} and pid <> pg_backend_pid()`;
    await session.unsafe(`alter database ${name} with is_template true`);
    return name;
  } finally {
    await session`select pg_advisory_unlock(${lock.toString()}::bigint)`.catch(() => {});
    session.release();
  }
}

/**
 * A fresh database on the PostgreSQL server of `base`, cloned from the
 * migrated template; `close()` drops it.
 */
export async function openServerTestDatabase(base: string): Promise<ScratchDatabase> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const template = await ensureServerTemplate(admin, base);
    const name = `ercot_scratch_${randomSuffix()}`;
    await admin.unsafe(`create database ${name} template ${template}`);
    const url = withDatabaseName(base, name);
    let ready: ReadyDatabase;
    try {
      ready = await prepareDatabase({ databaseUrl: url, dataDir: "" });
    } catch (err) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      throw err;
    }
    return {
      ...ready,
      url,
      close: async () => {
        try {
          await ready.db.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
        } finally {
          await admin.end();
        }
      },
    };
  } catch (err) {
    await admin.end();
    throw err;
  }
}

let snapshot: Promise<Blob> | undefined;

/** The migrated PGlite data directory, from the temp-dir cache or built and cached. */
function embeddedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const dir = `${tmpdir()}/ercot-test-db`;
    const path = `${dir}/${await templateKey()}.tar`;
    try {
      return new Blob([await Deno.readFile(path)]);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
    const first = await prepareDatabase({ dataDir: "memory://" });
    const blob = await first.db.dump!();
    await first.db.close();
    // Written aside and renamed, so a concurrent reader never sees half a file.
    await Deno.mkdir(dir, { recursive: true });
    const partial = `${path}.${randomSuffix()}.partial`;
    await Deno.writeFile(partial, new Uint8Array(await blob.arrayBuffer()));
    await Deno.rename(partial, path);
    return blob;
  })();
  return snapshot;
}

/** A fresh in-memory embedded database started from the migrated snapshot. */
export async function openEmbeddedTestDatabase(): Promise<ScratchDatabase> {
  const ready = await prepareDatabase({
    dataDir: "memory://",
    loadDataDir: await embeddedSnapshot(),
  });
  return { ...ready, close: () => ready.db.close() };
}
