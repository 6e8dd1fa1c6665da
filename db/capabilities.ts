/**
 * What the connected database can do: server version and whether TimescaleDB
 * is used. TimescaleDB is used only when it is installed in this database (or
 * can be created there), preloaded, within the versions the migrations are
 * written for and licensed for compression and continuous aggregates;
 * otherwise the service runs on plain PostgreSQL tables and says why in one
 * line ({@link Capabilities.timescaleNote}).
 *
 * @module
 */
import { reserveConnection, type Sql } from "./client.ts";

/** Capabilities detected at start-up; queries never branch on anything else. */
export interface Capabilities {
  /** `server_version_num`, e.g. 150020. */
  serverVersion: number;
  /** TimescaleDB is installed in this database and used. */
  timescale: boolean;
  /** Its version when used. */
  timescaleVersion?: string;
  /** One line: why TimescaleDB is not used although the server has it, and the fix. */
  timescaleNote?: string;
}

/** TimescaleDB versions the migrations work with: `min` ≤ version < `below`. */
export interface SupportedRange {
  min: string;
  below: string;
}

/**
 * 2.11 brought updates and upserts on compressed chunks, which revisions need;
 * the time zone and hierarchical continuous aggregates are older. 3.0 may
 * change any of the APIs the migrations call.
 */
export const SUPPORTED_TIMESCALE: SupportedRange = { min: "2.11.0", below: "3.0.0" };

/** What the server says about TimescaleDB before anything is decided. */
export interface TimescaleFacts {
  /** `extversion` when the extension is created in this database. */
  installed?: string;
  /** `default_version` when the server offers the extension. */
  available?: string;
  /** The loader library is in `shared_preload_libraries`. */
  preloaded: boolean;
  /** `timescaledb.license` (`timescale` or `apache`) once the extension is loaded. */
  license?: string;
}

/** What to do about TimescaleDB, from {@link planTimescale}. */
export type TimescalePlan =
  | { action: "use" | "create"; version: string }
  | { action: "skip"; note?: string };

const PLAIN = "using plain PostgreSQL tables for observations and rollups";

/**
 * Decides from the facts alone whether TimescaleDB is used, created first, or
 * skipped with a note naming the cause and the fix.
 *
 * @example
 * planTimescale({ available: "2.17.2", preloaded: false }); // { action: "skip", note: "…shared_preload_libraries…" }
 */
export function planTimescale(
  facts: TimescaleFacts,
  supported: SupportedRange = SUPPORTED_TIMESCALE,
): TimescalePlan {
  const version = facts.installed ?? facts.available;
  if (!version) return { action: "skip" };
  const where = facts.installed ? "installed in this database" : "available on this server";
  if (compareVersions(version, supported.min) < 0) {
    return {
      action: "skip",
      note: `TimescaleDB ${version} is ${where} but older than ${supported.min}, the oldest ` +
        `this service supports; ${PLAIN}. Update it (alter extension timescaledb update) to use it`,
    };
  }
  if (compareVersions(version, supported.below) >= 0) {
    return {
      action: "skip",
      note: `TimescaleDB ${version} is ${where} but this service's migrations are written for ` +
        `versions before ${supported.below}; ${PLAIN}`,
    };
  }
  if (!facts.preloaded) {
    return {
      action: "skip",
      note: `TimescaleDB ${version} is ${where} but not preloaded; ${PLAIN}. To use it, add ` +
        `timescaledb to shared_preload_libraries in postgresql.conf and restart PostgreSQL`,
    };
  }
  if (facts.license === "apache") {
    return {
      action: "skip",
      note:
        `TimescaleDB ${version} runs under the Apache license (timescaledb.license = apache), ` +
        `which has no compression, continuous aggregates or policies; ${PLAIN}. Set ` +
        `timescaledb.license = timescale in postgresql.conf to use them`,
    };
  }
  return { action: facts.installed ? "use" : "create", version };
}

/**
 * Detects capabilities. When TimescaleDB is available and preloaded but not
 * yet created, creates it (unless `tryCreate` is false); a failure leaves the
 * portable path with a note, never a failed start. The attempt runs on a
 * connection of its own, so a server that ends the session over it leaves the
 * pool unharmed.
 */
export async function detectCapabilities(
  sql: Sql,
  opts: { tryCreate?: boolean; supported?: SupportedRange } = {},
): Promise<Capabilities> {
  const [{ v }] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
  const serverVersion = Number(v);
  const facts = await timescaleFacts(sql);
  const plan = planTimescale(facts, opts.supported);
  if (plan.action === "skip") return { serverVersion, timescale: false, timescaleNote: plan.note };
  if (plan.action === "use") {
    return { serverVersion, timescale: true, timescaleVersion: plan.version };
  }
  if (opts.tryCreate === false) return { serverVersion, timescale: false };
  const failure = await createExtension(sql);
  if (failure) {
    const note = `TimescaleDB ${plan.version} is available on this server but ` +
      `"create extension timescaledb" failed: ${failure}; ${PLAIN}`;
    return { serverVersion, timescale: false, timescaleNote: note };
  }
  const after = planTimescale(await timescaleFacts(sql), opts.supported);
  if (after.action !== "use") {
    // Created but unusable (an Apache-only build): leave the database as it was.
    await sql`drop extension if exists timescaledb`;
    return {
      serverVersion,
      timescale: false,
      timescaleNote: after.action === "skip" ? after.note : undefined,
    };
  }
  return { serverVersion, timescale: true, timescaleVersion: after.version };
}

async function timescaleFacts(sql: Sql): Promise<TimescaleFacts> {
  // The loader defines timescaledb.disable_load when it is preloaded; reading it needs no privilege.
  const [row] = await sql<
    {
      installed: string | null;
      available: string | null;
      loader: string | null;
      license: string | null;
    }[]
  >`
    select (select extversion from pg_extension where extname = 'timescaledb') as installed,
           (select default_version from pg_available_extensions where name = 'timescaledb')
             as available,
           current_setting('timescaledb.disable_load', true) as loader,
           current_setting('timescaledb.license', true) as license`;
  return {
    installed: row.installed ?? undefined,
    available: row.available ?? undefined,
    preloaded: row.loader !== null && row.loader !== "",
    license: row.license || undefined,
  };
}

/** Creates the extension on a reserved connection; returns why it failed, or undefined. */
async function createExtension(sql: Sql): Promise<string | undefined> {
  const conn = await reserveConnection(sql);
  try {
    await conn`create extension if not exists timescaledb`;
    return undefined;
  } catch (err) {
    return String((err as Error).message ?? err).split("\n")[0];
  } finally {
    conn.release();
  }
}

/** Compares dotted versions numerically: `2.9.0` < `2.11.0`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
