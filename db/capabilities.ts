/**
 * What the connected database can do: server version and whether the
 * TimescaleDB extension is installed (or can be, and then is).
 *
 * @module
 */
import type { Sql } from "./client.ts";

/** Capabilities detected at start-up; queries never branch on anything else. */
export interface Capabilities {
  /** `server_version_num`, e.g. 150020. */
  serverVersion: number;
  /** TimescaleDB installed in this database. */
  timescale: boolean;
  /** Its version when installed. */
  timescaleVersion?: string;
  /** Why TimescaleDB is not used when it is available but could not be created. */
  timescaleNote?: string;
}

/**
 * Detects capabilities. When the extension is available but not yet created,
 * tries `create extension`; failure (e.g. not in `shared_preload_libraries`)
 * leaves the portable path with a note, never a failed start.
 */
export async function detectCapabilities(
  sql: Sql,
  opts: { tryCreate?: boolean } = {},
): Promise<Capabilities> {
  const [{ v }] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
  const serverVersion = Number(v);
  const installed = await timescaleVersion(sql);
  if (installed) return { serverVersion, timescale: true, timescaleVersion: installed };
  const [{ available }] = await sql<{ available: boolean }[]>`
    select exists (select 1 from pg_available_extensions where name = 'timescaledb') as available`;
  if (!available || opts.tryCreate === false) return { serverVersion, timescale: false };
  try {
    await sql`create extension if not exists timescaledb`;
  } catch (err) {
    const note = `TimescaleDB is available but could not be created: ${(err as Error).message}`;
    return { serverVersion, timescale: false, timescaleNote: note };
  }
  const created = await timescaleVersion(sql);
  return { serverVersion, timescale: Boolean(created), timescaleVersion: created };
}

async function timescaleVersion(sql: Sql): Promise<string | undefined> {
  const rows = await sql<{ extversion: string }[]>`
    select extversion from pg_extension where extname = 'timescaledb'`;
  return rows[0]?.extversion;
}
