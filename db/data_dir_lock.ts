/**
 * One writer per embedded data folder. PGlite keeps the whole database in
 * memory and writes it back to `DATA_DIR`, so two processes on one folder
 * each see their own copy and the one that stops last wins: rows and
 * accounts written by the other are lost. The first process to open the
 * folder takes an exclusive OS lock (`flock`) on `DATA_DIR/ercot-analytics.lock`
 * and writes its PID, command and start time there; any other process is
 * refused with one line naming the holder.
 *
 * The kernel releases the lock when its holder dies, however it dies, so a
 * lock left by a killed process is taken over at once, and a PID reused by
 * another program can never keep the folder locked: the file's content only
 * tells a refused process whom to look for.
 *
 * @module
 */
import { ConfigError } from "../domain/errors.ts";
import { describeCause } from "../util/cause.ts";

/** The lock file's name inside `DATA_DIR`. */
export const LOCK_FILE = "ercot-analytics.lock";

/** What the holder writes into the lock file. */
export interface LockHolder {
  pid: number;
  /** The program's main module, e.g. `main.ts` or `cli/ingest.ts`. */
  command: string;
  /** ISO instant the lock was taken. */
  since: string;
  hostname: string;
}

/** A held lock; `release()` is idempotent. */
export interface DataDirLock {
  /** The lock file's path. */
  path: string;
  release(): void;
}

const WHAT_INSTEAD = "stop that process first, use its HTTP API instead, " +
  "or set DATABASE_URL to a PostgreSQL database to run several processes on one database";

/**
 * Takes the folder's lock, creating the folder when needed. Throws a
 * {@link ConfigError} of one line when the folder cannot be used, when
 * another process holds the lock, or when the lock file is not ours.
 *
 * @example
 * const lock = acquireDataDirLock("./data");
 * try { ... } finally { lock.release(); }
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  try {
    Deno.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw unusable(dir, err);
  }
  const path = `${dir.replace(/\/+$/, "")}/${LOCK_FILE}`;
  refuseForeignFile(dir, path);
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true, write: true, create: true, mode: 0o644 });
  } catch (err) {
    throw unusable(dir, err);
  }
  let locked: boolean;
  try {
    locked = file.tryLockSync(true);
  } catch (err) {
    file.close();
    throw new ConfigError(`Cannot lock DATA_DIR ${dir}: ${describeCause(err)} (${path})`);
  }
  if (!locked) {
    file.close();
    throw new ConfigError(`DATA_DIR ${dir} is in use by ${describeHolder(path)}; ${WHAT_INSTEAD}`);
  }
  try {
    const holder: LockHolder = {
      pid: Deno.pid,
      command: mainModule(),
      since: new Date().toISOString(),
      hostname: Deno.hostname(),
    };
    file.truncateSync(0);
    file.writeSync(new TextEncoder().encode(`${JSON.stringify(holder)}\n`));
  } catch (err) {
    file.close();
    throw unusable(dir, err);
  }
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      try {
        // Emptied, not removed: removing it would let two processes lock two different files.
        file.truncateSync(0);
      } catch {
        // The lock is what matters; it goes with the file handle.
      }
      file.close();
    },
  };
}

/** Reads a lock file: its holder, `null` when empty, `undefined` when it is not ours. */
export function readLockHolder(path: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = Deno.readTextFileSync(path).trim();
  } catch {
    return undefined;
  }
  if (text === "") return null;
  try {
    const v = JSON.parse(text);
    return Number.isInteger(v?.pid) && typeof v.command === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A lock file we did not write (a link, a folder, foreign content) is left alone. */
function refuseForeignFile(dir: string, path: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw unusable(dir, err);
  }
  const kind = info.isSymlink ? "a symbolic link" : info.isDirectory ? "a folder" : undefined;
  const foreign = kind ??
    (readLockHolder(path) === undefined ? "a file this program did not write" : undefined);
  if (!foreign) return;
  throw new ConfigError(
    `Cannot lock DATA_DIR ${dir}: ${path} is ${foreign}; ` +
      "remove it if no other program uses it, or choose another DATA_DIR",
  );
}

function describeHolder(path: string): string {
  const h = readLockHolder(path);
  if (!h) return "another process (its lock file does not say which)";
  const host = h.hostname && h.hostname !== Deno.hostname() ? ` on ${h.hostname}` : "";
  return `another ercot-analytics process (PID ${h.pid}${host}, ${h.command}, since ${h.since})`;
}

function unusable(dir: string, err: unknown): ConfigError {
  return new ConfigError(
    `Cannot use DATA_DIR ${dir}: ${
      describeCause(err)
    }; set DATA_DIR to a folder this user can write`,
  );
}

function mainModule(): string {
  try {
    const parts = new URL(Deno.mainModule).pathname.split("/");
    return parts.at(-2) === "cli" ? parts.slice(-2).join("/") : parts.at(-1)!;
  } catch {
    return "deno";
  }
}
