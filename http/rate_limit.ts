/**
 * Request rate limits per API key, per signed-in user and per IP for
 * anonymous callers, each over a minute (the burst), an hour and a day.
 * Counters are fixed windows in PostgreSQL, so replicas share them. Responses
 * carry `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (for the
 * window closest to its limit) and `RateLimit-Policy`; past a limit the
 * answer is 429 with `Retry-After`.
 *
 * A bucket's requests are counted in this process while every window is in
 * the lower half of its limit and the shared counts were read less than a
 * second ago; otherwise, and at least once a second for a busy bucket, the
 * request goes to the shared counters with what was counted here. So a
 * client far from its limits costs the database about one statement a
 * second instead of one per request, and near a limit every request is
 * counted in the database, exactly across replicas. Replicas that count a
 * bucket at the same moment can each admit up to half its limit before they
 * see each other's share: a burst can pass a limit by that much, once.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { RateLimitTier } from "../config.ts";
import type { Sql } from "../db/client.ts";
import { addCounters, pruneCounters, windowStart } from "./rate_limit_store.ts";
import { RateLimitedError, ValidationError } from "../domain/errors.ts";
import { principalOf } from "./principal.ts";
import { log } from "../log/logger.ts";

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

/** The limiter: the middleware, and the in-process check the fast lane uses. */
export interface RateLimiter {
  middleware: MiddlewareHandler;
  /**
   * Counts one anonymous request from `ip` here when that needs no database
   * trip; returns its RateLimit headers, or undefined when the request must
   * take the middleware (near a limit, time to sync, or limits are off).
   */
  countLocally(ip: string): [string, string][] | undefined;
}

interface WindowState {
  seconds: number;
  label: string;
  limit: number;
  count: number;
  remaining: number;
  reset: number;
}

/** One bucket's counts as this process knows them. */
interface Tally {
  /** Window starts (epoch ms) the shared counts belong to, minute, hour, day. */
  starts: number[];
  /** Shared counts when last read, this process's included. */
  shared: number[];
  /** Requests counted here since. */
  pending: number;
  /** When the shared counts were read (epoch ms). */
  syncedAt: number;
}

const WINDOWS = [
  { seconds: 60, label: "minute", field: "perMinute" },
  { seconds: 3600, label: "hour", field: "perHour" },
  { seconds: 86_400, label: "day", field: "perDay" },
] as const;
const SYNC_MS = 1000;
const FORGET_MS = 120_000;
/** Buckets followed in memory at most; past it, new ones are counted in the database only. */
const MAX_TALLIES = 100_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const KEEP_COUNTERS_MS = 2 * 86_400_000;
const KEEP_USAGE_MS = 400 * 86_400_000;

/**
 * Creates the limiter; its middleware must run after `authenticate`. Throws
 * {@link ValidationError} at once for a limit that is not a positive integer.
 *
 * @example
 * app.use("*", createRateLimiter({ sql, clock }, config.rateLimits).middleware);
 */
