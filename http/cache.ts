/**
 * HTTP caching for data responses: strong `ETag`s (a hash of the serialized
 * body), `304 Not Modified` on `If-None-Match`, and a bounded in-memory LRU
 * of serialized bodies that ingestion invalidates through the event bus, on
 * every replica, whenever it writes a series an entry involves.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { BusEvent, EventBus } from "../bus/events.ts";
import { log } from "../log/logger.ts";
import {
  baseEtag,
  codedEtag,
  type Coding,
  compressBytes,
  compressible,
  MIN_COMPRESS_BYTES,
  negotiateCoding,
} from "./compress.ts";

/** A serialized response kept in the cache. */
export interface CachedBody {
  /**
   * Text bodies stay strings: Deno's server writes a string straight from
   * the engine, while a byte array is copied into every response first.
   */
  body: Uint8Array | string;
  /** Size of the body in bytes. */
  bytes: number;
  /** Strong validator, quoted. */
  etag: string;
  contentType: string;
  cacheControl: string;
  /** `Content-Disposition` of a download (Parquet), if any. */
  disposition?: string;
  /** What invalidates it: series keys, `#<series id>`, or names such as `grid_status`. */
  tags: string[];
  /** Epoch ms after which it is not served (relative windows); none → until invalidated. */
  expiresAt?: number;
  /** Compressed variants, made on first demand (see {@link codedBody}). */
  coded?: Partial<Record<Coding, Uint8Array>>;
  /** Their total size in bytes, counted against the cache's limit. */
  codedBytes?: number;
}

/** The cache. */
export interface ResponseCache {
  /** False when created disabled: nothing is kept. */
  readonly enabled: boolean;
  /** Longest an entry is kept after it was built, if capped. */
  readonly maxAgeMs?: number;
  /** Increases on every invalidation; a body computed across one is not kept. */
  readonly generation: number;
  /**
   * The entry for `key` unless absent or expired; marks it most recently used.
   * A miss is counted unless `countMiss` is false (a caller that will ask again).
   */
  get(key: string, now: number, opts?: { countMiss?: boolean }): CachedBody | undefined;
  /** Keeps an entry computed since `generation`; false when it was not kept. */
  set(key: string, entry: CachedBody, generation: number): boolean;
  /** Counts `bytes` more for the entry kept under `key` (a compressed variant), if it still is. */
  grow(key: string, entry: CachedBody, bytes: number): void;
  /** Drops every entry involving these series (keys or numeric ids); returns how many. */
  invalidateSeries(series: Iterable<string | number>): number;
  /** Drops every entry carrying one of these tags. */
  invalidate(tags: Iterable<string>): number;
  /** Makes the bus's `observation`, `ingest` and `grid_status` events invalidate entries. */
  attach(bus: EventBus): void;
  /** Counts for `/metrics`. */
  stats(): { entries: number; bytes: number; hits: number; misses: number; evictions: number };
}

/** Options of {@link createResponseCache}. */
export interface ResponseCacheOptions {
  /** Total body bytes kept (64 MiB). */
  maxBytes?: number;
  /** Entries kept (5,000). */
  maxEntries?: number;
  /** Largest body kept (maxBytes / 8). */
  maxEntryBytes?: number;
  /** Keep anything at all (true). */
  enabled?: boolean;
  /**
   * Keep an entry at most this many milliseconds after it was built (unset:
   * until invalidated, evicted or its own expiry): for answers read from a
   * replica, which an invalidation may reach before the replica has the write.
   */
  maxAgeMs?: number;
}

/**
 * Creates the cache. Entries are kept only once the cache listens to its bus
 * (see {@link ResponseCache.attach}), so none can miss an invalidation.
 *
 * @example
 * const cache = createResponseCache({ maxBytes: 32 << 20 });
 * cache.attach(bus);
 */
export function createResponseCache(opts: ResponseCacheOptions = {}): ResponseCache {
  return new LruResponseCache(opts);
}

class LruResponseCache implements ResponseCache {
  readonly enabled: boolean;
  readonly maxAgeMs?: number;
  #maxBytes: number;
  #maxEntries: number;
  #maxEntryBytes: number;
  /** Insertion order is recency order: the first key is the least recently used. */
  #entries = new Map<string, CachedBody>();
  #byTag = new Map<string, Set<string>>();
  #counts = { bytes: 0, hits: 0, misses: 0, evictions: 0, generation: 0 };
  #bus?: EventBus;
  #listening: "no" | "starting" | "yes" = "no";

