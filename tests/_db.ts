/**
 * A fresh, migrated database for each test that asks for one: a new database
 * in the PostgreSQL named by `DATABASE_URL` when it is set, otherwise an
 * in-memory embedded PGlite. Both start from a migrated template
 * (`_templates.ts`) rather than running the migrations per test.
 *
 * @module
 */
import { createAuthService } from "../auth/service.ts";
import { loadConfig } from "../config.ts";
import type { ScratchDatabase } from "../dev/scratch.ts";
import type { ReadyDatabase } from "../db/setup.ts";
import type { AppDeps } from "../routes/deps.ts";
import { composeDeps } from "../routes/compose.ts";
import { testPasswordHasher } from "./_auth.ts";
import { openEmbeddedTestDatabase, openServerTestDatabase } from "./_templates.ts";

/** A test database; `close()` drops it. */
export type TestDatabase = ScratchDatabase;

/** Which kind of database the suite runs on. */
export function testDatabaseMode(): "postgres" | "embedded" {
  return loadConfig(Deno.env.toObject()).databaseUrl ? "postgres" : "embedded";
}

/** Opens a fresh, migrated database. */
export function openTestDatabase(): Promise<TestDatabase> {
  const base = loadConfig(Deno.env.toObject()).databaseUrl;
  return base ? openServerTestDatabase(base) : openEmbeddedTestDatabase();
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

/**
 * App dependencies over a test database, composed as the server composes them
 * (`composeDeps()`), with a controllable clock and an auth service over the
 * merged dependencies whose hasher is the cheap {@link testPasswordHasher}
 * (unless `overrides.auth` is given). Any other part in `overrides` is used as
 * it is.
 */
export function testDeps(db: ReadyDatabase, overrides: Partial<AppDeps> = {}): AppDeps {
  const core = {
    config: loadConfig({}),
    sql: db.db.sql,
    database: db.db.mode,
    capabilities: db.capabilities,
    migration: db.migration,
    startedAt: new Date("2026-01-01T00:00:00Z"),
    clock: () => new Date("2026-01-01T00:01:00Z"),
    ...overrides,
  };
  const auth = overrides.auth ?? createAuthService(core, { hasher: testPasswordHasher() });
  return composeDeps(core, { ...overrides, auth });
}
