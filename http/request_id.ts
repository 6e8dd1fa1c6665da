/**
 * Request ids: every answer carries `X-Request-Id`, the caller's own when it
 * sent a sane one (so a proxy's id follows the request through), otherwise a
 * fresh UUID. The same id is in problem+json bodies (`request_id`) and in the
 * log lines about the request, so a user's error report leads to its log.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { setOnResponse } from "./set_header.ts";
import { log as processLog, LOG_LEVELS, type Logger, type LogLevel } from "../log/logger.ts";

/** Ids we take from a request: short, printable, nothing that could split a log line. */
const SANE = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

const ids = new WeakMap<Request, string>();

/**
 * The request's id: the one already given to it, the caller's `X-Request-Id`
 * when sane, or a new UUID. Remembered per request, so every caller agrees.
 *
 * @example requestIdOf(new Request("http://x/", { headers: { "x-request-id": "abc-1" } })) // "abc-1"
 */
export function requestIdOf(req: Request): string {
  let id = ids.get(req);
  if (id === undefined) {
    const sent = req.headers.get("x-request-id")?.trim();
    id = sent && SANE.test(sent) ? sent : crypto.randomUUID();
    ids.set(req, id);
  }
  return id;
}

/** Options of {@link requestIds}. */
export interface RequestIdOptions {
  /** Lowest level written (`info`): `debug` logs every request, 5xx answers log as `error`. */
  level?: LogLevel;
  /** Where lines go (the service's logger, so `LOG_FORMAT` applies). */
  log?: Logger;
}

/** One access-log line: method, path, status, milliseconds and the request id. */
export function accessLine(req: Request, status: number, ms: number): string {
  const path = new URL(req.url).pathname;
  return `${req.method} ${path} ${status} ${ms.toFixed(1)}ms request_id=${requestIdOf(req)}`;
}

/**
 * Sets `X-Request-Id` on every answer (register it first, so errors and 404s
 * carry it too) and logs the request: every one at `debug`, a 5xx at `error`.
 *
 * @example
 * app.use(requestIds({ level: config.logLevel }));
 */
export function requestIds(opts: RequestIdOptions = {}): MiddlewareHandler {
  const log = opts.log ?? processLog;
  const debug = LOG_LEVELS.indexOf(opts.level ?? "info") <= LOG_LEVELS.indexOf("debug");
  return async function requestIds(c, next) {
    const t0 = performance.now();
    const id = requestIdOf(c.req.raw);
    await next();
    setOnResponse(c, "X-Request-Id", id);
    const status = c.res.status;
    if (status >= 500) log.error(accessLine(c.req.raw, status, performance.now() - t0));
    else if (debug) log.debug(accessLine(c.req.raw, status, performance.now() - t0));
  };
}
