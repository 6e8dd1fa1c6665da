/**
 * The fast lane: a repeated anonymous `GET` whose answer sits in the response
 * cache is served before routing, validation and the middleware chain run,
 * with exactly the headers the full chain gave the same request last time.
 *
 * It learns as the full chain answers: when `serveCached` answers a
 * request, it notes the request's cache key and route; once the chain's
 * response is complete, the lane keeps an alias from what the answer can
 * depend on (the URL, `Accept` and `X-Forwarded-Proto`) to that key and the
 * response's headers other than the entry's own. Later the alias serves
 * only while its cache entry lives, so ingestion, expiry and eviction apply
 * unchanged; anything else falls through to the full chain. Requests that
 * carry credentials or an `Origin` always take the full chain; with rate
 * limiting on, the lane serves only what the limiter can count in this
 * process (far from the caller's limits), with fresh RateLimit headers.
 * It compresses as the chain does, from the entry's kept variants, and gives
 * every answer its own `X-Request-Id`.
 *
 * @module
 */
import type { Metrics } from "../metrics.ts";
import {
  CACHED_VARY,
  type CachedAnswer,
  cachedAnswerOf,
  type CachedBody,
  codedBody,
  ifNoneMatchHits,
  type ResponseCache,
} from "./cache.ts";
import { codedEtag, type Coding, negotiateCoding } from "./compress.ts";
import { accessLine, requestIdOf } from "./request_id.ts";
import type { Logger } from "../log/logger.ts";

interface Alias extends CachedAnswer {
  /** Relearned through the chain after this (epoch ms), whatever the entry says. */
  until: number;
  /** The chain's response headers other than the entry's own. */
  headers: [string, string][];
  /** The entry the prepared header lists belong to. */
  entry?: CachedBody;
  /** Prepared header lists for that entry, by coding ("" for none). */
  prepared?: Map<string, Prepared>;
}

interface Prepared {
  ok: [string, string][];
  notModified: [string, string][];
}

/**
 * How long an alias serves before the chain answers again: a guard for keys
 * that depend on something else than the request (a new series, say).
 */
const ALIAS_MS = 60_000;

/** Headers that come from the cache entry, the runtime or the rate limiter, not the chain. */
const ENTRY_HEADERS = new Set([
  "etag",
  "cache-control",
  "content-type",
  "content-length",
  "date",
  "vary",
  "content-encoding",
  "content-disposition",
  "x-request-id",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "ratelimit-policy",
]);

/** Options of {@link fastLane}. */
export interface FastLaneOptions {
  cache: ResponseCache;
  metrics: Metrics;
  clock: () => Date;
  /**
   * With rate limiting on: counts the request in this process and returns its
   * RateLimit headers, or undefined to send it through the chain (see
   * `RateLimiter.countLocally`); `info` is what the server passed with the request.
   */
  limit?: (req: Request, info: unknown) => [string, string][] | undefined;
  /** Aliases kept (10,000); past it they are forgotten and relearned. */
  maxAliases?: number;
  /** Access-log lines of the answers it serves (none); the chain logs its own. */
  log?: Logger;
}

type Fetch = (req: Request, ...rest: never[]) => Response | Promise<Response>;

/**
 * Wraps an application's `fetch` with the lane.
 *
 * @example
 * app.fetch = fastLane({ cache, metrics, clock }, app.fetch);
 */
export function fastLane<F extends Fetch>(opts: FastLaneOptions, fetch: F): F {
  if (!opts.cache.enabled) return fetch;
  const limit = opts.limit;
  const aliases = new Map<string, Alias>();
  const maxAliases = opts.maxAliases ?? 10_000;
  const { cache, metrics, clock } = opts;
  let served = 0;
  metrics.collect(
    "api_fast_lane_total",
    "Cached answers served before routing (see also http_requests_total)",
    "counter",
    () => [[{}, served]],
  );

  const learn = (req: Request, id: string, res: Response): Response => {
    const note = cachedAnswerOf(req);
    // A response that sets a cookie belongs to its caller alone: never replayed.
    if (note && (res.status === 200 || res.status === 304) && !res.headers.has("set-cookie")) {
      const headers: [string, string][] = [];
      for (const [name, value] of res.headers) {
        if (!ENTRY_HEADERS.has(name)) headers.push([name, value]);
      }
      if (aliases.size >= maxAliases) aliases.clear();
      const until = clock().getTime() + ALIAS_MS;
      aliases.set(id, { key: note.key, route: note.route, headers, until });
    }
    return res;
  };

  return ((req: Request, ...rest: never[]) => {
    const id = req.method === "GET" ? laneId(req) : undefined;
    if (id === undefined) return fetch(req, ...rest);
    const alias = aliases.get(id);
    const now = alias ? clock().getTime() : 0;
    if (alias && now >= alias.until) aliases.delete(id);
    else if (alias) {
      const t0 = performance.now();
      const entry = cache.get(alias.key, now, { countMiss: false });
      if (!entry) aliases.delete(id);
      const limits = entry && limit ? limit(req, rest[0]) : [];
      if (entry && limits) {
        served++;
        const res = answer(req, { cache, alias, entry, limits });
        opts.log?.debug(accessLine(req, res.status, performance.now() - t0));
        metrics.observeRequest("GET", alias.route, res.status, (performance.now() - t0) / 1000);
        return res;
      }
    }
    const res = fetch(req, ...rest);
    return res instanceof Promise ? res.then((r) => learn(req, id, r)) : learn(req, id, res);
  }) as F;
}

/** The alias key of a request the lane may serve, or undefined. */
function laneId(req: Request): string | undefined {
  const h = req.headers;
  if (
    h.has("authorization") || h.has("x-api-key") || h.has("x-api-secret") ||
    h.has("origin")
  ) return undefined;
  return `${req.url}\n${h.get("accept") ?? ""}\n${h.get("x-forwarded-proto") ?? ""}`;
}

interface Served {
  cache: ResponseCache;
  alias: Alias;
  entry: CachedBody;
  limits: [string, string][];
}

function answer(req: Request, { cache, alias, entry, limits }: Served): Response {
  if (alias.entry !== entry) {
    alias.entry = entry;
    alias.prepared = new Map();
  }
  const coding = negotiateCoding(req.headers.get("accept-encoding"));
  const coded = codedBody(cache, alias.key, entry, coding);
  const use = coded ? coding! : "";
  let prepared = alias.prepared!.get(use);
  if (!prepared) {
    prepared = prepare(alias.headers, entry, coded ? coding : undefined);
    alias.prepared!.set(use, prepared);
  }
  const fresh = ifNoneMatchHits(req.headers.get("if-none-match") ?? undefined, entry.etag);
  const headers = [
    ...(fresh ? prepared.notModified : prepared.ok),
    ...limits,
    ["x-request-id", requestIdOf(req)] as [string, string],
  ];
  if (fresh) return new Response(null, { status: 304, headers });
  const body = (coded ?? entry.body) as string | Uint8Array<ArrayBuffer>;
  return new Response(body, { status: 200, headers });
}

function prepare(
  chain: [string, string][],
  entry: CachedBody,
  coding: Coding | undefined,
): Prepared {
  const notModified: [string, string][] = [
    ...chain,
    ["etag", coding ? codedEtag(entry.etag, coding) : entry.etag],
    ["cache-control", entry.cacheControl],
    ["vary", CACHED_VARY],
  ];
  const ok: [string, string][] = [...notModified, ["content-type", entry.contentType]];
  if (entry.disposition) ok.push(["content-disposition", entry.disposition]);
  if (coding) ok.push(["content-encoding", coding]);
  return { ok, notModified };
}
