/**
 * Data reads from PostgreSQL streaming replicas (`DATABASE_READ_URL`): one
 * postgres.js client per replica, taken in turn among those that answer. A
 * replica whose connection is lost is marked down and skipped (the read goes
 * to the next one, or to the primary) and probed in the background until it
 * answers again as a standby. A read that fails because its source went away
 * is tried once more on the next source, so a replica dying mid-request fails
 * no request. A replica that stops answering without closing anything (its
 * host frozen, a network partition) is found by a probe on a connection of its
 * own once a read has waited `hangCheckMs`, and is marked down the same way:
 * its reads in flight go elsewhere. Writes never come here: they stay on the
 * primary's `sql`.
 *
 * @module
 */
import postgres from "postgres";
import { validateDatabaseUrl } from "../config.ts";
import { withTimeout } from "../resilience/timeout.ts";
import { describeCause } from "../util/cause.ts";
import { isConnectionLost, reconnectDelay, type Sql } from "./client.ts";

/** Where the reads of one request go, and whether they may lag the primary. */
export interface ReadSql {
  /**
   * Runs `fn` on one source: a healthy replica in turn, else the primary.
   * Every statement of `fn` goes to that source, so what it reads (data and
   * freshness alike) is one source's view. Tried once more on the next source
   * when the first one's connection is lost or a replica cancels it.
   */
  run<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** How many replicas are configured (0: everything reads the primary). */
  readonly replicas: number;
  /** Each replica's name (host:port/db) and whether it serves reads now. */
  status(): ReplicaStatus[];
}

/** One replica as {@link ReadSql.status} reports it. */
export interface ReplicaStatus {
  name: string;
  healthy: boolean;
  /** Why it is down, when it is. */
  reason?: string;
}

/** A {@link ReadSql} over replicas, with the clients it opened. */
export interface ReadPool extends ReadSql {
  /** Stops the probes and closes the replica clients (the primary stays open). */
  close(): Promise<void>;
}

/** Options of {@link openReadPool}. */
export interface ReadPoolOptions {
  /** The primary's client: the fallback when no replica answers. */
  primary: Sql;
  /** The replicas' URLs (`DATABASE_READ_URL`). */
  urls: string[];
  /** Where warnings (a replica down, a primary given as replica) and recoveries go. */
  log: { info(message: string): void; warn(message: string): void };
  /** Milliseconds between two probes of a replica that is down (3000). */
  probeIntervalMs?: number;
  /** Connections per replica (10). */
  max?: number;
  /** Seconds to wait for a replica's connection (5). */
  connectTimeout?: number;
  /**
   * Milliseconds a read may wait on a replica before a probe on a connection of its own asks
   * whether the replica still answers (2000). A replica that does not answer the probe within
   * `connectTimeout` + 1 s is marked down and the read goes elsewhere; one that answers keeps
   * the read, however long it takes.
   */
  hangCheckMs?: number;
}

/** Every read on `sql`: the handle the service uses without replicas. */
export function primaryReads(sql: Sql): ReadSql {
  return { run: (fn) => fn(sql), replicas: 0, status: () => [] };
}

/** SQLSTATE 40001 on a standby: a statement cancelled by a conflict with WAL replay. */
const RECOVERY_CONFLICT = "40001";

interface Replica {
  name: string;
  url: string;
  sql: Sql;
  healthy: boolean;
  reason?: string;
  probe?: ReturnType<typeof setInterval>;
  /** Rejects the reads in flight on this replica when it is marked down. */
  outage: Outage;
  /** A hang probe under way, shared by the reads waiting on this replica. */
  hangProbe?: Promise<string | undefined>;
}

/** A promise that rejects once, when {@link Outage.reject} is called. */
interface Outage {
  promise: Promise<never>;
  reject(err: Error): void;
}

