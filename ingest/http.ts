/**
 * Resilient HTTP for talking to ERCOT: per-request timeouts, retries with
 * exponential backoff and full jitter, `Retry-After`, a circuit breaker per
 * host, conditional GET, and a minimum poll interval per report.
 *
 * Conditional GET sends only validators the caller handed back with
 * `remember()` once it had stored the payload: a response's ETag is never
 * kept on arrival, so a payload that failed to store is fetched again.
 *
 * Every clock, sleep and random source is injectable so tests never wait.
 *
 * @module
 */

import { UpstreamError } from "../domain/errors.ts";
import {
  type Attempt as RetryAttempt,
  type CircuitBreaker,
  CircuitOpenError,
  type CircuitState,
  createCircuitBreaker,
  parseRetryAfter,
  retry,
  TimeoutError,
  withTimeout,
} from "../resilience/mod.ts";
import { sleep } from "../util/sleep.ts";

export { type CircuitState, parseRetryAfter } from "../resilience/mod.ts";

/** Version named in the default User-Agent. */
export const VERSION = "0.1.0";

/** The User-Agent sent unless the caller names another. */
export const DEFAULT_USER_AGENT =
  `ercot-analytics/${VERSION} (+https://github.com/ercot-analytics)`;

/** Circuit breaker settings, applied per host. */
export interface BreakerOptions {
  /** Consecutive failed attempts that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long an open circuit fails fast before one trial request (default 60 s). */
  cooldownMs?: number;
}

/** Options of {@linkcode createHttpClient}; every one has a default. */
export interface HttpClientOptions {
  /** The fetch to call (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Waits between attempts (default a real `setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform random in [0, 1) for jitter (default `Math.random`). */
  random?: () => number;
  /** Per-attempt deadline covering headers and body (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4, so 5 attempts). */
  retries?: number;
  /** Backoff base: attempt n waits up to `baseDelayMs × 2^n` (default 500). */
  baseDelayMs?: number;
  /** Cap on any wait, including `Retry-After` (default 30 000). */
  maxDelayMs?: number;
  /** Circuit breaker per host. */
  breaker?: BreakerOptions;
  /** User-Agent header (default {@linkcode DEFAULT_USER_AGENT}). */
  userAgent?: string;
  /** How many URLs' ETag / Last-Modified are remembered, oldest dropped first (default 1000). */
  validatorCacheSize?: number;
}

/** Options of one request that is not poll-limited. */
export interface RequestOptions {
  /** HTTP method (default `GET`). Every method is retried. */
  method?: string;
  /** Extra request headers. */
  headers?: HeadersInit;
  /** Request body; it is re-sent on each retry. */
  body?: string | Uint8Array<ArrayBuffer> | URLSearchParams;
  /** Send the validators last `remember()`ed for this URL (default true for GET). */
  conditional?: boolean;
  /** Absent: see {@linkcode PollOptions}. */
  pollKey?: undefined;
  /** Absent: see {@linkcode PollOptions}. */
  minIntervalMs?: undefined;
}

/** Options of a poll: refused when the same `pollKey` was polled less than `minIntervalMs` ago. */
export interface PollOptions extends Omit<RequestOptions, "pollKey" | "minIntervalMs"> {
  /** Names the report being polled, e.g. `mis:12301`. */
  pollKey: string;
  /** The shortest allowed time between two polls of `pollKey`. */
  minIntervalMs: number;
}

/** A completed request. A 304 has `notModified: true` and an empty body. */
export interface HttpResponse {
  skipped: false;
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The final URL after redirects. */
  url: string;
  notModified: boolean;
}

/** A poll refused because it came sooner than `minIntervalMs` after the last one. */
export interface SkippedPoll {
  skipped: true;
  pollKey: string;
  /** The earliest instant the next poll of `pollKey` is allowed. */
  nextAllowedAt: Date;
}

/** What {@linkcode createHttpClient} returns. */
export interface HttpClient {
  /** GET, refusing with a {@linkcode SkippedPoll} when polled too soon. */
  get(url: string, options: PollOptions): Promise<HttpResponse | SkippedPoll>;
  /** GET with retries, breaker and conditional headers. */
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
  /** Any method; same behaviour as `get`. */
  request(url: string, options: PollOptions): Promise<HttpResponse | SkippedPoll>;
  /** Any method; same behaviour as `get`. */
  request(url: string, options?: RequestOptions): Promise<HttpResponse>;
  /**
   * Keeps the ETag / Last-Modified of `response` (a 2xx GET of `url`) for the
   * next conditional GET of `url`. Call it only once the payload is stored (or
   * known to be): a 304 then means "nothing new", never "lost".
   */
  remember(url: string, response: HttpResponse): void;
  /** The circuit state of `host` (`host[:port]`) right now. */
  circuit(host: string): CircuitState;
}

