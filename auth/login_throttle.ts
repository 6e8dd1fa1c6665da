/**
 * Failed-login throttling: at most `limit` (10) failures per `windowSeconds`
 * (15 minutes) for one account and for one IP, over a sliding window. Past
 * that, attempts answer 429 until the oldest counted failure leaves the
 * window; there is no permanent lockout.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { recentLoginFailures, recordLoginFailure } from "../db/rate_limits.ts";
import { RateLimitedError, ValidationError } from "../errors.ts";

/** Checks and records failed logins. */
export interface LoginThrottle {
  /** Throws {@link RateLimitedError} while the account or the IP is over the limit. */
  check(email: string, ip: string, now: Date): Promise<void>;
  /** Counts one failure against the account and the IP. */
  fail(email: string, ip: string, now: Date): Promise<void>;
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
 * await throttle.check("a@example.com", "203.0.113.9", new Date());
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
    async check(email, ip, now) {
      const since = new Date(now.getTime() - windowSeconds * 1000);
      const recent = await recentLoginFailures(sql, { email, ip, since, limit });
      const over = [recent.email, recent.ip].filter((times) => times.length >= limit);
      if (over.length === 0) return;
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
    async fail(email, ip, now) {
      await recordLoginFailure(sql, { email, ip, at: now });
    },
  };
}