function outage(): Outage {
  let reject!: (err: Error) => void;
  const promise = new Promise<never>((_, r) => reject = r);
  // Raced by every read on the replica; rejected with nobody waiting, it is not an error.
  promise.catch(() => {});
  return { promise, reject };
}

/**
 * Opens a client per replica and checks each one: a replica that is
 * unreachable, or that is not a standby (`pg_is_in_recovery()` false: a
 * primary, or a promoted standby whose data may diverge), is logged as a
 * warning naming it and left out until a probe finds it answering as a
 * standby. Never throws for a replica: the service starts on the primary.
 * Throws only on a URL that is not a postgres:// URL.
 *
 * @example
 * const reads = await openReadPool({ primary: db.sql, urls: config.databaseReadUrls, log });
 * const rows = await reads.run((sql) => sql`select 1`);
 */
export async function openReadPool(opts: ReadPoolOptions): Promise<ReadPool> {
  const pool = new ReplicaPool(opts);
  await pool.start();
  return pool;
}

class ReplicaPool implements ReadPool {
  #opts: ReadPoolOptions;
  #replicas: Replica[];
  #turn = 0;
  #closed = false;

  constructor(opts: ReadPoolOptions) {
    this.#opts = opts;
    this.#replicas = opts.urls.map((url) => {
      const u = validateDatabaseUrl(url, "DATABASE_READ_URL");
      return {
        name: `${u.hostname}:${u.port || 5432}${u.pathname}`,
        url,
        healthy: false,
        sql: this.#client(url),
        outage: outage(),
      };
    });
  }

  /** The reads' client of one replica. */
  #client(url: string, max = this.#opts.max ?? 10): Sql {
    return postgres(url, {
      onnotice: () => {},
      connection: { application_name: "ercot-analytics-read" },
      max,
      connect_timeout: this.#opts.connectTimeout ?? 5,
      idle_timeout: 60,
      backoff: reconnectDelay,
    });
  }

  get replicas(): number {
    return this.#replicas.length;
  }

  /** Checks every replica once, concurrently: up, or down with a warning and a probe. */
  async start(): Promise<void> {
    await Promise.all(this.#replicas.map(async (r) => {
      const why = await this.#check(r);
      if (why) this.#down(r, why);
      else r.healthy = true;
    }));
  }

  async run<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const primary = this.#opts.primary;
    if (this.#replicas.length === 0) return await fn(primary);
    const [first, second] = this.#sources();
    try {
      return first ? await this.#watched(first, fn(first.sql)) : await fn(primary);
    } catch (err) {
      const lost = isConnectionLost(err);
      const conflict = first && (err as { code?: unknown })?.code === RECOVERY_CONFLICT;
      if (!lost && !conflict) throw err;
      if (first?.healthy && lost) {
        this.#down(first, `its connection was lost: ${describeCause(err)}`);
      }
      return await fn(second?.healthy ? second.sql : primary);
    }
  }

  status(): ReplicaStatus[] {
    return this.#replicas.map((r) => ({
      name: r.name,
      healthy: r.healthy,
      ...r.reason && { reason: r.reason },
    }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const r of this.#replicas) {
      clearInterval(r.probe);
      r.probe = undefined;
    }
    await Promise.all(this.#replicas.map((r) => r.sql.end({ timeout: 1 }).catch(() => {})));
  }

  /** The sources to try, in order: the next healthy replica, then the one after it or none. */
  #sources(): [Replica | undefined, Replica | undefined] {
    const up = this.#replicas.filter((r) => r.healthy);
    if (up.length === 0) return [undefined, undefined];
    const first = up[this.#turn++ % up.length];
    return [first, up.length > 1 ? up[this.#turn % up.length] : undefined];
  }

  /**
   * `read`, running on `r`, unless `r` stops answering first: once the read has waited
   * `hangCheckMs`, and again after each answered probe, a probe on a connection of its own
   * asks `r` whether it is still a standby; a probe unanswered marks `r` down, which rejects
   * the read (and every other one on `r`) as a lost connection, and `run` tries the next source.
   */
  async #watched<T>(r: Replica, read: Promise<T>): Promise<T> {
    const every = this.#opts.hangCheckMs ?? 2000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      timer = setTimeout(async () => {
        const why = await (r.hangProbe ??= this.#probeAlone(r).finally(() => {
          r.hangProbe = undefined;
        }));
        if (why) this.#down(r, why, { hung: true });
        else if (timer !== undefined) watch();
      }, every);
    };
    watch();
    try {
      return await Promise.race([read, r.outage.promise]);
    } finally {
      clearTimeout(timer);
      timer = undefined;
      // Abandoned for the next source when the race was lost; settles on its own.
      read.catch(() => {});
    }
  }

  /** {@link #check} on a new connection of its own, closed after, so no stuck one queues it. */
  async #probeAlone(r: Replica): Promise<string | undefined> {
    const alone = this.#client(r.url, 1);
    try {
      return await this.#check(r, alone);
    } finally {
      alone.end({ timeout: 0 }).catch(() => {});
    }
  }

  /** Why `r` cannot serve reads (it does not answer, or is not a standby), or undefined. */
  async #check(r: Replica, sql = r.sql): Promise<string | undefined> {
    try {
      const [row] = await withTimeout(
        (this.#opts.connectTimeout ?? 5) * 1000 + 1000,
        () => sql<{ standby: boolean }[]>`select pg_is_in_recovery() as standby`,
      );
      return row.standby
        ? undefined
        : "it is not a standby (pg_is_in_recovery() is false), so its data may not be the primary's";
    } catch (err) {
      return `it does not answer: ${describeCause(err)}`;
    }
  }

  /**
   * Takes `r` out of turn (warning once per outage), rejects its reads in flight, and probes
   * it until it is a standby again. A `hung` replica's client is replaced: its connections may
   * never answer, and new reads must not queue behind them once it is back.
   */
  #down(r: Replica, reason: string, opts: { hung?: boolean } = {}): void {
    const was = r.healthy;
    r.healthy = false;
    r.reason = reason;
    if (was) {
      r.outage.reject(
        Object.assign(new Error(`read replica ${r.name}: ${reason}`), { code: "CONNECTION_ENDED" }),
      );
      r.outage = outage();
    }
    if (was && opts.hung) {
      const stuck = r.sql;
      r.sql = this.#client(r.url);
      stuck.end({ timeout: 0 }).catch(() => {});
    }
    if (was || r.probe === undefined) {
      this.#opts.log.warn(
        `read replica ${r.name}: ${reason}; its reads go elsewhere until it answers`,
      );
    }
    if (r.probe !== undefined || this.#closed) return;
    let probing = false;
    const probe = r.probe = setInterval(async () => {
      if (probing) return;
      probing = true;
      const why = await this.#check(r);
      probing = false;
      if (why || r.probe !== probe) return;
      clearInterval(probe);
      r.probe = undefined;
      r.healthy = true;
      r.reason = undefined;
      this.#opts.log.info(`read replica ${r.name} answers again as a standby: reads go to it`);
    }, this.#opts.probeIntervalMs ?? 3000);
    Deno.unrefTimer(probe);
  }
}

/**
 * The reads of a service on `database`: over `urls` when it is PostgreSQL and
 * some are given, otherwise on `primary`. The embedded database has no
 * replicas: given ones are ignored with a warning.
 */
export async function openReads(
  database: "embedded" | "postgres",
  opts: ReadPoolOptions,
): Promise<ReadPool> {
  if (opts.urls.length && database === "embedded") {
    opts.log.warn(
      "DATABASE_READ_URL is ignored: the embedded database has no replicas (set DATABASE_URL)",
    );
  }
  if (!opts.urls.length || database === "embedded") {
    return { ...primaryReads(opts.primary), close: () => Promise.resolve() };
  }
  return await openReadPool(opts);
}
