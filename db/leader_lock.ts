/**
 * Who may ingest: a PostgreSQL session-level advisory lock that exactly one
 * replica holds (see {@linkcode createLeaderLock}). Ingestion's scheduler and
 * the housekeeper take it before they write.
 *
 * @module
 */
import { openSession, type Sql } from "./client.ts";
import { describeCause } from "../util/cause.ts";
import { log as logger } from "../log/logger.ts";
import { TimeoutError, withTimeout } from "../resilience/timeout.ts";

/** Who may ingest right now. */
export interface LeaderLock {
  /**
   * True when this process holds (or just took) the ingest lock. Callers at
   * the same moment share one check: they all get the same answer.
   */
  acquire(): Promise<boolean>;
  /** Whether it held the lock at the last check. */
  readonly held: boolean;
  /**
   * How many times this process has taken the lock anew (0 before the first
   * time); a lock that never changes hands may leave it out.
   */
  readonly term?: number;
  /** Lets the lock go. */
  release(): Promise<void>;
}

const LEADER_KEY = 724_500_202;
const CHECK_TIMEOUT_MS = 10_000;

/**
 * A leader lock: a session-level advisory lock held by one session of its own
 * per process (see `openSession`). Every caller goes through one check at a
 * time, which keeps the lock when this session has it and otherwise tries to
 * take it, so ticks firing together never compete with each other. When the
 * session or the process dies, PostgreSQL frees the lock and another replica
 * (or this one, on a new session) takes it at its next check. The embedded
 * database serves one process, which always leads.
 */
export function createLeaderLock(
  sql: Sql,
  mode: "embedded" | "postgres",
  opts: { log?: (line: string) => void } = {},
): LeaderLock {
  if (mode === "embedded") {
    return {
      acquire: () => Promise.resolve(true),
      held: true,
      term: 1,
      release: () => Promise.resolve(),
    };
  }
  const log = opts.log ?? ((line: string) => logger.info(line));
  let session: Sql | undefined;
  let pending: Promise<boolean> | undefined;
  const lose = (why: string) => {
    if (lock.held) log(`ingest: lost the ingest lock (${why})`);
    lock.held = false;
  };
  const check = async (): Promise<boolean> => {
    session ??= openSession(sql, { onclose: () => lose("its connection closed") });
    try {
      // Already ours in this session → keep it (taking it twice would stack); else try.
      const [{ ok }] = await session<{ ok: boolean }[]>`
        select case when exists (
          select 1 from pg_locks where locktype = 'advisory' and classid = 0
            and objid = ${LEADER_KEY} and objsubid = 1 and pid = pg_backend_pid() and granted)
        then true else pg_try_advisory_lock(${LEADER_KEY}) end as ok`;
      if (ok && !lock.held) {
        lock.term++;
        log("ingest: took the ingest lock; this process ingests");
      }
      if (!ok) lose("another replica holds it");
      return lock.held = ok;
    } catch (err) {
      lose(describeCause(err));
      return false;
    }
  };
  const lock = {
    held: false,
    term: 0,
    acquire(): Promise<boolean> {
      return pending ??= withTimeout(CHECK_TIMEOUT_MS, check).catch((err) => {
        if (!(err instanceof TimeoutError)) throw err;
        // A check that hangs would hold up every tick: drop its session; the next opens anew.
        lose(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`);
        session?.end({ timeout: 0 }).catch(() => {});
        session = undefined;
        return false;
      }).finally(() => pending = undefined);
    },
    async release(): Promise<void> {
      const s = session;
      session = undefined;
      lock.held = false;
      if (!s) return;
      await s`select pg_advisory_unlock_all()`.catch(() => {});
      await s.end({ timeout: 1 }).catch(() => {});
    },
  };
  return lock;
}