type Attempt = RetryAttempt<
  HttpResponse,
  { failure: string; status?: number; retryAfterMs?: number }
>;

type Settings = Required<Omit<HttpClientOptions, "breaker">> & Required<BreakerOptions>;

function check(ok: boolean, name: string, value: unknown, rule: string): void {
  if (!ok) {
    throw new TypeError(`Invalid HTTP client option ${name}: ${String(value)} is not ${rule}`);
  }
}

function checkCount(name: string, value: number, min: number): void {
  check(Number.isInteger(value) && value >= min, name, value, `an integer >= ${min}`);
}

function checkMs(name: string, value: number, min = 0): void {
  check(Number.isFinite(value) && value >= min, name, value, `a number of ms >= ${min}`);
}

function validate(o: Settings): void {
  for (const name of ["fetch", "now", "sleep", "random"] as const) {
    check(typeof o[name] === "function", name, o[name], "a function");
  }
  checkMs("timeoutMs", o.timeoutMs, 1);
  checkCount("retries", o.retries, 0);
  checkMs("baseDelayMs", o.baseDelayMs);
  checkMs("maxDelayMs", o.maxDelayMs, o.baseDelayMs);
  checkCount("breaker.failureThreshold", o.failureThreshold, 1);
  checkMs("breaker.cooldownMs", o.cooldownMs);
  checkCount("validatorCacheSize", o.validatorCacheSize, 0);
  check(
    typeof o.userAgent === "string" && o.userAgent.trim() !== "",
    "userAgent",
    o.userAgent,
    "a non-empty string",
  );
}

async function readBody(res: Response): Promise<Uint8Array> {
  const body = new Uint8Array(await res.arrayBuffer());
  const declared = res.headers.get("content-length");
  const encoded = (res.headers.get("content-encoding") ?? "identity") !== "identity";
  if (declared !== null && !encoded && Number(declared) !== body.byteLength) {
    throw new Error(`truncated body: ${body.byteLength} of ${declared} bytes`);
  }
  return body;
}

