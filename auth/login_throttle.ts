/**
 * Failed-login throttling: at most `limit` (10) failures per `windowSeconds`
 * (15 minutes) for one account and for one IP, over a sliding window. Past
 * that, attempts answer 429 until the oldest counted failure leaves the
 * window; there is no permanent lockout.
 *
 * Every attempt is checked and counted as a failure in one locked step
 * before its password is verified, and taken back once the password proves
 * right, so parallel guesses cannot all slip under the limit.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { claimLoginAttempt, forgetLoginAttempt } from "../http/rate_limit_store.ts";
import { RateLimitedError, ValidationError } from "../domain/errors.ts";

/** One counted attempt. */
export interface LoginAttempt {
  /** The password was right: the attempt no longer counts as a failure. */
  succeeded(): Promise<void>;
}

/** Checks and counts login attempts. */
export interface LoginThrottle {
  /**
   * Counts an attempt against the account and the IP as a failure, or throws
   * {@link RateLimitedError} (with the seconds until one is allowed again)
   * while either is over the limit.
   */
  attempt(email: string, ip: string, now: Date): Promise<LoginAttempt>;
}

/** Options for {@link createLoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failures allowed per window (10). */
  limit?: number;
  /** Window length in seconds (900). */
  windowSeconds?: number;
}

/**
 * Creates a throttle over the `login_failures` table.
 *
 * @example
 * const throttle = createLoginThrottle(sql, { limit: 10, windowSeconds: 900 });
 * const attempt = await throttle.attempt("a@example.com", "203.0.113.9", new Date());
 * if (passwordIsRight) await attempt.succeeded();
 */
export function createLoginThrottle(sql: Sql, opts: LoginThrottleOptions = {}): LoginThrottle {
  const limit = opts.limit ?? 10;
  const windowSeconds = opts.windowSeconds ?? 900;
  for (const [name, v] of [["limit", limit], ["windowSeconds", windowSeconds]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new ValidationError(`Login throttle ${name} must be a positive integer, got ${v}`);
    }
  }
  return {
    async attempt(email, ip, now) {
      const since = new Date(now.getTime() - windowSeconds * 1000);
      const claim = await claimLoginAttempt(sql, { email, ip, at: now, since, limit });
      if ("id" in claim) return { succeeded: () => forgetLoginAttempt(sql, claim.id) };
      const over = [claim.blocked.email, claim.blocked.ip].filter((t) => t.length >= limit);
      // The attempt is allowed again when the oldest of the last `limit` failures expires.
      const reopens = Math.max(...over.map((times) => times[limit - 1].getTime())) +
        windowSeconds * 1000;
      const retryAfter = Math.max(1, Math.ceil((reopens - now.getTime()) / 1000));
      throw new RateLimitedError(
        `Too many failed logins: ${limit} in ${
          windowSeconds / 60
        } minutes; try again in ${retryAfter} s`,
        retryAfter,
      );
    },
  };
}
