/**
 * Backup and restore of the embedded database (PGlite in `DATA_DIR`).
 *
 * A backup opens the folder, which takes its lock: while the service (or any
 * other process) holds it, the backup is refused with one line naming that
 * process, since a second reader would see a stale copy. The snapshot is
 * PGlite's own `dumpDataDir`, written aside and renamed into place.
 *
 * A restore checks the whole file (length and SHA-256) and its schema version
 * before touching anything, refuses a `DATA_DIR` that already holds a
 * database, loads the snapshot into a folder of its own beside the target and
 * renames it into place only once it opens and answers.
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "../db/client.ts";
import { acquireDataDirLock } from "../db/data_dir_lock.ts";
import { ConfigError } from "../domain/errors.ts";
import { digestHex } from "../util/digest.ts";
import {
  appliedSchemaVersion,
  backupKind,
  type EmbeddedHeader,
  MAGIC,
  refuseKind,
  refuseNewerSchema,
} from "./format.ts";

/** What a backup or restore did, for the one line the CLI prints. */
export interface BackupSummary {
  schemaVersion: number;
  bytes: number;
}

function pgliteDir(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}/pglite`;
}

async function holdsDatabase(dir: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(dir)) return true;
    return false;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

function refuseBusy(err: unknown, action: string, dataDir: string): never {
  const message = (err as Error)?.message ?? String(err);
  const busy = /is in use by (.*?); stop that process/.exec(message);
  if (busy) {
    throw new ConfigError(
      `Cannot ${action} DATA_DIR ${dataDir} while ${busy[1]} has it open; stop that process first`,
    );
  }
  throw err;
}

/**
 * Writes a snapshot of the embedded database in `dataDir` to `out`.
 *
 * @example
 * const { bytes } = await backupEmbedded("./data", "backup.ercot");
 */
export async function backupEmbedded(dataDir: string, out: string): Promise<BackupSummary> {
  if (!(await holdsDatabase(pgliteDir(dataDir)))) {
    throw new ConfigError(`DATA_DIR ${dataDir} holds no embedded database to back up`);
  }
  const db = await openDatabase({ dataDir }).catch((err) => refuseBusy(err, "back up", dataDir));
  let tar: Uint8Array;
  let schemaVersion: number;
  try {
    schemaVersion = await appliedSchemaVersion(db.sql);
    tar = new Uint8Array(await (await db.dump!()).arrayBuffer());
  } finally {
    await db.close();
  }
  const header: EmbeddedHeader = {
    mode: "embedded",
    schemaVersion,
    createdAt: new Date().toISOString(),
    bytes: tar.byteLength,
    sha256: await digestHex(tar),
  };
  const head = new TextEncoder().encode(`${MAGIC}\n${JSON.stringify(header)}\n`);
  const partial = `${out}.partial`;
  await Deno.writeFile(partial, concat(head, tar));
  await Deno.rename(partial, out);
  return { schemaVersion, bytes: head.byteLength + tar.byteLength };
}

/**
 * Restores a backup made by {@link backupEmbedded} into an empty `dataDir`.
 * Throws one line, with nothing written, for a damaged, truncated, foreign or
 * newer file, a busy folder or one that already holds a database.
 */
export async function restoreEmbedded(path: string, dataDir: string): Promise<BackupSummary> {
  refuseKind(path, await backupKind(path), "embedded");
  const { header, tar } = await readEmbeddedBackup(path);
  await refuseNewerSchema(path, header.schemaVersion);
  let lock;
  try {
    lock = acquireDataDirLock(dataDir);
  } catch (err) {
    refuseBusy(err, "restore into", dataDir);
  }
  try {
    const target = pgliteDir(dataDir);
    if (await holdsDatabase(target)) {
      throw new ConfigError(
        `DATA_DIR ${dataDir} already holds a database; restore into an empty DATA_DIR or move ${target} away first`,
      );
    }
    const staging = `${target}.restoring-${crypto.randomUUID().slice(0, 8)}`;
    try {
      const pg = await PGlite.create(staging, { loadDataDir: new Blob([new Uint8Array(tar)]) });
      try {
        await pg.query("select 1");
      } finally {
        await pg.close();
      }
      await Deno.remove(target, { recursive: true }).catch(() => {});
      await Deno.rename(staging, target);
    } catch (err) {
      await Deno.remove(staging, { recursive: true }).catch(() => {});
      throw new ConfigError(`Cannot load backup ${path}: ${(err as Error).message}`);
    }
    return { schemaVersion: header.schemaVersion, bytes: tar.byteLength };
  } finally {
    lock.release();
  }
}

/** Reads and checks an embedded backup file whole: header, length and SHA-256. */
export async function readEmbeddedBackup(
  path: string,
): Promise<{ header: EmbeddedHeader; tar: Uint8Array }> {
  const bytes = await Deno.readFile(path);
  const first = bytes.indexOf(10);
  const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
  let header: EmbeddedHeader | undefined;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(first + 1, second)));
  } catch {
    header = undefined;
  }
  if (
    second < 0 || header?.mode !== "embedded" || !Number.isInteger(header.schemaVersion) ||
    !Number.isInteger(header.bytes) || typeof header.sha256 !== "string"
  ) {
    throw new ConfigError(`Backup ${path} has a damaged header`);
  }
  const tar = bytes.subarray(second + 1);
  if (tar.byteLength !== header.bytes) {
    throw new ConfigError(
      `Backup ${path} is truncated or damaged: ${tar.byteLength} bytes of data, ${header.bytes} expected`,
    );
  }
  if ((await digestHex(tar)) !== header.sha256) {
    throw new ConfigError(`Backup ${path} is damaged: its SHA-256 does not match its header`);
  }
  return { header, tar };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
