/**
 * Retries with exponential backoff and full jitter, honouring a wait the peer
 * asked for (`Retry-After`) and, optionally, a circuit breaker.
 *
 * @module
 */
import type { CircuitBreaker } from "./breaker.ts";
import { sleep } from "../util/sleep.ts";

/** How often and how long to retry; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4, so 5 attempts). */
  retries?: number;
  /** Backoff base: retry n (from 0) waits up to `baseDelayMs × 2^n` (default 500). */
  baseDelayMs?: number;
  /** Cap on any wait, a peer's `Retry-After` included (default 30 000). */
  maxDelayMs?: number;
  /** Uniform random in [0, 1) for the jitter (default `Math.random`). */
  random?: () => number;
  /** Waits between attempts (default a real `setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
}

/** A failed attempt. `final` ends the loop; otherwise it is retried while retries remain. */
export interface Failure {
  /** What went wrong, for the caller's error message. */
  failure: string;
  /** The wait the peer asked for (e.g. from `Retry-After`), in ms; replaces the backoff. */
  retryAfterMs?: number;
  /** Not worth retrying (e.g. a 4xx answer). */
  final?: boolean;
}

/** What one attempt returns: a value, or a {@linkcode Failure} (which may carry more fields). */
export type Attempt<T, F extends Failure = Failure> = { value: T } | F;

/** What {@linkcode retry} resolves to. */
export type RetryResult<T, F extends Failure = Failure> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; last: F; attempts: number; circuitOpen: boolean };

/** Facts about one attempt, given to it. */
export interface AttemptInfo {
  /** 0 for the first attempt. */
  index: number;
  /** No retry follows a failure of this attempt (retries are used up). */
  lastChance: boolean;
}

/** The options with their defaults, checked; bad values throw a `TypeError`. */
export function retrySettings(o: RetryOptions = {}): Required<RetryOptions> {
  const s: Required<RetryOptions> = {
    retries: o.retries ?? 4,
    baseDelayMs: o.baseDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 30_000,
    random: o.random ?? Math.random,
    sleep: o.sleep ?? sleep,
  };
  const bad = (name: string, rule: string) =>
    new TypeError(
      `Invalid retry option ${name}: ${String(s[name as keyof RetryOptions])} is not ${rule}`,
    );
  if (!Number.isInteger(s.retries) || s.retries < 0) throw bad("retries", "an integer >= 0");
  if (!(s.baseDelayMs >= 0) || !Number.isFinite(s.baseDelayMs)) {
    throw bad("baseDelayMs", "a number of ms >= 0");
  }
  if (!(s.maxDelayMs >= s.baseDelayMs) || !Number.isFinite(s.maxDelayMs)) {
    throw bad("maxDelayMs", `a number of ms >= ${s.baseDelayMs}`);
  }
  if (typeof s.random !== "function") throw bad("random", "a function");
  if (typeof s.sleep !== "function") throw bad("sleep", "a function");
  return s;
}

/**
 * The wait before retry `index` (0 for the first retry): the peer's
 * `retryAfterMs` when given, else full jitter, a uniform whole number of ms in
 * `[0, baseDelayMs × 2^index)`; either capped at `maxDelayMs`.
 *
 * @example backoffDelay(2, { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 }) // 200
 */
export function backoffDelay(
  index: number,
  o: Pick<Required<RetryOptions>, "baseDelayMs" | "maxDelayMs" | "random">,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(o.maxDelayMs, retryAfterMs);
  return Math.floor(o.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** index));
}

/**
 * Runs `attempt` until it returns a value, returns a `final` failure, the
 * retries run out or the breaker opens; sleeps {@linkcode backoffDelay}
 * between attempts. With a `breaker`, each attempt first enters it (a
 * `CircuitOpenError` propagates) and a retryable failure counts against it;
 * a value, a `final` failure and a thrown error all count as the peer having
 * answered. An error thrown by `attempt` ends the loop and propagates.
 *
 * @example
 * const result = await retry(async () => {
 *   const res = await fetch(url);
 *   if (res.status >= 500) return { failure: `HTTP ${res.status}` };
 *   return { value: res };
 * }, { retries: 2 });
 */
export async function retry<T, F extends Failure = Failure>(
  attempt: (info: AttemptInfo) => Promise<Attempt<T, F>>,
  options: RetryOptions & { breaker?: CircuitBreaker } = {},
): Promise<RetryResult<T, F>> {
  const s = retrySettings(options);
  const { breaker } = options;
  for (let index = 0;; index++) {
    breaker?.enter();
    let outcome: Attempt<T, F>;
    try {
      outcome = await attempt({ index, lastChance: index >= s.retries });
    } catch (err) {
      breaker?.success();
      throw err;
    }
    if ("value" in outcome) {
      breaker?.success();
      return { ok: true, value: outcome.value, attempts: index + 1 };
    }
    if (outcome.final) breaker?.success();
    const circuitOpen = !outcome.final && (breaker?.failure() ?? false);
    if (outcome.final || circuitOpen || index >= s.retries) {
      return { ok: false, last: outcome, attempts: index + 1, circuitOpen };
    }
    await s.sleep(backoffDelay(index, s, outcome.retryAfterMs));
  }
}
