/**
 * Who may call each route. Every operation declares it once, as its OpenAPI
 * `security` (so `/api/openapi.json` shows it), by spreading one of
 * {@link READS}, {@link needs} or {@link SESSION} into `createRoute`; an
 * operation that declares nothing is public. One middleware,
 * {@link enforceAccess}, finds the declaration of the operation a request
 * reaches in the OpenAPI registry and applies it before the route runs:
 *
 * - public: anyone (a credential that is sent must still be valid);
 * - {@link READS}: ERCOT data reads, open unless `REQUIRE_AUTH_FOR_READS`,
 *   and a credential that is sent must carry `read`;
 * - {@link needs}`(scope)`: a session token or API key carrying `scope`;
 * - {@link SESSION}: a session access token, never an API key.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { Principal, Scope } from "../domain/principal.ts";
import { ForbiddenError, UnauthorizedError } from "../domain/errors.ts";
import { principalOf } from "./principal.ts";
import type { OperationTable, Security } from "./operations.ts";

/** Data reads: anonymous unless reads need authentication; a credential must carry `read`. */
export const READS: { security: Security } = {
  security: [{}, { bearerAuth: ["read"] }, { apiKeyAuth: ["read"] }],
};

/** A session token or an API key carrying `scope`. */
export function needs(scope: Scope): { security: Security } {
  return { security: [{ bearerAuth: [scope] }, { apiKeyAuth: [scope] }] };
}

/** A session access token (the account's own sessions and keys); API keys are refused. */
export const SESSION: { security: Security } = { security: [{ sessionAuth: [] }] };

/** A route's declaration as the middleware applies it. */
interface Rule {
  /** Anonymous callers pass (when reads are open, for `reads`). */
  anonymous: "always" | "reads" | "never";
  scope?: Scope;
  session: boolean;
}

const PUBLIC: Rule = { anonymous: "always", session: false };

/** The rule a route's `security` declares. */
function ruleOf(security: Security | undefined): Rule {
  if (!security || security.length === 0) return PUBLIC;
  const schemes = security.flatMap((s) => Object.entries(s));
  const scope = schemes.flatMap(([, scopes]) => scopes)[0] as Scope | undefined;
  return {
    anonymous: security.some((s) => Object.keys(s).length === 0) ? "reads" : "never",
    scope,
    session: schemes.length > 0 && schemes.every(([name]) => name === "sessionAuth"),
  };
}

/**
 * Throws {@link ForbiddenError} unless `principal` carries `scope` (and
 * {@link UnauthorizedError} for anonymous callers). For checks that depend on
 * the request body, such as saving a plain-English chart into a dashboard.
 */
export function assertScope(principal: Principal, scope: Scope): void {
  if (principal.kind === "anonymous") throw new UnauthorizedError("Authentication is required");
  if (!principal.scopes.includes(scope)) {
    throw new ForbiddenError(`This credential lacks the "${scope}" scope`);
  }
}

/** Routes outside the OpenAPI document: reads as data under /api/v1, writes under /api need `write`. */
function undeclared(method: string, path: string): Rule {
  if (method !== "GET" && method !== "HEAD") {
    return path.startsWith("/api/")
      ? { anonymous: "never", scope: "write", session: false }
      : PUBLIC;
  }
  return path.startsWith("/api/v1/")
    ? { anonymous: "reads", scope: "read", session: false }
    : PUBLIC;
}

/**
 * The access middleware, after `authenticate`: applies the declaration of the
 * operation the request reaches (see `operations.ts`). `OPTIONS` passes
 * untouched.
 *
 * @example
 * app.use(enforceAccess(operationTable(app), { requireAuthForReads: false }));
 */
export function enforceAccess(
  operations: OperationTable,
  opts: { requireAuthForReads: boolean },
): MiddlewareHandler {
  return async function enforceAccess(c, next) {
    if (c.req.method === "OPTIONS") return await next();
    const found = operations(c.req.method, c.req.path);
    const rule = found ? ruleOf(found.security) : undeclared(c.req.method, c.req.path);
    const principal = principalOf(c);
    if (principal.kind === "anonymous") {
      const open = rule.anonymous === "always" ||
        (rule.anonymous === "reads" && !opts.requireAuthForReads);
      if (!open) {
        throw new UnauthorizedError(`Authentication is required for ${c.req.method} ${c.req.path}`);
      }
      return await next();
    }
    if (rule.session && !principal.sessionId) {
      throw new ForbiddenError("This action needs a session access token, not an API key");
    }
    if (rule.scope) assertScope(principal, rule.scope);
    await next();
  };
}