  constructor(opts: ResponseCacheOptions) {
    this.#maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.#maxEntries = opts.maxEntries ?? 5000;
    this.#maxEntryBytes = opts.maxEntryBytes ?? Math.floor(this.#maxBytes / 8);
    this.enabled = opts.enabled ?? true;
    this.maxAgeMs = opts.maxAgeMs;
    if (!(this.#maxBytes > 0) || !(this.#maxEntries > 0)) {
      throw new RangeError(
        `Cache limits ${this.#maxBytes} bytes / ${this.#maxEntries} entries must be positive`,
      );
    }
  }

  get generation(): number {
    return this.#counts.generation;
  }

  get(key: string, now: number, opts?: { countMiss?: boolean }): CachedBody | undefined {
    const e = this.#entries.get(key);
    if (!e || (e.expiresAt !== undefined && e.expiresAt <= now)) {
      if (e) this.#remove(key);
      if (opts?.countMiss !== false) this.#counts.misses++;
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, e);
    this.#counts.hits++;
    return e;
  }

  set(key: string, entry: CachedBody, generation: number): boolean {
    this.#listen();
    if (!this.enabled || this.#listening !== "yes" || generation !== this.#counts.generation) {
      return false;
    }
    if (entry.bytes > this.#maxEntryBytes) return false;
    this.#remove(key);
    this.#entries.set(key, entry);
    this.#counts.bytes += entry.bytes + (entry.codedBytes ?? 0);
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag) ?? new Set<string>();
      keys.add(key);
      this.#byTag.set(tag, keys);
    }
    this.#evict();
    return true;
  }

