/**
 * Setting a header after `next()` cheaply: shared by the middleware that
 * stamps finished responses (security headers, request ids, cache policy).
 *
 * @module
 */
import type { Context } from "hono";

/**
 * Sets a header on the finished response, for middleware that runs after
 * `next()`. In place where the headers allow it: `c.header()` after `next()`
 * rebuilds the whole Response on every call, which costs a fifth of a cached request.
 */
export function setOnResponse(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
