/**
 * Throw-away databases for tests and benchmarks: a new database on a
 * PostgreSQL server, or an in-memory embedded PGlite started from a migrated
 * snapshot. Either is migrated and dropped on `close()`. Also an empty
 * database on a server, for a process that migrates it itself.
 *
 * @module
 */
import postgres from "postgres";
import { prepareDatabase, type ReadyDatabase } from "../db/setup.ts";

/** A scratch database; `close()` drops it. */
export interface ScratchDatabase extends ReadyDatabase {
  /** Closes and drops it. */
  close(): Promise<void>;
  /** Its URL (PostgreSQL only). */
  url?: string;
}

let snapshot: Promise<Blob> | undefined;

/**
 * Opens a fresh, migrated database: on the server of `baseUrl` when given,
 * embedded in memory otherwise.
 *
 * @example
 * const db = await openScratchDatabase({ baseUrl: "postgres://postgres@127.0.0.1:5432/postgres" });
 */
export async function openScratchDatabase(
  opts: { baseUrl?: string } = {},
): Promise<ScratchDatabase> {
  return opts.baseUrl ? await freshPostgres(opts.baseUrl) : await freshEmbedded();
}

/** An empty database on a PostgreSQL server. */
export interface EmptyDatabase {
  /** Its URL. */
  url: string;
  /** Drops it (closing its connections) and closes the admin connection. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database named `<prefix>_<16 random hex digits>` on the
 * server of `baseUrl`.
 *
 * @example
 * const { url, drop } = await createEmptyDatabase("postgres://postgres@127.0.0.1:5432/postgres", "ercot_crash");
 */
export async function createEmptyDatabase(base: string, prefix: string): Promise<EmptyDatabase> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function freshPostgres(base: string): Promise<ScratchDatabase> {
  const empty = await createEmptyDatabase(base, "ercot_scratch");
  const ready = await prepareDatabase({ databaseUrl: empty.url, dataDir: "" });
  return {
    ...ready,
    url: empty.url,
    close: async () => {
      await ready.db.close();
      await empty.drop();
    },
  };
}

async function freshEmbedded(): Promise<ScratchDatabase> {
  snapshot ??= (async () => {
    const first = await prepareDatabase({ dataDir: "memory://" });
    const blob = await first.db.dump!();
    await first.db.close();
    return blob;
  })();
  const ready = await prepareDatabase({ dataDir: "memory://", loadDataDir: await snapshot });
  return { ...ready, close: () => ready.db.close() };
}
