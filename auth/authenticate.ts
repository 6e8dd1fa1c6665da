/**
 * Turns a presented credential into a {@link UserPrincipal}: a session access
 * token (checked against a live `sessions` row on every request, so logout
 * takes effect at once), an API key (checksum first, then a constant-time
 * hash comparison, expiry, revocation and the owner's state) or a stream
 * ticket (used up, acting as the credential that minted it). Anything wrong
 * is an {@link UnauthorizedError}.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { type ApiKeyCandidate, apiKeysByPrefix, recordApiKeyUse } from "./keys_store.ts";
import { liveSession } from "./sessions_store.ts";
import { ForbiddenError, UnauthorizedError } from "../domain/errors.ts";
import { apiKeyPrefix, constantTimeEqual, hashApiKey, looksLikeApiKey } from "./api_keys.ts";
import { addressAllowed } from "./cidrs.ts";
import { effectiveScopes, roleScopes, type UserPrincipal } from "../domain/principal.ts";
import { redeemTicket } from "./stream_tickets.ts";
import type { TokenIssuer } from "./tokens.ts";

/**
 * A credential as it arrived: `Authorization: Bearer` or `Basic` (the
 * password), `X-API-Key` (alone, or naming the key whose secret
 * `X-API-Secret` carries: `keyName` is then the key's prefix, id or the key
 * itself), or a stream `?ticket=`. `clientIp` is checked against a key's
 * `allowed_cidrs`; a limited key presented without it is refused.
 */
export type Credential = {
  kind: "bearer" | "api-key" | "ticket";
  value: string;
  keyName?: string;
  clientIp?: string;
};

/** Resolves credentials to principals. */
export type Authenticate = (credential: Credential) => Promise<UserPrincipal>;

/** What {@link createAuthenticator} needs. */
export interface AuthenticatorDeps {
  sql: Sql;
  tokens: TokenIssuer;
  clock: () => Date;
  /** Seconds a session may stay unused. */
  idleSeconds: number;
}

/** Creates the authenticator over the database and the token issuer. */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticate {
  return (credential) => {
    if (credential.kind === "ticket") {
      return redeemTicket(deps.sql, credential.value, deps.clock(), credential.clientIp);
    }
    return credential.kind === "api-key" || looksLikeApiKey(credential.value)
      ? viaKey(deps, credential)
      : viaToken(deps, credential.value);
  };
}

async function viaToken(deps: AuthenticatorDeps, token: string): Promise<UserPrincipal> {
  const { userId, sessionId } = await deps.tokens.verifyAccess(token);
  const live = await liveSession(deps.sql, {
    sessionId,
    userId,
    now: deps.clock(),
    idleSeconds: deps.idleSeconds,
  });
  if (!live) throw new UnauthorizedError("Session has ended; log in again");
  return { kind: "user", userId, role: live.role, scopes: roleScopes(live.role), sessionId };
}

async function viaKey(deps: AuthenticatorDeps, credential: Credential): Promise<UserPrincipal> {
  const key = credential.value;
  const prefix = apiKeyPrefix(key);
  if (!prefix) throw new UnauthorizedError("API key is malformed or mistyped (checksum mismatch)");
  const hash = await hashApiKey(key);
  let match: ApiKeyCandidate | undefined;
  // Every candidate is compared, so the time taken does not depend on which matched.
  for (const candidate of await apiKeysByPrefix(deps.sql, prefix)) {
    if (constantTimeEqual(candidate.key_hash, hash)) match = candidate;
  }
  const now = deps.clock();
  if (!match) throw new UnauthorizedError(`API key ${prefix}… is not recognised`);
  if (match.revoked_at) throw new UnauthorizedError(`API key ${prefix}… has been revoked`);
  if (match.expires_at && match.expires_at <= now) {
    throw new UnauthorizedError(`API key ${prefix}… expired at ${match.expires_at.toISOString()}`);
  }
  if (match.user_disabled_at) {
    throw new UnauthorizedError(`API key ${prefix}… belongs to a disabled account`);
  }
  const { keyName, clientIp } = credential;
  if (keyName !== undefined && ![match.prefix, match.id, key].includes(keyName)) {
    throw new UnauthorizedError(
      `X-API-Key does not name the key whose secret X-API-Secret carries`,
    );
  }
  if (match.allowed_cidrs && !addressAllowed(clientIp ?? "", match.allowed_cidrs)) {
    throw new ForbiddenError(
      `API key ${prefix}… is limited by allowed_cidrs to ${match.allowed_cidrs.join(", ")}; ` +
        `the client address ${clientIp ?? "(unknown)"} is outside them`,
      { rule: "allowed_cidrs", allowed_cidrs: match.allowed_cidrs, client_ip: clientIp ?? null },
    );
  }
  await recordApiKeyUse(deps.sql, match.id, now);
  return {
    kind: "user",
    userId: match.user_id,
    role: match.role,
    scopes: effectiveScopes(match.scopes, match.role),
    keyId: match.id,
  };
}
