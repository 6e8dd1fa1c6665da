/**
 * What answers may be cached, and by whom. A route states its own
 * `Cache-Control` (data reads, the UI's assets); anything that states none —
 * tokens, keys, accounts, dashboards, alerts, errors — is `no-store`, so no
 * browser or shared cache keeps it. An API answer marked `public` becomes
 * `private` when reads need authentication or the request carried a
 * credential, so a shared cache never hands one caller's answer to another.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { principalOf } from "./principal.ts";
import { setOnResponse } from "./set_header.ts";

/**
 * The Cache-Control policy; register it before `authenticate` so it wraps
 * every answer, errors included.
 *
 * @example
 * app.use(cachePolicy({ requireAuthForReads: config.requireAuthForReads }));
 */
export function cachePolicy(opts: { requireAuthForReads: boolean }): MiddlewareHandler {
  return async function cachePolicy(c, next) {
    await next();
    const stated = c.res.headers.get("cache-control");
    if (stated === null) return setOnResponse(c, "cache-control", "no-store");
    if (!/\bpublic\b/i.test(stated) || !c.req.path.startsWith("/api/")) return;
    if (opts.requireAuthForReads || credentialed(c)) {
      setOnResponse(c, "cache-control", stated.replace(/\bpublic\b/i, "private"));
    }
  };
}

function credentialed(c: Context): boolean {
  const h = c.req.raw.headers;
  return principalOf(c).kind === "user" || h.has("authorization") || h.has("x-api-key") ||
    h.has("x-api-secret");
}
