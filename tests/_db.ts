/**
 * A fresh, migrated database for each test that asks for one: a new database
 * in the PostgreSQL named by `DATABASE_URL` when it is set, otherwise an
 * in-memory embedded PGlite started from a migrated snapshot.
 *
 * @module
 */
import postgres from "postgres";
import { loadConfig } from "../config.ts";
import { prepareDatabase, type ReadyDatabase } from "../db/setup.ts";
import type { AppDeps } from "../routes/app.ts";

/** A test database; `close()` drops it. */
export interface TestDatabase extends ReadyDatabase {
  close(): Promise<void>;
  /** The URL of this database (PostgreSQL mode only). */
  url?: string;
}

let snapshot: Promise<Blob> | undefined;

/** Which kind of database the suite runs on. */
export function testDatabaseMode(): "postgres" | "embedded" {
  return loadConfig(Deno.env.toObject()).databaseUrl ? "postgres" : "embedded";
}

/** Opens a fresh, migrated database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const base = loadConfig(Deno.env.toObject()).databaseUrl;
  return base ? await freshPostgres(base) : await freshEmbedded();
}

/** Runs `fn` with a fresh database and drops it afterwards. */
export async function withDatabase<T>(fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await openTestDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function freshPostgres(base: string): Promise<TestDatabase> {
  const name = `ercot_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
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

async function freshEmbedded(): Promise<TestDatabase> {
  snapshot ??= (async () => {
    const first = await prepareDatabase({ dataDir: "memory://" });
    const blob = await first.db.dump!();
    await first.db.close();
    return blob;
  })();
  const ready = await prepareDatabase({ dataDir: "memory://", loadDataDir: await snapshot });
  return { ...ready, close: () => ready.db.close() };
}

/** App dependencies over a test database, with a controllable clock. */
export function testDeps(db: ReadyDatabase, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    config: loadConfig({}),
    sql: db.db.sql,
    database: db.db.mode,
    capabilities: db.capabilities,
    migration: db.migration,
    startedAt: new Date("2026-01-01T00:00:00Z"),
    clock: () => new Date("2026-01-01T00:01:00Z"),
    ...overrides,
  };
}
