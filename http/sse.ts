/**
 * The Server-Sent Events hub: one bus listener for every open stream. Each
 * event is serialized once to bytes and the same bytes are enqueued, with no
 * copy and no promise of ours, straight into every matching subscriber's
 * stream. That stream's own queue is the bounded per-subscriber queue (its
 * size counts each message as at least `maxQueueBytes / maxQueueMessages`, so
 * one limit enforces both); a subscriber that stops reading until it
 * overflows is dropped (its stream is errored), never buffered without bound. A heartbeat comment keeps idle
 * connections open. Resuming subscribers first receive the stored events
 * after their `Last-Event-ID`, then the live ones, with no gap and no repeat.
 *
 * @module
 */
import type { BusEvent, EventBus, EventType } from "../bus/events.ts";
import { log } from "../log/logger.ts";
import { sleep } from "../util/sleep.ts";

/** Which events a subscriber wants. */
export interface StreamFilter {
  /** Only events whose `series` starts with this (events without a series always pass). */
  prefix?: string;
  /** Only these types (all when absent). */
  types?: ReadonlySet<EventType>;
  /** The subscriber's user id: `alert` events that name a `user_id` reach only that user. */
  userId?: string;
}

/** Options of {@link createSseHub}. */
export interface SseHubOptions {
  /** Milliseconds between heartbeat comments (15,000). */
  heartbeatMs?: number;
  /** Bytes one subscriber may have queued before it is dropped (1 MiB). */
  maxQueueBytes?: number;
  /** Messages one subscriber may have queued before it is dropped (1,000). */
  maxQueueMessages?: number;
}

/** The hub. */
export interface SseHub {
  /** Opens a stream; with `lastEventId`, replays the stored events after it first. */
  open(filter: StreamFilter, lastEventId?: number): Promise<ReadableStream<Uint8Array>>;
  /** Open subscribers. */
  readonly size: number;
  /** Subscribers dropped for not reading. */
  readonly dropped: number;
  /** Closes every stream and stops listening (closing the bus does the same). */
  close(): void;
}

