/**
 * A fresh, migrated database for each test that asks for one: a new database
 * in the PostgreSQL named by `DATABASE_URL` when it is set, otherwise an
 * in-memory embedded PGlite started from a migrated snapshot.
 *
 * @module
 */
import { loadConfig } from "../config.ts";
import { openScratchDatabase, type ScratchDatabase } from "../db/scratch.ts";
import type { ReadyDatabase } from "../db/setup.ts";
import type { AppDeps } from "../routes/app.ts";

/** A test database; `close()` drops it. */
export type TestDatabase = ScratchDatabase;

/** Which kind of database the suite runs on. */
export function testDatabaseMode(): "postgres" | "embedded" {
  return loadConfig(Deno.env.toObject()).databaseUrl ? "postgres" : "embedded";
}

/** Opens a fresh, migrated database. */
export function openTestDatabase(): Promise<TestDatabase> {
  return openScratchDatabase({ baseUrl: loadConfig(Deno.env.toObject()).databaseUrl });
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
