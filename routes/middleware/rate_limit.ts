/**
 * Request rate limits per API key, per signed-in user and per IP for
 * anonymous callers, each over a minute (the burst), an hour and a day.
 * Counters are fixed windows in PostgreSQL, so replicas share them. Responses
 * carry `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (for the
 * window closest to its limit) and `RateLimit-Policy`; past a limit the
 * answer is 429 with `Retry-After`.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { RateLimitTier } from "../../config.ts";
import type { Sql } from "../../db/client.ts";
import { hitCounters, pruneCounters } from "../../db/rate_limits.ts";
import { RateLimitedError, ValidationError } from "../../errors.ts";
import { principalOf } from "./auth.ts";

/** Options for {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Limits for anonymous callers, counted per IP. */
  anonymous: RateLimitTier;
  /** Limits for session tokens, counted per user. */
  user: RateLimitTier;
  /** Limits for API keys, counted per key. */
  key: RateLimitTier;
  /** False lets everything through uncounted (true). */
  enabled?: boolean;
  /** Which paths count (those under `/api/`). */
  applies?: (path: string) => boolean;
}

interface WindowState {
  seconds: number;
  label: string;
  limit: number;
  count: number;
  remaining: number;
  reset: number;
}

const PRUNE_EVERY_MS = 10 * 60_000;
const KEEP_COUNTERS_MS = 2 * 86_400_000;
const KEEP_USAGE_MS = 400 * 86_400_000;

/**
 * Creates the limiter; it must run after `authenticate`. Throws
 * {@link ValidationError} at once for a limit that is not a positive integer.
 *
 * @example
 * app.use("*", createRateLimiter({ sql, clock }, config.rateLimits));
 */
export function createRateLimiter(
  deps: { sql: Sql; clock: () => Date },
  opts: RateLimiterOptions,
): MiddlewareHandler {
  for (const tier of ["anonymous", "user", "key"] as const) checkTier(tier, opts[tier]);
  const applies = opts.applies ?? ((path: string) => path.startsWith("/api/"));
  let lastPrune = -Infinity;
  return async function rateLimit(c, next) {
    if (opts.enabled === false || !applies(c.req.path)) return await next();
    const now = deps.clock();
    if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      await pruneCounters(deps.sql, {
        before: new Date(now.getTime() - KEEP_COUNTERS_MS),
        usageBefore: new Date(now.getTime() - KEEP_USAGE_MS),
      });
    }
    const { bucket, tier, who } = identify(c, opts);
    const states = await count(deps.sql, bucket, tier, now);
    const exceeded = states.filter((s) => s.count > s.limit);
    const shown = exceeded.length > 0
      ? exceeded.reduce((a, b) => (b.reset > a.reset ? b : a))
      : states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    const headers = rateLimitHeaders(shown, states);
    if (exceeded.length > 0) {
      for (const [name, value] of headers) c.header(name, value);
      throw new RateLimitedError(
        `Rate limit of ${shown.limit} requests per ${shown.label} reached for ${who}; retry in ${shown.reset} s`,
        shown.reset,
      );
    }
    await next();
    for (const [name, value] of headers) c.header(name, value);
  };
}

function identify(c: Context, opts: RateLimiterOptions) {
  const principal = principalOf(c);
  if (principal.keyId) {
    return { bucket: `key:${principal.keyId}`, tier: opts.key, who: "this API key" };
  }
  if (principal.kind === "user") {
    return { bucket: `user:${principal.userId}`, tier: opts.user, who: "this account" };
  }
  const ip = c.get("clientIp") ?? "unknown";
  return { bucket: `ip:${ip}`, tier: opts.anonymous, who: `anonymous requests from ${ip}` };
}

async function count(sql: Sql, bucket: string, tier: RateLimitTier, now: Date) {
  const windows = [
    { seconds: 60, label: "minute", limit: tier.perMinute },
    { seconds: 3600, label: "hour", limit: tier.perHour },
    { seconds: 86_400, label: "day", limit: tier.perDay },
  ];
  const counts = await hitCounters(sql, bucket, windows.map((w) => w.seconds), now);
  return windows.map((w): WindowState => {
    const hit = counts.find((x) => x.windowSeconds === w.seconds)!;
    const ends = hit.windowStart.getTime() + w.seconds * 1000;
    return {
      ...w,
      count: hit.count,
      remaining: Math.max(0, w.limit - hit.count),
      reset: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)),
    };
  });
}

function rateLimitHeaders(shown: WindowState, all: WindowState[]): [string, string][] {
  return [
    ["RateLimit-Limit", String(shown.limit)],
    ["RateLimit-Remaining", String(shown.remaining)],
    ["RateLimit-Reset", String(shown.reset)],
    ["RateLimit-Policy", all.map((s) => `${s.limit};w=${s.seconds}`).join(", ")],
  ];
}

function checkTier(name: string, tier: RateLimitTier): void {
  for (const [field, value] of Object.entries(tier)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ValidationError(
        `Rate limit ${name}.${field} must be a positive integer, got ${value}`,
      );
    }
  }
}