export function createRateLimiter(
  deps: { sql: Sql; clock: () => Date },
  opts: RateLimiterOptions,
): RateLimiter {
  for (const tier of ["anonymous", "user", "key"] as const) checkTier(tier, opts[tier]);
  const applies = opts.applies ?? ((path: string) => path.startsWith("/api/"));
  const tallies = new Map<string, Tally>();
  let lastPrune = -Infinity;
  let lastSweep = -Infinity;

  /**
   * Writes what was counted here for buckets not synced for a second, and
   * forgets idle ones. One sweep at a time; on failure the counts stay pending.
   */
  let sweeping = false;
  const sweep = async (now: number) => {
    if (sweeping) return;
    sweeping = true;
    // Taken out of `pending` before the statement, so nothing else sends them again.
    const due: [string, Tally, number][] = [];
    for (const [bucket, t] of tallies) {
      if (now - t.syncedAt < SYNC_MS) continue;
      if (t.pending > 0) {
        due.push([bucket, t, t.pending]);
        t.pending = 0;
      } else if (now - t.syncedAt > FORGET_MS) tallies.delete(bucket);
    }
    const hits = due.flatMap(([bucket, t, n]) =>
      WINDOWS.map((w, i) => ({
        bucket,
        windowSeconds: w.seconds,
        windowStart: new Date(t.starts[i]),
        n,
      }))
    );
    try {
      const counts = await addCounters(deps.sql, hits);
      for (const [bucket, t] of due) {
        t.syncedAt = Math.max(t.syncedAt, now);
        for (const c of counts) {
          const i = WINDOWS.findIndex((w) => w.seconds === c.windowSeconds);
          if (c.bucket === bucket && c.windowStart.getTime() === t.starts[i]) {
            t.shared[i] = Math.max(t.shared[i], c.count);
          }
        }
      }
    } catch (err) {
      for (const [, t, n] of due) t.pending += n;
      log.error("Rate limits: cannot write the counts kept in memory; will retry", { error: err });
    } finally {
      sweeping = false;
    }
  };

  /** Counts one request in the shared counters, with what was counted here. */
  const countShared = async (bucket: string, tier: RateLimitTier, now: number) => {
    const t = tallies.get(bucket);
    const starts = WINDOWS.map((w) => windowStart(new Date(now), w.seconds).getTime());
    // Taken out of `pending` before the statement, so concurrent requests do not send them again.
    const sent = t?.pending ?? 0;
    if (t) t.pending = 0;
    // Requests counted here belong to the windows they were counted in.
    const hits = WINDOWS.map((w, i) => ({
      bucket,
      windowSeconds: w.seconds,
      windowStart: new Date(starts[i]),
      n: 1 + (t && t.starts[i] === starts[i] ? sent : 0),
    }));
    let counts;
    try {
      counts = await addCounters(deps.sql, hits);
    } catch (err) {
      if (t) t.pending += sent;
      throw err;
    }
    const shared = WINDOWS.map((w) => counts.find((c) => c.windowSeconds === w.seconds)!.count);
    // Requests counted here while the statement ran stay pending, on whichever tally holds them.
    let cur = tallies.get(bucket);
    if (!cur) {
      cur = { starts, shared, pending: 0, syncedAt: now };
      if (tallies.size < MAX_TALLIES) tallies.set(bucket, cur);
    } else if (cur.starts.every((start, i) => start === starts[i])) {
      cur.shared = cur.shared.map((n, i) => Math.max(n, shared[i]));
      cur.syncedAt = Math.max(cur.syncedAt, now);
    } else if (now >= cur.syncedAt) {
      Object.assign(cur, { starts, shared, syncedAt: now });
    }
    return states(tier, shared.map((n) => n + cur.pending), starts, now);
  };

  /** Counts one request here when every window stays in its lower half; else undefined. */
  const countHere = (bucket: string, tier: RateLimitTier, now: number) => {
    const t = tallies.get(bucket);
    if (!t || now - t.syncedAt >= SYNC_MS) return undefined;
    for (let i = 0; i < WINDOWS.length; i++) {
      if (windowStart(new Date(now), WINDOWS[i].seconds).getTime() !== t.starts[i]) {
        return undefined;
      }
      if ((t.shared[i] + t.pending + 1) * 2 > tier[WINDOWS[i].field]) return undefined;
    }
    t.pending++;
    return states(tier, t.shared.map((n) => n + t.pending), t.starts, now);
  };

  const middleware: MiddlewareHandler = async function rateLimit(c, next) {
    if (opts.enabled === false || !applies(c.req.path)) return await next();
    const now = deps.clock().getTime();
    if (now - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = now;
      await pruneCounters(deps.sql, {
        before: new Date(now - KEEP_COUNTERS_MS),
        usageBefore: new Date(now - KEEP_USAGE_MS),
      });
    }
    if (now - lastSweep >= SYNC_MS) {
      lastSweep = now;
      await sweep(now);
    }
    const { bucket, tier, who } = identify(c, opts);
    const windows = countHere(bucket, tier, now) ?? await countShared(bucket, tier, now);
    const exceeded = windows.filter((s) => s.count > s.limit);
    const shown = exceeded.length > 0
      ? exceeded.reduce((a, b) => (b.reset > a.reset ? b : a))
      : windows.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    const headers = rateLimitHeaders(shown, windows);
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

  return {
    middleware,
    countLocally(ip) {
      if (opts.enabled === false) return undefined;
      const now = deps.clock().getTime();
      if (now - lastSweep >= SYNC_MS) return undefined;
      const windows = countHere(`ip:${ip}`, opts.anonymous, now);
      if (!windows) return undefined;
      return rateLimitHeaders(
        windows.reduce((a, b) => (b.remaining < a.remaining ? b : a)),
        windows,
      );
    },
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

function states(tier: RateLimitTier, counts: number[], starts: number[], now: number) {
  return WINDOWS.map((w, i): WindowState => {
    const limit = tier[w.field];
    const ends = starts[i] + w.seconds * 1000;
    return {
      seconds: w.seconds,
      label: w.label,
      limit,
      count: counts[i],
      remaining: Math.max(0, limit - counts[i]),
      reset: Math.max(1, Math.ceil((ends - now) / 1000)),
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
