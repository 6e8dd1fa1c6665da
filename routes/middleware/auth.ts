/**
 * Authentication for every route. {@link authenticate} sets
 * `c.var.principal` (a user or anonymous) and `c.var.clientIp`; a credential
 * that is presented but invalid, expired or revoked is a 401 everywhere. What
 * each route then allows is declared on the route and enforced by
 * `enforceAccess` (access.ts).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Authenticate, Credential } from "../../auth/authenticate.ts";
import { ANONYMOUS, type Principal, type UserPrincipal } from "../../auth/principal.ts";
import { UnauthorizedError } from "../../errors.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Who the request acts as; set by {@link authenticate}. */
    principal: Principal;
    /** The client address; set by {@link authenticate}. */
    clientIp: string;
  }
}

/**
 * Resolves the request's credential. `Authorization: Bearer <token or key>`
 * and `X-API-Key: <key>` are accepted, and on `ticketPaths` (the live stream and WebSocket)
 * a stream ticket as `?ticket=`; any other scheme, a malformed header, two
 * credentials at once, or `?access_token=` anywhere is a 401.
 */
export function authenticate(
  auth: { authenticate: Authenticate },
  opts: { trustProxy: boolean; ticketPaths: readonly string[] },
): MiddlewareHandler {
  return async function authenticate(c, next) {
    c.set("clientIp", clientIp(c, opts.trustProxy));
    if (c.req.query("access_token") !== undefined) {
      throw new UnauthorizedError(
        "Credentials in the URL are not accepted: send an Authorization or X-API-Key header, " +
          "or for EventSource a ticket from POST /api/v1/stream/ticket",
      );
    }
    let credential = readCredential(c.req.raw.headers);
    const ticket = opts.ticketPaths.includes(c.req.path) ? c.req.query("ticket") : undefined;
    if (ticket !== undefined) {
      if (credential) throw new UnauthorizedError("Send one credential: a header or a ticket");
      credential = { kind: "ticket", value: ticket };
    }
    c.set("principal", credential ? await auth.authenticate(credential) : ANONYMOUS);
    await next();
  };
}

/** The credential in the headers, if any; throws {@link UnauthorizedError} when malformed. */
export function readCredential(headers: Headers): Credential | undefined {
  const authorization = headers.get("authorization");
  const apiKey = headers.get("x-api-key");
  if (authorization !== null && apiKey !== null) {
    throw new UnauthorizedError("Send one credential: an Authorization or an X-API-Key header");
  }
  if (apiKey !== null) {
    if (!apiKey.trim()) throw new UnauthorizedError("X-API-Key header is empty");
    return { kind: "api-key", value: apiKey.trim() };
  }
  if (authorization === null) return undefined;
  const match = /^(\S+)[ \t]+(\S+)$/.exec(authorization.trim());
  if (!match) throw new UnauthorizedError("Authorization header is not `Bearer <token>`");
  if (match[1].toLowerCase() !== "bearer") {
    throw new UnauthorizedError(
      `Authorization scheme "${match[1].slice(0, 16)}" is not supported; use Bearer`,
    );
  }
  return { kind: "bearer", value: match[2] };
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
