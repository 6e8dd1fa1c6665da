/**
 * The event bus behind the live feed. `publish()` inserts into the bounded
 * `events` table; every bus on the database then reads the new rows in id
 * order and hands them to its subscribers. Embedded: the publishing process
 * reads them right away. PostgreSQL: the publishing transaction sends
 * `NOTIFY ercot_events, '<newest id>'` and every replica that `LISTEN`s reads
 * the rows after its cursor, so each replica delivers every event, in order,
 * whatever the NOTIFY payload limit. Publishes hold a transaction-scoped
 * advisory lock, so ids become visible in id order and a cursor never skips one.
 *
 * @module
 */
import { log } from "../log/logger.ts";
import { openSession, type Sql } from "../db/client.ts";
import { describeCause } from "../util/cause.ts";

/** Event types the live feed carries. */
export type EventType = "observation" | "ingest" | "alert" | "grid_status";

/** One stored event. */
export interface BusEvent {
  /** Increasing id; the SSE `id:` and `Last-Event-ID`. */
  id: number;
  type: EventType;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** An event to publish. */
export interface NewEvent {
  type: EventType;
  payload: Record<string, unknown>;
}

/** Receives every event after the bus cursor at the time it subscribed. */
export type BusListener = (event: BusEvent) => void;

/** The bus. */
export interface EventBus {
  /** Where events fan out: in-process (`embedded`) or through LISTEN/NOTIFY. */
  readonly mode: "embedded" | "postgres";
  /** Id of the newest event handed to subscribers (0 before any). */
  readonly cursor: number;
  /** Stores one event and fans it out; resolves with the stored event. */
  publish(type: EventType, payload: Record<string, unknown>): Promise<BusEvent>;
  /** Stores events in one transaction, in order, with one notification. */
  publishMany(events: NewEvent[]): Promise<BusEvent[]>;
  /**
   * Adds a listener. Resolves once the bus is listening; from then on the
   * listener sees every event with an id above {@link EventBus.cursor}.
   * `onClose` runs when the bus closes. Resolves with the function that removes it.
   */
  subscribe(listener: BusListener, opts?: { onClose?: () => void }): Promise<() => void>;
  /** Stored events with `after < id <= upTo`, oldest first, at most `limit`. */
  replay(after: number, opts?: { upTo?: number; limit?: number }): Promise<BusEvent[]>;
  /** Id of the oldest stored event, or null when the table is empty. */
  oldestId(): Promise<number | null>;
  /** Deletes events beyond the newest `keep` or older than `maxAgeSeconds`. */
  prune(): Promise<number>;
  /** Stops listening and drops every listener. */
  close(): Promise<void>;
}

/** Options of {@link createEventBus}. */
export interface EventBusOptions {
  sql: Sql;
  mode: "embedded" | "postgres";
  /** Events kept (100,000). */
  keep?: number;
  /** Oldest event kept, in seconds (86,400). */
  maxAgeSeconds?: number;
  /** Seconds between automatic prunes after publishes (60). */
  pruneEverySeconds?: number;
  /** NOTIFY channel (`ercot_events`). */
  channel?: string;
}

const LOCK_KEY = 724_500_201;
const PAGE = 1000;

type Row = {
  id: string | number;
  type: EventType;
  payload: Record<string, unknown>;
  created_at: Date;
};

function toEvent(r: Row): BusEvent {
  return { id: Number(r.id), type: r.type, payload: r.payload, createdAt: r.created_at };
}

/**
 * Creates a bus. Nothing touches the database until the first publish or subscribe.
 *
 * @example
 * const bus = createEventBus({ sql, mode: "postgres" });
 * const stop = await bus.subscribe((e) => console.log(e.id, e.type));
 * await bus.publish("ingest", { feed: "np6_905", status: "success", rows: 40 });
 */
export function createEventBus(opts: EventBusOptions): EventBus {
  return new SqlEventBus(opts);
}

class SqlEventBus implements EventBus {
  readonly mode: "embedded" | "postgres";
  #sql: Sql;
  #keep: number;
  #maxAge: number;
  #pruneEveryMs: number;
  #channel: string;
  #listeners = new Set<BusListener>();
  #closers = new Set<() => void>();
  #pump: ReturnType<typeof createPump>;
  #started?: Promise<void>;
  #session?: Sql;
  #relisten?: ReturnType<typeof setTimeout>;
  #closed = false;
  #lastPrune = 0;

