/**
 * Start-up sequence for the database: open, detect capabilities, migrate.
 *
 * @module
 */
import { type Database, openDatabase } from "./client.ts";
import { type Capabilities, detectCapabilities } from "./capabilities.ts";
import { migrate, type MigrationResult } from "./migrate.ts";

/** An open, migrated database. */
export interface ReadyDatabase {
  db: Database;
  capabilities: Capabilities;
  migration: MigrationResult;
}

/**
 * Opens the configured database, detects TimescaleDB and applies migrations.
 * Throws ConfigError (one readable line) on any failure; closes what it opened.
 */
export async function prepareDatabase(
  opts: { databaseUrl?: string; dataDir: string; loadDataDir?: Blob },
): Promise<ReadyDatabase> {
  const db = await openDatabase(opts);
  try {
    const capabilities = await detectCapabilities(db.sql);
    const migration = await migrate(db.sql, { timescale: capabilities.timescale });
    return { db, capabilities, migration };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}
