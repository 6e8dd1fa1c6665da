/**
 * Response hardening applied to every route, errors included: security
 * headers (CSP without inline scripts, nosniff, no referrer, HSTS over TLS),
 * CORS for the configured origins only, and a request body size limit.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { ValidationError } from "../domain/errors.ts";
import { problem } from "./problem.ts";
import { setOnResponse } from "./set_header.ts";

/** The Content-Security-Policy sent with every response: no inline scripts or styles. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Sets the security headers on the response once the rest of the chain has
 * produced it. Register it first so it wraps error, 404 and 405 responses
 * too. A route's own Content-Security-Policy is kept. HSTS is added when the request came over TLS, directly or per
 * `X-Forwarded-Proto: https`.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    const set = (name: string, value: string) => setOnResponse(c, name, value);
    // A route may send a stricter policy of its own (the API docs page does).
    if (!c.res.headers.has("Content-Security-Policy")) {
      set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    set("X-Content-Type-Options", "nosniff");
    set("Referrer-Policy", "no-referrer");
    set("X-Frame-Options", "DENY");
    set("Cross-Origin-Opener-Policy", "same-origin");
    if (overTls(c.req.url, c.req.header("x-forwarded-proto"))) {
      set("Strict-Transport-Security", HSTS);
    }
    if (c.res.status === 401 && !c.res.headers.has("WWW-Authenticate")) {
      set("WWW-Authenticate", 'Bearer realm="ercot-analytics"');
    }
  };
}

function overTls(url: string, forwardedProto: string | undefined): boolean {
  if (new URL(url).protocol === "https:") return true;
  return forwardedProto?.split(",")[0].trim().toLowerCase() === "https";
}

/**
 * CORS for exactly `origins`. A request from any other origin (or with none)
 * passes through with no CORS headers, so browsers refuse it; with no origins
 * configured, nothing gets CORS headers.
 *
 * @example
 * app.use("*", corsFor(["https://grid.example.com"]));
 */
export function corsFor(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  const handler = cors({
    origin: (origin) => allowed.has(origin) ? origin : null,
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "X-API-Key", "X-API-Secret"],
    exposeHeaders: [
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
      "RateLimit-Policy",
      "Retry-After",
    ],
    maxAge: 600,
  });
  return async function corsFor(c, next) {
    const origin = c.req.header("origin");
    if (origin === undefined || !allowed.has(origin)) return await next();
    return await handler(c, next);
  };
}

/**
 * Refuses request bodies over `maxBytes` with a 413 problem, whether the
 * size is declared in Content-Length or only found while streaming.
 */
export function bodyLimitFor(maxBytes: number): MiddlewareHandler {
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new ValidationError(`Body limit must be a positive integer of bytes, got ${maxBytes}`);
  }
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      problem(c, 413, "Payload too large", `Request body is larger than ${maxBytes} bytes`),
  });
}
