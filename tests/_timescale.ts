/**
 * Where TimescaleDB tests find TimescaleDB: `TIMESCALEDB_URL`, else the
 * suite's `DATABASE_URL`, whichever server can actually *create* the
 * extension in a new database (one that merely lists it, without preloading
 * it, does not count). Without one these tests are skipped with a loud
 * warning, except under `CI=true`, where each of them fails.
 *
 * Run them locally with `TIMESCALEDB_URL=$(../shared/tools/timescaledb start)`.
 *
 * @module
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { loadConfig, redact } from "../config.ts";
import type { ScratchDatabase } from "../dev/scratch.ts";
import { openServerTestDatabase } from "./_templates.ts";
import type { Sql } from "../db/client.ts";

/** Probes one server: undefined when TimescaleDB can be created there, else why not. */
async function cannotCreate(url: string): Promise<string | undefined> {
  const name = `ercot_probe_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (err) {
    await admin.end({ timeout: 1 });
    return `${redact(url)}: ${(err as Error).message}`;
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const probe = postgres(target.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await probe`create extension timescaledb`;
    return undefined;
  } catch (err) {
    return `${redact(url)}: ${(err as Error).message.split("\n")[0]}`;
  } finally {
    await probe.end({ timeout: 1 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 1 });
  }
}

async function findTimescale(): Promise<{ url?: string; reason: string }> {
  const config = loadConfig(Deno.env.toObject());
  const candidates = [config.timescaledbUrl, config.databaseUrl].filter((u): u is string =>
    Boolean(u)
  );
  const reasons: string[] = [];
  for (const url of candidates) {
    const why = await cannotCreate(url);
    if (why === undefined) return { url, reason: "" };
    reasons.push(why);
  }
  return {
    reason: reasons.length ? reasons.join("; ") : "neither TIMESCALEDB_URL nor DATABASE_URL is set",
  };
}

const found = await findTimescale();
const ci = Deno.env.get("CI") === "true";

/** The TimescaleDB server under test, or undefined. */
export const timescaleUrl: string | undefined = found.url;

if (!found.url && !ci) {
  console.warn(
    `SKIPPED: TimescaleDB tests: the extension cannot be created (${found.reason}); ` +
      "set TIMESCALEDB_URL=$(../shared/tools/timescaledb start)",
  );
}

/**
 * Declares a test that needs TimescaleDB: skipped loudly without it, failed
 * without it under CI.
 */
export function timescaleTest(name: string, fn: (t: Deno.TestContext) => Promise<void>): void {
  Deno.test({
    name,
    ignore: !found.url && !ci,
    fn: found.url ? fn : () => {
      throw new Error(
        `TimescaleDB is required under CI but cannot be created: ${found.reason}; ` +
          ".ci/run starts it with ../shared/tools/timescaledb start",
      );
    },
  });
}

/** A fresh, migrated database on the TimescaleDB server, using TimescaleDB. */
export async function openTimescaleDatabase(): Promise<ScratchDatabase> {
  assert.ok(timescaleUrl, "no TimescaleDB server to open a database on");
  const db = await openServerTestDatabase(timescaleUrl);
  assert.equal(db.capabilities.timescale, true, db.capabilities.timescaleNote);
  assert.equal(db.migration.variant, "timescale");
  return db;
}

/** Runs `fn` with a fresh TimescaleDB database and drops it afterwards. */
export async function withTimescale<T>(fn: (db: ScratchDatabase) => Promise<T>): Promise<T> {
  const db = await openTimescaleDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** A blocked daily rollup: what {@link blockDailyRollup} gives. */
export interface BlockedRollup {
  /** A client that gives up waiting for a lock after one second. */
  impatient: Sql;
  /** Lets the daily rollup's table go (once; later calls do nothing). */
  release(): Promise<void>;
}

/**
 * Holds the daily continuous aggregate's table in another session, as a long
 * maintenance statement would, so refreshing it through `impatient` fails
 * with a lock timeout while writes to `observations` still commit.
 */
export async function blockDailyRollup(db: ScratchDatabase): Promise<BlockedRollup> {
  const sql = db.db.sql;
  const [{ mat }] = await sql<{ mat: string }[]>`
    select format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name)
      as mat
    from timescaledb_information.continuous_aggregates where view_name = 'observations_1d'`;
  const blocker = await sql.reserve();
  await blocker`begin`;
  await blocker.unsafe(`lock table ${mat} in access exclusive mode`);
  const impatient = postgres(db.url!, {
    max: 2,
    onnotice: () => {},
    connection: { lock_timeout: 1000 },
  });
  let held = true;
  return {
    impatient: impatient as unknown as Sql,
    release: async () => {
      if (!held) return;
      held = false;
      await blocker`rollback`;
      blocker.release();
    },
  };
}