interface Subscriber {
  filter: StreamFilter;
  /** Events up to this id are never sent. */
  after: number;
  /** Live messages held back while stored ones are replayed. */
  held: Uint8Array[] | null;
  controller: ReadableStreamDefaultController<Uint8Array>;
  closed: boolean;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");
const PREAMBLE = encoder.encode("retry: 3000\n\n");
const REPLAY_PAGE = 200;

/** The SSE bytes of one event: `id`, `event` and one `data` line. */
export function encodeEvent(e: BusEvent): Uint8Array {
  return encoder.encode(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.payload)}\n\n`);
}

/** Whether an event passes a filter. */
export function matches(filter: StreamFilter, e: BusEvent): boolean {
  if (filter.types && !filter.types.has(e.type)) return false;
  const owner = e.payload.user_id;
  if (e.type === "alert" && typeof owner === "string" && owner !== filter.userId) return false;
  if (!filter.prefix) return true;
  const s = e.payload.series;
  if (typeof s === "string") return s.startsWith(filter.prefix);
  if (Array.isArray(s)) return s.some((k) => String(k).startsWith(filter.prefix!));
  return true;
}

/**
 * Creates a hub over a bus. It listens from the first `open()`.
 *
 * @example
 * const hub = createSseHub(bus, { heartbeatMs: 15_000 });
 * return new Response(await hub.open({ prefix: "spp.rt." }), { headers });
 */
export function createSseHub(bus: EventBus, opts: SseHubOptions = {}): SseHub {
  return new Hub(bus, opts);
}

class Hub implements SseHub {
  #bus: EventBus;
  #heartbeatMs: number;
  #maxBytes: number;
  #maxMessages: number;
  #subs = new Set<Subscriber>();
  #dropped = 0;
  #timer?: ReturnType<typeof setInterval>;
  #started?: Promise<() => void>;

  constructor(bus: EventBus, opts: SseHubOptions) {
    this.#bus = bus;
    this.#heartbeatMs = opts.heartbeatMs ?? 15_000;
    this.#maxBytes = opts.maxQueueBytes ?? 1024 * 1024;
    this.#maxMessages = opts.maxQueueMessages ?? 1000;
    if (!(this.#heartbeatMs > 0) || !(this.#maxBytes > 0) || !(this.#maxMessages > 0)) {
      throw new RangeError("heartbeatMs, maxQueueBytes and maxQueueMessages must be positive");
    }
  }

  get size(): number {
    return this.#subs.size;
  }

  get dropped(): number {
    return this.#dropped;
  }

  async open(filter: StreamFilter, lastEventId?: number): Promise<ReadableStream<Uint8Array>> {
    this.#started ??= this.#bus.subscribe((e) => this.#onEvent(e), {
      onClose: () => this.#closeAll(),
    });
    await this.#started;
    const upTo = this.#bus.cursor;
    const resuming = lastEventId !== undefined && lastEventId < upTo;
    const { sub, stream } = subscriberStream(filter, lastEventId ?? upTo, {
      highWaterMark: this.#maxBytes,
      size: (chunk) => Math.max(chunk.byteLength, this.#maxBytes / this.#maxMessages),
    }, (s) => this.#remove(s));
    sub.held = resuming ? [] : null;
    this.#subs.add(sub);
    if (this.#timer === undefined) {
      const timer = setInterval(() => this.#heartbeat(), this.#heartbeatMs);
      Deno.unrefTimer(timer);
      this.#timer = timer;
    }
    if (resuming) {
      replay(this.#bus, sub, upTo, this.#maxBytes).then(() => this.#release(sub), (err) => {
        log.error(`Cannot replay events after ${sub.after}`, { error: err });
        this.#drop(sub);
      });
    }
    return stream;
  }

  close(): void {
    this.#closeAll();
    this.#started?.then((stop) => stop());
  }

  /** Serializes an event once and queues the same bytes to every matching subscriber. */
  #onEvent(e: BusEvent): void {
    let bytes: Uint8Array | undefined;
    for (const sub of this.#subs) {
      if (e.id <= sub.after || !matches(sub.filter, e)) continue;
      this.#push(sub, bytes ??= encodeEvent(e));
    }
  }

  #heartbeat(): void {
    for (const sub of this.#subs) this.#push(sub, HEARTBEAT);
  }

  #push(sub: Subscriber, bytes: Uint8Array): void {
    if (sub.closed) return;
    if (sub.held) {
      sub.held.push(bytes);
      if (sub.held.length > this.#maxMessages) this.#drop(sub);
      return;
    }
    sub.controller.enqueue(bytes);
    if ((sub.controller.desiredSize ?? 0) < 0) this.#drop(sub);
  }

  /** After a replay: the live messages held meanwhile, in order. */
  #release(sub: Subscriber): void {
    const held = sub.held ?? [];
    sub.held = null;
    for (const bytes of held) this.#push(sub, bytes);
  }

  #remove(sub: Subscriber): void {
    sub.closed = true;
    this.#subs.delete(sub);
    if (this.#subs.size === 0 && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Frees the subscriber's queue and errors its stream, which aborts the response. */
  #drop(sub: Subscriber): void {
    this.#dropped++;
    this.#remove(sub);
    sub.held = null;
    sub.controller.error(new Error("The subscriber stopped reading and was dropped"));
  }

  #closeAll(): void {
    for (const sub of this.#subs) {
      this.#remove(sub);
      try {
        sub.controller.close();
      } catch {
        // Already closed by its reader.
      }
    }
  }
}

function subscriberStream(
  filter: StreamFilter,
  after: number,
  strategy: QueuingStrategy<Uint8Array>,
  remove: (sub: Subscriber) => void,
): { sub: Subscriber; stream: ReadableStream<Uint8Array> } {
  let sub!: Subscriber;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      sub = { filter, after, held: null, controller, closed: false };
      controller.enqueue(PREAMBLE);
    },
    cancel() {
      remove(sub);
    },
  }, strategy);
  return { sub, stream };
}

/**
 * Enqueues the stored events in `(sub.after, upTo]`, page by page, each page
 * once the reader has taken most of the one before.
 */
async function replay(bus: EventBus, sub: Subscriber, upTo: number, maxBytes: number) {
  const oldest = await bus.oldestId();
  if (oldest !== null && oldest > sub.after + 1) {
    const gap = { after: sub.after, oldest, reason: "Events after the given id were pruned" };
    sub.controller.enqueue(encoder.encode(`event: reset\ndata: ${JSON.stringify(gap)}\n\n`));
  }
  const drained = async () => {
    while (!sub.closed && (sub.controller.desiredSize ?? 0) < maxBytes / 2) {
      await sleep(5);
    }
  };
  let cursor = sub.after;
  while (cursor < upTo && !sub.closed) {
    await drained();
    const page = await bus.replay(cursor, { upTo, limit: REPLAY_PAGE });
    if (page.length === 0 || sub.closed) break;
    for (const e of page) {
      cursor = e.id;
      if (matches(sub.filter, e)) sub.controller.enqueue(encodeEvent(e));
    }
  }
  await drained();
}
