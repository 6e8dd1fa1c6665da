/**
 * Throw-away databases for tests and benchmarks: a new database on a
 * PostgreSQL server, or an in-memory embedded PGlite started from a migrated
 * snapshot. Either is migrated and dropped on `close()`.
 *
 * @module
 */
import postgres from "postgres";
import { prepareDatabase, type ReadyDatabase } from "./setup.ts";

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

async function freshPostgres(base: string): Promise<ScratchDatabase> {
  const name = `ercot_scratch_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const ready = await prepareDatabase({ databaseUrl: url.toString(), dataDir: "" });
  return {
    ...ready,
    url: url.toString(),
    close: async () => {
      await ready.db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
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
