/**
 * Who a request acts as and where it came from, as the authentication
 * middleware (auth/middleware.ts) left them on the context: every route and
 * middleware reads them here.
 *
 * @module
 */
import type { Context } from "hono";
import { ANONYMOUS, type Principal, type UserPrincipal } from "../domain/principal.ts";
import { UnauthorizedError } from "../domain/errors.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Who the request acts as; set by the authentication middleware. */
    principal: Principal;
    /** The client address; set by the authentication middleware. */
    clientIp: string;
  }
}

/**
 * The client address: the last `X-Forwarded-For` hop when `trustProxy`
 * (the address the proxy saw), else the socket's remote address.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  return clientAddress(c.req.raw.headers, c.env, trustProxy);
}

/** {@link clientIp} from the raw request headers and the server's connection info. */
export function clientAddress(headers: Headers, info: unknown, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
    const last = hops.filter(Boolean).pop();
    if (last) return last.slice(0, 64);
  }
  const env = info as { remoteAddr?: { hostname?: string } } | undefined;
  return env?.remoteAddr?.hostname ?? "unknown";
}

/** Where the request came from, for sessions, throttling and the audit log. */
export function requestContext(c: Context): { ip: string; userAgent?: string } {
  return { ip: c.get("clientIp") ?? "unknown", userAgent: c.req.header("user-agent") };
}

/** The request's principal (anonymous when no middleware set one). */
export function principalOf(c: Context): Principal {
  return c.get("principal") ?? ANONYMOUS;
}

/** The signed-in user; throws {@link UnauthorizedError} for anonymous callers. */
export function userOf(c: Context): UserPrincipal {
  const principal = principalOf(c);
  if (principal.kind !== "user") throw new UnauthorizedError("Authentication is required");
  return principal;
}