  constructor(opts: EventBusOptions) {
    this.#keep = opts.keep ?? 100_000;
    this.#maxAge = opts.maxAgeSeconds ?? 86_400;
    if (!Number.isInteger(this.#keep) || this.#keep < 1) {
      throw new RangeError(`keep ${this.#keep} must be at least 1`);
    }
    if (!(this.#maxAge > 0)) throw new RangeError(`maxAgeSeconds ${this.#maxAge} must be positive`);
    this.mode = opts.mode;
    this.#sql = opts.sql;
    this.#channel = opts.channel ?? "ercot_events";
    this.#pruneEveryMs = (opts.pruneEverySeconds ?? 60) * 1000;
    this.#pump = createPump(opts.sql, this.#listeners);
  }

  get cursor(): number {
    return this.#pump.cursor;
  }

  async publish(type: EventType, payload: Record<string, unknown>): Promise<BusEvent> {
    return (await this.publishMany([{ type, payload }]))[0];
  }

  async publishMany(events: NewEvent[]): Promise<BusEvent[]> {
    if (this.#closed) throw new Error("The event bus is closed");
    if (events.length === 0) return [];
    const postgres = this.mode === "postgres";
    const stored = await insertEvents(this.#sql, events, postgres ? this.#channel : undefined);
    if (!postgres && this.#started) this.#pump.run();
    if (Date.now() - this.#lastPrune > this.#pruneEveryMs) {
      this.#lastPrune = Date.now();
      await this.prune().catch((err) => log.error("Cannot prune events", { error: err }));
    }
    return stored;
  }

  async subscribe(listener: BusListener, o: { onClose?: () => void } = {}) {
    if (this.#closed) throw new Error("The event bus is closed");
    await this.#start();
    this.#listeners.add(listener);
    if (o.onClose) this.#closers.add(o.onClose);
    return () => {
      this.#listeners.delete(listener);
      if (o.onClose) this.#closers.delete(o.onClose);
    };
  }

  replay(after: number, o: { upTo?: number; limit?: number } = {}): Promise<BusEvent[]> {
    return replayEvents(this.#sql, after, o.upTo, o.limit ?? PAGE);
  }

  async oldestId(): Promise<number | null> {
    const [{ min }] = await this.#sql<{ min: string | null }[]>`select min(id) as min from events`;
    return min === null ? null : Number(min);
  }

  async prune(): Promise<number> {
    const byCount = await this.#sql`
      delete from events where id <= (select max(id) from events) - ${this.#keep}`;
    const byAge = await this.#sql`
      delete from events where created_at < now() - make_interval(secs => ${this.#maxAge})`;
    return byCount.count + byAge.count;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    this.#pump.stop();
    for (const onClose of this.#closers) onClose();
    this.#closers.clear();
    clearTimeout(this.#relisten);
    await this.#session?.end({ timeout: 1 }).catch(() => {});
  }

  /** Sets the cursor to the newest stored event and, on PostgreSQL, starts listening. */
  #start(): Promise<void> {
    return this.#started ??= (async () => {
      const [{ max }] = await this.#sql<{ max: string | null }[]>`
        select max(id) as max from events`;
      this.#pump.cursor = Math.max(this.#pump.cursor, Number(max ?? 0));
      if (this.mode === "postgres") await this.#listen();
    })();
  }

  /**
   * LISTENs on a session of its own. When that connection closes (terminated,
   * failover, network), it listens again on a new one, retrying with back-off
   * up to 5 s apart, then reads what was published meanwhile.
   */
  async #listen(): Promise<void> {
    const run = () => void this.#pump.run();
    const session = this.#session ??= openSession(this.#sql, {
      onnotify: (channel) => channel === this.#channel && run(),
      onclose: () => this.#closed || this.#scheduleListen(100),
    });
    await session`listen ${session(this.#channel)}`;
    run();
  }

  #scheduleListen(delayMs: number): void {
    clearTimeout(this.#relisten);
    this.#relisten = setTimeout(async () => {
      if (this.#closed) return;
      try {
        await this.#listen();
      } catch (err) {
        if (this.#closed) return;
        log.warn(`event bus: cannot LISTEN again (${describeCause(err)}); retrying`);
        this.#scheduleListen(Math.min(delayMs * 2, 5000));
      }
    }, delayMs);
  }
}

async function insertEvents(sql: Sql, events: NewEvent[], channel?: string): Promise<BusEvent[]> {
  const types = events.map((e) => e.type);
  const payloads = events.map((e) => JSON.stringify(e.payload));
  return await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    const rows = await tx<Row[]>`
      insert into events (type, payload)
      select e.type, e.payload::jsonb
      from unnest(${types}::text[], ${payloads}::text[]) with ordinality as e(type, payload, n)
      order by e.n
      returning id, type, payload, created_at`;
    const stored = rows.map(toEvent).sort((a, b) => a.id - b.id);
    if (channel) await tx`select pg_notify(${channel}, ${String(stored.at(-1)!.id)})`;
    return stored;
  });
}

async function replayEvents(
  sql: Sql,
  after: number,
  upTo: number | undefined,
  limit: number,
): Promise<BusEvent[]> {
  const rows = await sql<Row[]>`
    select id, type, payload, created_at from events
    where id > ${after} ${upTo === undefined ? sql`` : sql`and id <= ${upTo}`}
    order by id limit ${limit}`;
  return rows.map(toEvent);
}

/**
 * Reads events after the cursor and delivers them, one run at a time; a run
 * asked for while one is going makes it go round once more.
 */
function createPump(sql: Sql, listeners: Set<BusListener>) {
  let running = false, dirty = false, stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const state = {
    cursor: 0,
    run: async (): Promise<void> => {
      dirty = true;
      if (running || stopped) return;
      running = true;
      try {
        while (dirty && !stopped) {
          dirty = false;
          await drain();
        }
      } catch (err) {
        if (!stopped) {
          log.error("Cannot read new events; retrying in 1 s", { error: err });
          retry = setTimeout(() => state.run(), 1000);
        }
      } finally {
        running = false;
      }
    },
    stop: () => {
      stopped = true;
      clearTimeout(retry);
    },
  };
  const drain = async () => {
    for (;;) {
      const batch = await replayEvents(sql, state.cursor, undefined, PAGE);
      for (const event of batch) {
        if (stopped) return;
        state.cursor = event.id;
        for (const listener of listeners) deliver(listener, event);
      }
      if (batch.length < PAGE) return;
    }
  };
  return state;
}

function deliver(listener: BusListener, event: BusEvent): void {
  try {
    listener(event);
  } catch (err) {
    log.error(`An event listener failed on event ${event.id}`, { error: err });
  }
}
