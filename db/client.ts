/**
 * Opens the one database the service uses: a postgres.js pool against
 * PostgreSQL when `DATABASE_URL` is set, otherwise an embedded PGlite in
 * `DATA_DIR` that postgres.js reaches over a loopback socket. The same SQL
 * runs on both. An embedded folder has one process at a time: opening it
 * takes its lock (see `data_dir_lock.ts`) until `close()`.
 *
 * @module
 */
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { ConfigError } from "../errors.ts";
import { validateDatabaseUrl } from "../config.ts";
import { acquireDataDirLock, type DataDirLock } from "./data_dir_lock.ts";

/** The postgres.js tagged-template client every module receives. */
export type Sql = postgres.Sql;

/** An open database and how to close it. */
export interface Database {
  /** The postgres.js client. */
  sql: Sql;
  /** `embedded` (PGlite) or `postgres`. */
  mode: "embedded" | "postgres";
  /** Where it is, for logs: a host:port/db or a data directory. */
  location: string;
  /** Closes the client (and the embedded server and database). */
  close(): Promise<void>;
  /** Embedded only: the data directory as a tarball, to start another instance from it. */
  dump?: () => Promise<Blob>;
}

/** Options for {@link openDatabase}. */
export interface OpenOptions {
  /** PostgreSQL URL; unset → embedded. */
  databaseUrl?: string;
  /** Directory for the embedded database; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Start the embedded database from a dump made by `dumpEmbedded` (tests). */
  loadDataDir?: Blob;
  /** Pool size on PostgreSQL (10). The embedded database always uses one connection. */
  max?: number;
  /** Seconds to wait for a connection (10). */
  connectTimeout?: number;
}

const common = {
  onnotice: () => {},
  connection: { application_name: "ercot-analytics" },
} as const;

/**
 * Opens PostgreSQL or the embedded database and checks it answers.
 * Throws {@link ConfigError} with one line naming the host and the cause when
 * it cannot connect.
 *
 * @example
 * const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
 * await db.sql`select 1`;
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts) : await openEmbedded(opts);
}

async function openPostgres(databaseUrl: string, opts: OpenOptions): Promise<Database> {
  const u = validateDatabaseUrl(databaseUrl);
  const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  const sql = postgres(databaseUrl, {
    ...common,
    max: opts.max ?? 10,
    connect_timeout: opts.connectTimeout ?? 10,
    idle_timeout: 60,
  });
  try {
    await sql`select 1`;
  } catch (err) {
    await sql.end({ timeout: 0 }).catch(() => {});
    throw new ConfigError(`Cannot connect to PostgreSQL at ${where}: ${describeCause(err)}`);
  }
  return {
    sql,
    mode: "postgres",
    location: where,
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openEmbedded(opts: OpenOptions): Promise<Database> {
  const dir = opts.dataDir ?? "./data";
  const memory = dir.startsWith("memory://");
  const lock = memory ? undefined : acquireDataDirLock(dir);
  try {
    return await startEmbedded(memory ? dir : `${dir.replace(/\/+$/, "")}/pglite`, opts, lock);
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function startEmbedded(
  location: string,
  opts: OpenOptions,
  lock?: DataDirLock,
): Promise<Database> {
  let db: PGlite;
  try {
    db = await PGlite.create(lock ? location : undefined, { loadDataDir: opts.loadDataDir });
  } catch (err) {
    throw new ConfigError(
      `Cannot open the embedded database in ${location}: ${describeCause(err)}`,
    );
  }
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 4 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  // One connection: PGlite runs one statement at a time, and a single session
  // keeps unnamed statements and transactions from interleaving.
  const sql = postgres({
    ...common,
    host: "127.0.0.1",
    port,
    user: "postgres",
    database: "postgres",
    max: 1,
    connect_timeout: opts.connectTimeout ?? 10,
  });
  await sql`select 1`;
  return {
    sql,
    mode: "embedded",
    location,
    close: async () => {
      try {
        await sql.end({ timeout: 5 });
        await server.stop();
        await db.close();
      } finally {
        lock?.release();
      }
    },
    dump: () => db.dumpDataDir("none") as Promise<Blob>,
  };
}

/** Turns a connection failure into a short cause: `connection refused (ECONNREFUSED)`. */
export function describeCause(err: unknown): string {
  const e = err as { code?: string; message?: string; errno?: string };
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host not found",
    ETIMEDOUT: "timed out",
    CONNECT_TIMEOUT: "timed out",
    "28P01": "password authentication failed",
    "28000": "authentication rejected",
    "3D000": "database does not exist",
  };
  const code = e?.code ?? e?.errno;
  if (code && known[code]) return `${known[code]} (${code})`;
  const msg = String(e?.message ?? err).split("\n")[0];
  return code ? `${msg} (${code})` : msg;
}