/**
 * Creates the resilient client. Bad options throw a `TypeError` here, not on
 * the first request.
 *
 * Failures that are retried: network errors, timeouts, truncated bodies, 5xx
 * and 429. Any other status >= 300 (after redirects are followed) throws
 * {@linkcode UpstreamError} at once with `extra: { url, status }`. When
 * attempts run out, or the host's circuit opens, an `UpstreamError` names the
 * URL and the last failure. Each failed attempt counts towards the breaker.
 *
 * A poll (`pollKey` + `minIntervalMs`) is recorded when it starts, whatever
 * its outcome; a second poll of the same key sooner than `minIntervalMs`
 * resolves to `{ skipped: true, nextAllowedAt }` without any request.
 *
 * @example
 * ```ts
 * const http = createHttpClient({ timeoutMs: 10_000 });
 * const res = await http.get(url, { pollKey: "mis:12301", minIntervalMs: 60_000 });
 * if (!res.skipped && !res.notModified) {
 *   await store(res.body);
 *   http.remember(url, res);
 * }
 * ```
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const settings: Settings = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 4,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    failureThreshold: options.breaker?.failureThreshold ?? 5,
    cooldownMs: options.breaker?.cooldownMs ?? 60_000,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    validatorCacheSize: options.validatorCacheSize ?? 1000,
  };
  validate(settings);
  return new ResilientClient(settings);
}

class ResilientClient implements HttpClient {
  #o: Settings;
  #circuits = new Map<string, CircuitBreaker>();
  #validators = new Map<string, { etag?: string; lastModified?: string }>();
  #lastPolls = new Map<string, number>();

  constructor(settings: Settings) {
    this.#o = settings;
  }

  get(url: string, options: PollOptions): Promise<HttpResponse | SkippedPoll>;
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
  get(url: string, options: RequestOptions | PollOptions = {}) {
    return this.#dispatch(url, { ...options, method: "GET" });
  }

  request(url: string, options: PollOptions): Promise<HttpResponse | SkippedPoll>;
  request(url: string, options?: RequestOptions): Promise<HttpResponse>;
  request(url: string, options: RequestOptions | PollOptions = {}) {
    return this.#dispatch(url, options);
  }

  circuit(host: string): CircuitState {
    return this.#circuitOf(host).state();
  }

  remember(url: string, response: HttpResponse): void {
    const { status, headers } = response;
    if (status < 200 || status >= 300) return;
    const etag = headers.get("etag") ?? undefined;
    const lastModified = headers.get("last-modified") ?? undefined;
    if ((!etag && !lastModified) || this.#o.validatorCacheSize === 0) return;
    this.#validators.delete(url);
    this.#validators.set(url, { etag, lastModified });
    if (this.#validators.size > this.#o.validatorCacheSize) {
      this.#validators.delete(this.#validators.keys().next().value!);
    }
  }

  async #dispatch(
    url: string,
    opts: RequestOptions | PollOptions,
  ): Promise<HttpResponse | SkippedPoll> {
    if (opts.pollKey === undefined) return await this.#send(url, opts);
    const { pollKey, minIntervalMs } = opts;
    checkMs("minIntervalMs", minIntervalMs);
    const now = this.#o.now();
    const last = this.#lastPolls.get(pollKey);
    if (last !== undefined && now - last < minIntervalMs) {
      return { skipped: true, pollKey, nextAllowedAt: new Date(last + minIntervalMs) };
    }
    this.#lastPolls.set(pollKey, now);
    return await this.#send(url, opts);
  }

  async #send(url: string, opts: RequestOptions | PollOptions): Promise<HttpResponse> {
    const method = (opts.method ?? "GET").toUpperCase();
    const host = new URL(url).host;
    const init: RequestInit = {
      method,
      body: opts.body,
      headers: this.#headers(url, opts, method),
    };
    let result;
    try {
      result = await retry(() => this.#attempt(url, init, method), {
        ...this.#o,
        breaker: this.#circuitOf(host),
      });
    } catch (err) {
      if (err instanceof CircuitOpenError) throw new UpstreamError(err.message, { host });
      throw err;
    }
    if (result.ok) return result.value;
    const tail = result.circuitOpen ? `; circuit open for host ${host}` : "";
    throw new UpstreamError(
      `${method} ${url} failed after ${result.attempts} attempts: ${result.last.failure}${tail}`,
      { url, status: result.last.status },
    );
  }

  async #attempt(url: string, init: RequestInit, method: string): Promise<Attempt> {
    try {
      return await withTimeout(this.#o.timeoutMs, async (signal) => {
        const res = await this.#o.fetch(url, { ...init, signal });
        return await this.#classify(res, url, method);
      });
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      return {
        failure: err instanceof TimeoutError ? `timed out after ${err.ms} ms` : String(err),
      };
    }
  }

  async #classify(res: Response, url: string, method: string): Promise<Attempt> {
    const { status, headers } = res;
    const ok = (body: Uint8Array): Attempt => ({
      value: {
        skipped: false,
        status,
        headers,
        body,
        url: res.url || url,
        notModified: status === 304,
      },
    });
    if (status >= 200 && status < 300) return ok(await readBody(res));
    await res.body?.cancel();
    if (status === 304) return ok(new Uint8Array());
    if (status === 429 || status >= 500) {
      const honoured = status === 429 || status === 503;
      const retryAfterMs = honoured
        ? parseRetryAfter(headers.get("retry-after"), this.#o.now())
        : undefined;
      return { failure: `HTTP ${status}`, status, retryAfterMs };
    }
    throw new UpstreamError(`${method} ${url} answered HTTP ${status}`, { url, status });
  }

  #headers(url: string, opts: RequestOptions | PollOptions, method: string): Headers {
    const headers = new Headers(opts.headers);
    if (!headers.has("user-agent")) headers.set("user-agent", this.#o.userAgent);
    const known = this.#validators.get(url);
    if (method !== "GET" || opts.conditional === false || !known) return headers;
    if (known.etag && !headers.has("if-none-match")) headers.set("if-none-match", known.etag);
    if (known.lastModified && !headers.has("if-modified-since")) {
      headers.set("if-modified-since", known.lastModified);
    }
    return headers;
  }

  #circuitOf(host: string): CircuitBreaker {
    let c = this.#circuits.get(host);
    if (!c) {
      const { failureThreshold, cooldownMs, now } = this.#o;
      c = createCircuitBreaker(`host ${host}`, { failureThreshold, cooldownMs, now });
      this.#circuits.set(host, c);
    }
    return c;
  }
}
