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
import { ConfigError } from "../domain/errors.ts";
import { validateDatabaseUrl } from "../config.ts";
import { TimeoutError, withTimeout } from "../resilience/timeout.ts";
import { acquireDataDirLock, type DataDirLock } from "./data_dir_lock.ts";
import { describeCause } from "../util/cause.ts";

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

/**
 * Seconds a pool connection waits before connecting again, after `retries` failed connections
 * in a row (postgres.js counts them across the pool, and starts again from 0 once a connection
 * is made). Its default grows threefold per failure up to 10–20 s, so after an outage of a few
 * seconds with the pool busy, the first queries once PostgreSQL was back waited that long. Here
 * the wait doubles from 25–50 ms up to 0.5–1 s: at most ten attempts a second from a pool of ten.
 */
export function reconnectDelay(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1);
}

const common = {
  onnotice: () => {},
  connection: { application_name: "ercot-analytics" },
  backoff: reconnectDelay,
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
  guardTransactions(sql);
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
  guardTransactions(sql);
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

/** Error codes that mean the connection itself is gone, not that a statement failed. */
const CONNECTION_LOST = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "57P01", // admin_shutdown: pg_terminate_backend, a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);

/** Whether `err` says the database connection was lost (terminated, closed, unreachable). */
export function isConnectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  // Class 08 is PostgreSQL's own "connection exception".
  return typeof code === "string" && (CONNECTION_LOST.has(code) || code.startsWith("08"));
}

/** How long {@link reserveConnection} waits for a connection of the pool (30 s). */
export const RESERVE_TIMEOUT_MS = 30_000;

/**
 * `sql.reserve()` with a deadline. postgres.js 3.4.9 never settles a reserve
 * that is still queued when the server terminates the connection it waits for
 * (porsager/postgres#1195): the caller would wait forever, as an ingest run did
 * after `pg_terminate_backend`. Past `timeoutMs` this rejects with a
 * connection-lost error (so callers treat it as one), and a reserve that
 * settles later is released at once.
 */
export async function reserveConnection(
  sql: Sql,
  timeoutMs = RESERVE_TIMEOUT_MS,
): Promise<postgres.ReservedSql> {
  const reserving = sql.reserve();
  try {
    return await withTimeout(timeoutMs, () => reserving);
  } catch (err) {
    if (!(err instanceof TimeoutError)) throw err;
    reserving.then((conn) => conn.release(), () => {});
    throw Object.assign(
      new Error(`No database connection became free within ${timeoutMs / 1000} s`),
      { code: "CONNECTION_CLOSED" },
    );
  }
}

/**
 * Makes `sql.begin` safe against a connection lost mid-transaction.
 * postgres.js rejects the transaction as soon as its connection closes, but the
 * callback keeps going: its next statement, or the library's own `rollback`
 * after the callback throws, is written to the closed connection, which throws
 * a `TypeError` from a timer where nobody can catch it (and leaves that
 * connection unable to reconnect). So once the connection is gone, a statement
 * started inside the transaction throws at once, and a callback that fails is
 * never handed back to the library, which then has nothing to write.
 */
function guardTransactions(sql: Sql): void {
  const begin = sql.begin.bind(sql) as (...args: unknown[]) => Promise<unknown>;
  (sql as { begin: unknown }).begin = (...args: unknown[]) => {
    const fn = args.pop() as (tx: Sql) => unknown;
    let lost = false;
    const tx = (raw: Sql) => guardScope(raw, () => lost);
    const outcome = begin(...args, (raw: Sql) =>
      new Promise((resolve, reject) => {
        const settle = (err: unknown) => {
          // A connection error may come from another pool inside the callback: give the
          // transaction's own close (which rejects `outcome` first) a turn to show itself.
          if (!isConnectionLost(err)) return reject(err);
          setTimeout(() => lost || reject(err), 0);
        };
        try {
          const x = fn(tx(raw));
          Promise.resolve(Array.isArray(x) ? Promise.all(x) : x).then(resolve, settle);
        } catch (err) {
          settle(err);
        }
      }));
    outcome.catch(() => lost = true);
    return outcome;
  };
}

/** A transaction's `sql` whose statements throw once `lost()` says its connection is gone. */
function guardScope(raw: Sql, lost: () => boolean): Sql {
  const check = () => {
    if (lost()) {
      throw Object.assign(new Error("The transaction's database connection was lost"), {
        code: "CONNECTION_CLOSED",
      });
    }
  };
  return new Proxy(raw, {
    apply(target, self, args) {
      check();
      return Reflect.apply(target, self, args);
    },
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        check();
        return Reflect.apply(value, target, args);
      };
    },
  });
}

/**
 * A client of one connection to the same server, with the same settings, as
 * `sql`: for a session that must last (the ingest leader lock, LISTEN).
 * `onclose` runs whenever that connection closes; the next statement opens a
 * new session. Statements go through the client's queue, never straight to a
 * connection that may have closed.
 */
export function openSession(
  sql: Sql,
  opts: {
    onclose?: () => void;
    onnotify?: (channel: string, payload: string) => void;
  } = {},
): Sql {
  // The parsed options of `sql` (with its shared state), as postgres.js itself builds its
  // LISTEN connection; `null` turns the idle and lifetime timers off.
  const options = {
    ...sql.options,
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    onclose: opts.onclose,
    onnotify: opts.onnotify,
  };
  const session = postgres(options as unknown as postgres.Options<Record<string, never>>);
  let own = sessions.get(sql);
  if (!own) {
    // Ending `sql` ends its sessions too, as a process's exit would.
    const members = own = new Set();
    sessions.set(sql, own);
    const end = sql.end.bind(sql);
    (sql as { end: unknown }).end = async (o?: { timeout?: number }) => {
      await Promise.all([...members].map((s) => s.end({ timeout: 1 }).catch(() => {})));
      return await end(o);
    };
  }
  own.add(session as unknown as Sql);
  return session as unknown as Sql;
}

/** Sessions opened on each client. */
const sessions = new WeakMap<Sql, Set<Sql>>();
