/**
 * Who is calling: roles, scopes, the principal a request acts as, and the
 * ownership check every route over a user's resources shares.
 *
 * @module
 */
import { NotFoundError } from "./errors.ts";

/** Account roles, weakest first. */
export const ROLES = ["viewer", "user", "admin"] as const;

/** An account role. */
export type Role = typeof ROLES[number];

/** What a credential may do. */
export const SCOPES = ["read", "write", "ai", "admin"] as const;

/** One permission a credential carries. */
export type Scope = typeof SCOPES[number];

const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  viewer: ["read"],
  user: ["read", "write", "ai"],
  admin: ["read", "write", "ai", "admin"],
};

/** A signed-in user, through a session token or an API key. */
export interface UserPrincipal {
  kind: "user";
  userId: string;
  role: Role;
  /** The session's role scopes, or the key's scopes narrowed to what the role allows. */
  scopes: Scope[];
  /** Set when the credential is a session access token. */
  sessionId?: string;
  /** Set when the credential is an API key. */
  keyId?: string;
}

/** A caller who presented no credential. */
export interface AnonymousPrincipal {
  kind: "anonymous";
  userId?: undefined;
  role?: undefined;
  scopes: readonly Scope[];
  sessionId?: undefined;
  keyId?: undefined;
}

/** Whoever a request acts as. */
export type Principal = UserPrincipal | AnonymousPrincipal;

/** The one anonymous principal. */
export const ANONYMOUS: AnonymousPrincipal = Object.freeze({
  kind: "anonymous",
  scopes: Object.freeze([]),
});

/** The scopes a role grants. */
export function roleScopes(role: Role): Scope[] {
  return [...ROLE_SCOPES[role]];
}

/** A key's scopes, less those its owner's role no longer grants. */
export function effectiveScopes(keyScopes: readonly string[], role: Role): Scope[] {
  const allowed = ROLE_SCOPES[role];
  return SCOPES.filter((s) => keyScopes.includes(s) && allowed.includes(s));
}

/**
 * Asserts that `resource` exists and belongs to `principal`. A missing
 * resource and someone else's answer the same 404, so ids reveal nothing.
 * Admins pass only with `allowAdmin`.
 *
 * @example
 * const key = await findKey(sql, id);
 * assertOwner(c.var.principal, key, `API key ${id} not found`);
 */
export function assertOwner<T extends { user_id: string }>(
  principal: Principal,
  resource: T | undefined | null,
  notFoundMessage: string,
  opts: { allowAdmin?: boolean } = {},
): asserts resource is T {
  const owns = resource != null && principal.kind === "user" &&
    (resource.user_id === principal.userId ||
      (opts.allowAdmin === true && principal.role === "admin"));
  if (!owns) throw new NotFoundError(notFoundMessage);
}
