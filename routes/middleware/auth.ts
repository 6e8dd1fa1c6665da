/**
 * Authentication and authorization for every route. {@link authenticate}
 * sets `c.var.principal` (a user or anonymous) and `c.var.clientIp`; a
 * credential that is presented but invalid, expired or revoked is a 401
 * everywhere. {@link accessPolicy} applies the service-wide rules; routes add
 * {@link requireAuth}, {@link requireSession}, {@link requireScope} and
 * {@link requireRole}.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Authenticate, Credential } from "../../auth/authenticate.ts";
import {
  ANONYMOUS,
  type Principal,
  type Role,
  roleAtLeast,
  type Scope,
  type UserPrincipal,
} from "../../auth/principal.ts";
import { ForbiddenError, UnauthorizedError } from "../../errors.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Who the request acts as; set by {@link authenticate}. */
    principal: Principal;
    /** The client address; set by {@link authenticate}. */
    clientIp: string;
  }
}

/** Paths that take writes without a credential: they are how one gets a credential. */
export const PUBLIC_WRITES: ReadonlySet<string> = new Set([
  "/api/auth/register",
  "/api/auth/login",
  "/api/auth/refresh",
]);

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Resolves the request's credential. `Authorization: Bearer <token or key>`
 * and `X-API-Key: <key>` are accepted; any other scheme, a malformed header,
 * or both headers at once is a 401.
 */
export function authenticate(
  auth: { authenticate: Authenticate },
  opts: { trustProxy: boolean },
): MiddlewareHandler {
  return async function authenticate(c, next) {
    c.set("clientIp", clientIp(c, opts.trustProxy));
    const credential = readCredential(c.req.raw.headers);
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

/** Middleware: 401 unless a user is signed in. */
export function requireAuth(): MiddlewareHandler {
  return async function requireAuth(c, next) {
    userOf(c);
    await next();
  };
}

/** Middleware: 401 when anonymous, 403 when signed in with an API key rather than a session. */
export function requireSession(): MiddlewareHandler {
  return async function requireSession(c, next) {
    if (!userOf(c).sessionId) {
      throw new ForbiddenError("This action needs a session access token, not an API key");
    }
    await next();
  };
}

/** Middleware: 401 when anonymous, 403 unless the credential carries `scope`. */
export function requireScope(scope: Scope): MiddlewareHandler {
  return async function requireScope(c, next) {
    if (!userOf(c).scopes.includes(scope)) {
      throw new ForbiddenError(`This credential lacks the "${scope}" scope`);
    }
    await next();
  };
}

/** Middleware: 401 when anonymous, 403 unless the role is at least `role` (viewer < user < admin). */
export function requireRole(role: Role): MiddlewareHandler {
  return async function requireRole(c, next) {
    const user = userOf(c);
    if (!roleAtLeast(user.role, role)) {
      throw new ForbiddenError(`This action needs the ${role} role; you have ${user.role}`);
    }
    await next();
  };
}

/**
 * Service-wide rules, after {@link authenticate}: reading ERCOT data
 * (`GET`/`HEAD` under `/api/v1/`) is open unless `requireAuthForReads`, and
 * a signed-in reader needs the `read` scope; every write under `/api/` needs
 * a user, except {@link PUBLIC_WRITES}, and writes under `/api/v1/` need `write`.
 * `OPTIONS` passes untouched (CORS preflights carry no credentials).
 */
export function accessPolicy(opts: { requireAuthForReads: boolean }): MiddlewareHandler {
  return async function accessPolicy(c, next) {
    if (c.req.method === "OPTIONS") return await next();
    const path = c.req.path;
    const principal = principalOf(c);
    const safe = SAFE_METHODS.has(c.req.method);
    if (path.startsWith("/api/v1/")) {
      if (principal.kind === "anonymous" && (!safe || opts.requireAuthForReads)) {
        throw new UnauthorizedError(`Authentication is required for ${c.req.method} ${path}`);
      }
      const scope: Scope = safe ? "read" : "write";
      if (principal.kind === "user" && !principal.scopes.includes(scope)) {
        throw new ForbiddenError(`This credential lacks the "${scope}" scope`);
      }
    } else if (path.startsWith("/api/") && !safe && !PUBLIC_WRITES.has(path)) {
      if (principal.kind === "anonymous") {
        throw new UnauthorizedError(`Authentication is required for ${c.req.method} ${path}`);
      }
    }
    await next();
  };
}