  grow(key: string, entry: CachedBody, bytes: number): void {
    entry.codedBytes = (entry.codedBytes ?? 0) + bytes;
    if (this.#entries.get(key) !== entry) return;
    this.#counts.bytes += bytes;
    this.#evict();
  }

  #evict(): void {
    for (const oldest of this.#entries.keys()) {
      if (this.#counts.bytes <= this.#maxBytes && this.#entries.size <= this.#maxEntries) break;
      this.#remove(oldest);
      this.#counts.evictions++;
    }
  }

  invalidateSeries(series: Iterable<string | number>): number {
    return this.invalidate([...series].map((s) => (typeof s === "number" ? `#${s}` : s)));
  }

  invalidate(tags: Iterable<string>): number {
    this.#counts.generation++;
    let n = 0;
    for (const tag of tags) {
      for (const key of this.#byTag.get(tag) ?? []) {
        this.#remove(key);
        n++;
      }
    }
    return n;
  }

  attach(bus: EventBus): void {
    this.#bus = bus;
  }

  stats() {
    const { bytes, hits, misses, evictions } = this.#counts;
    return { entries: this.#entries.size, bytes, hits, misses, evictions };
  }

  #remove(key: string): void {
    const e = this.#entries.get(key);
    if (!e) return;
    this.#entries.delete(key);
    this.#counts.bytes -= e.bytes + (e.codedBytes ?? 0);
    for (const tag of e.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }

  /** Subscribes to the bus on first use; entries are kept only once that holds. */
  #listen(): void {
    if (!this.#bus || this.#listening !== "no") return;
    this.#listening = "starting";
    this.#bus.subscribe((event) => this.invalidate(eventTags(event, () => [...this.#byTag.keys()])))
      .then(() => this.#listening = "yes", (err) => {
        this.#listening = "no";
        log.error("The response cache cannot listen to the event bus", { error: err });
      });
  }
}

function eventTags(event: BusEvent, everything: () => string[]): string[] {
  const p = event.payload;
  if (event.type === "observation" && typeof p.series === "string") return [p.series];
  if (event.type === "grid_status") return ["grid_status"];
  if (event.type !== "ingest") return [];
  return Array.isArray(p.series) ? p.series.map(String) : everything();
}

/**
 * A strong entity tag: the quoted, base64url SHA-256 of the body (truncated to 128 bits).
 * Hashed synchronously: `crypto.subtle` hands each body to another thread,
 * which costs a data request four times as much.
 *
 * @example strongEtag(new TextEncoder().encode("{}")) // "\"RBNvo1WzZ4oRRq0W9-hknp\""
 */
export function strongEtag(body: Uint8Array): string {
  const digest = createHash("sha256").update(body).digest();
  return `"${digest.subarray(0, 16).toString("base64url")}"`;
}

/**
 * Whether an `If-None-Match` header matches `etag` (weak comparison, as RFC
 * 9110 says); a compressed variant's tag matches the tag it was made from.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = (tag: string) => baseEtag(tag.trim().replace(/^W\//, ""));
  return header.split(",").some((t) => bare(t) === bare(etag));
}

/** The `Vary` of cached answers: they depend on `Accept` and are offered compressed. */
export const CACHED_VARY = "Accept, Accept-Encoding";

/**
 * The entry's body in `coding`, compressed on first demand and kept with the
 * entry (counted by the cache under `key`); undefined when it goes out as it
 * is: no coding asked, a tiny body or a type not worth compressing.
 */
export function codedBody(
  cache: ResponseCache,
  key: string,
  entry: CachedBody,
  coding: Coding | undefined,
): Uint8Array | undefined {
  if (!coding || entry.bytes < MIN_COMPRESS_BYTES || !compressible(entry.contentType)) return;
  let coded = entry.coded?.[coding];
  if (!coded) {
    coded = compressBytes(entry.body, coding);
    (entry.coded ??= {})[coding] = coded;
    cache.grow(key, entry, coded.byteLength);
  }
  return coded;
}

/** Answers with a cached body, compressed as negotiated: `304` when the client's copy is current. */
export function sendBody(
  c: Context,
  entry: CachedBody,
  cached: { cache: ResponseCache; key: string },
): Response {
  const coding = negotiateCoding(c.req.header("accept-encoding"));
  const coded = codedBody(cached.cache, cached.key, entry, coding);
  const headers: Record<string, string> = {
    etag: coded ? codedEtag(entry.etag, coding!) : entry.etag,
    "cache-control": entry.cacheControl,
    vary: CACHED_VARY,
  };
  if (ifNoneMatchHits(c.req.header("if-none-match"), entry.etag)) {
    return c.body(null, 304, headers);
  }
  if (coded) headers["content-encoding"] = coding!;
  if (entry.disposition) headers["content-disposition"] = entry.disposition;
  const body = (coded ?? entry.body) as string | Uint8Array<ArrayBuffer>;
  return c.body(body, 200, { ...headers, "content-type": entry.contentType });
}

/** What {@link serveCached} noted about a request it answered: its cache key and route. */
export interface CachedAnswer {
  key: string;
  route: string;
}

const answered = new WeakMap<Request, CachedAnswer>();

/** The cache key and route under which {@link serveCached} answered `req`, if it did. */
export function cachedAnswerOf(req: Request): CachedAnswer | undefined {
  return answered.get(req);
}

/** What {@link serveCached} needs to build and keep one response. */
export interface CacheSpec {
  /** Cache key: everything the body depends on. */
  key: string;
  /** What invalidates it. */
  tags: string[];
  contentType: string;
  /** `Content-Disposition` of a download, if any. */
  disposition?: string;
  /**
   * Keep until this epoch ms at most. A key that depends on the clock (a
   * window relative to now or to today) must expire when it would change:
   * the fast lane finds entries by URL.
   */
  expiresAt?: number;
  /** Serializes the body and says how long clients may keep it (and what else invalidates it). */
  build: () => Promise<{ body: Uint8Array | string; cacheControl: string; tags?: string[] }>;
}

function cappedExpiry(expiresAt: number | undefined, maxAgeMs: number | undefined, now: number) {
  if (maxAgeMs === undefined) return expiresAt;
  return Math.min(expiresAt ?? Infinity, now + maxAgeMs);
}

/**
 * Serves a body from the cache or builds, tags, keeps and serves it.
 *
 * @example
 * return await serveCached(c, cache, now, { key, tags: ["demand.rt"], contentType, build });
 */
export async function serveCached(
  c: Context,
  cache: ResponseCache,
  now: number,
  spec: CacheSpec,
): Promise<Response> {
  answered.set(c.req.raw, { key: spec.key, route: c.req.routePath });
  const hit = cache.enabled ? cache.get(spec.key, now) : undefined;
  if (hit) return sendBody(c, hit, { cache, key: spec.key });
  const generation = cache.generation;
  const built = await spec.build();
  const bytes = typeof built.body === "string" ? new TextEncoder().encode(built.body) : built.body;
  const entry: CachedBody = {
    body: built.body,
    bytes: bytes.byteLength,
    etag: strongEtag(bytes),
    contentType: spec.contentType,
    disposition: spec.disposition,
    cacheControl: built.cacheControl,
    tags: built.tags ? [...spec.tags, ...built.tags] : spec.tags,
    expiresAt: cappedExpiry(spec.expiresAt, cache.maxAgeMs, now),
  };
  if (cache.enabled) cache.set(spec.key, entry, generation);
  return sendBody(c, entry, { cache, key: spec.key });
}
