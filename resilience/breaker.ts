/**
 * A circuit breaker: after `failureThreshold` consecutive failures the circuit
 * opens and calls fail fast for `cooldownMs`; then it is half-open and lets
 * one trial call through, which closes it on success and reopens it on
 * failure.
 *
 * @module
 */

/** State of a circuit. */
export type CircuitState = "closed" | "open" | "half-open";

/** Thrown by {@linkcode CircuitBreaker.enter} when a call may not go through. */
export class CircuitOpenError extends Error {
  override name = "CircuitOpenError";
  /** When the circuit half-opens; null while a half-open trial is in flight. */
  readonly until: Date | null;

  constructor(subject: string, until: Date | null) {
    super(
      until
        ? `Circuit open for ${subject} until ${until.toISOString()}`
        : `Circuit half-open for ${subject}: a trial request is in flight`,
    );
    this.until = until;
  }
}

/** Options of {@linkcode createCircuitBreaker}. */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long an open circuit fails fast before one trial call (default 60 000 ms). */
  cooldownMs?: number;
  /** Clock in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** One circuit; see the module doc. */
export interface CircuitBreaker {
  /** The state right now. */
  state(): CircuitState;
  /** Admits a call or throws {@linkcode CircuitOpenError}; a half-open circuit admits one. */
  enter(): void;
  /** Records an admitted call that succeeded: the circuit closes. */
  success(): void;
  /** Records an admitted call that failed; returns whether the circuit is now open. */
  failure(): boolean;
}

/** The options with their defaults, checked; bad values throw a `TypeError`. */
export function breakerSettings(o: BreakerOptions = {}): Required<BreakerOptions> {
  const s = { failureThreshold: 5, cooldownMs: 60_000, now: Date.now, ...o };
  if (!Number.isInteger(s.failureThreshold) || s.failureThreshold < 1) {
    throw new TypeError(
      `Invalid breaker option failureThreshold: ${s.failureThreshold} is not an integer >= 1`,
    );
  }
  if (!Number.isFinite(s.cooldownMs) || s.cooldownMs < 0) {
    throw new TypeError(
      `Invalid breaker option cooldownMs: ${s.cooldownMs} is not a number of ms >= 0`,
    );
  }
  return s;
}

/**
 * Creates a closed circuit; `subject` names what it guards in errors, e.g.
 * `host www.ercot.com`.
 *
 * @example
 * const breaker = createCircuitBreaker("host grafana:3000", { failureThreshold: 3 });
 * breaker.enter(); // throws CircuitOpenError when open
 * try { await call(); breaker.success(); } catch (err) { breaker.failure(); throw err; }
 */
export function createCircuitBreaker(subject: string, options?: BreakerOptions): CircuitBreaker {
  const { failureThreshold, cooldownMs, now } = breakerSettings(options);
  let failures = 0;
  let openUntil: number | null = null;
  let trialInFlight = false;
  const state = (): CircuitState =>
    openUntil === null ? "closed" : now() < openUntil ? "open" : "half-open";
  return {
    state,
    enter() {
      const s = state();
      if (s === "open") throw new CircuitOpenError(subject, new Date(openUntil!));
      if (s === "closed") return;
      if (trialInFlight) throw new CircuitOpenError(subject, null);
      trialInFlight = true;
    },
    success() {
      trialInFlight = false;
      failures = 0;
      openUntil = null;
    },
    failure() {
      const wasTrial = trialInFlight;
      trialInFlight = false;
      failures++;
      if (wasTrial || failures >= failureThreshold) openUntil = now() + cooldownMs;
      return state() === "open";
    },
  };
}
