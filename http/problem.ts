/**
 * The one place errors become HTTP responses: `application/problem+json`
 * (RFC 9457). Project errors keep their message; postgres.js errors are mapped
 * by SQLSTATE; anything else is a 500 whose details stay in the log.
 *
 * @module
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, RateLimitedError } from "../domain/errors.ts";
import { log } from "../log/logger.ts";
import { isConnectionLost } from "../db/client.ts";
import { requestIdOf } from "./request_id.ts";

/** A problem+json body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** The answer's `X-Request-Id`, to quote when reporting it. */
  request_id?: string;
  [member: string]: unknown;
}

/** Builds a problem+json response carrying the request's id. */
export function problem(c: Context, status: number, title: string, detail: string, extra = {}) {
  const body: Problem = {
    type: "about:blank",
    title,
    status,
    detail,
    instance: c.req.path,
    ...extra,
    request_id: requestIdOf(c.req.raw),
  };
  return c.newResponse(JSON.stringify(body), status as 400, {
    "content-type": "application/problem+json",
  });
}

const PG_CODES: Record<string, [number, string, string]> = {
  "22P02": [400, "Invalid request", "A value has the wrong format"],
  "22003": [400, "Invalid request", "A number is out of range"],
  "22007": [400, "Invalid request", "A date or time has the wrong format"],
  "22008": [400, "Invalid request", "A date or time is out of range"],
  "22021": [400, "Invalid request", "A value contains a character the database cannot store"],
  "23505": [409, "Conflict", "The resource already exists"],
  "23503": [409, "Conflict", "A referenced resource does not exist"],
  "57014": [503, "Service unavailable", "The query took too long and was cancelled"],
  "53300": [503, "Service unavailable", "The database has too many connections"],
};

/**
 * Hono `onError` handler. Logs unexpected errors with the request id and
 * answers without leaking their message.
 */
export function onError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    const res = problem(c, err.status, err.title, err.message, err.extra);
    if (err instanceof RateLimitedError) res.headers.set("retry-after", String(err.retryAfter));
    if (err.status === 401) res.headers.set("www-authenticate", challenge(c));
    return res;
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    return problem(c, status, statusTitle(status), err.message || statusTitle(status));
  }
  const code = (err as { code?: string }).code;
  if (err.name === "PostgresError" && code && PG_CODES[code]) {
    const [status, title, detail] = PG_CODES[code];
    return problem(c, status, title, detail);
  }
  if (isConnectionLost(err)) {
    return problem(c, 503, "Service unavailable", "The database is unreachable; try again shortly");
  }
  log.error(`Unhandled error on ${c.req.method} ${c.req.path}`, {
    request_id: requestIdOf(c.req.raw),
    error: err,
  });
  return problem(c, 500, "Internal error", "An unexpected error occurred");
}

/**
 * The 401 challenge: Basic to a caller who sent Basic (tools such as curl and
 * Grafana data sources), else Bearer, so a browser never pops a login box.
 */
function challenge(c: Context): string {
  const basic = /^basic\b/i.test(c.req.header("authorization")?.trim() ?? "");
  return basic
    ? `Basic realm="ERCOT Analytics", charset="UTF-8"`
    : `Bearer realm="ERCOT Analytics"`;
}

/** A short title for a status code. */
export function statusTitle(status: number): string {
  const titles: Record<number, string> = {
    400: "Invalid request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
  };
  return titles[status] ?? "Error";
}
