/**
 * Stream tickets: a browser's EventSource cannot send headers, so a signed-in
 * page first asks `POST /api/v1/stream/ticket` (with its Authorization
 * header) for a ticket, then opens `/api/v1/stream?ticket=…`. A ticket lives
 * {@link STREAM_TICKET_SECONDS} seconds, works once, and acts as the
 * credential that minted it, which must still be valid when it is used.
 * Only its SHA-256 is stored. Credentials themselves are never accepted in a
 * URL, where proxies and browser history would keep them.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { insertStreamTicket, redeemStreamTicket } from "./tickets_store.ts";
import { ForbiddenError, UnauthorizedError } from "../domain/errors.ts";
import { addressAllowed } from "./cidrs.ts";
import { effectiveScopes, roleScopes, type UserPrincipal } from "../domain/principal.ts";
import { digestHex } from "../util/digest.ts";

/** How long a ticket may wait to be used, in seconds. */
export const STREAM_TICKET_SECONDS = 60;

const PREFIX = "est_";
const SHAPE = /^est_[A-Za-z0-9_-]{43}$/;

/** A new ticket. */
export interface StreamTicket {
  ticket: string;
  expiresAt: Date;
}

/**
 * Mints a ticket acting as `principal` (its session, or its API key).
 *
 * @example
 * const { ticket } = await mintStreamTicket(sql, principal, new Date());
 */
export async function mintStreamTicket(
  sql: Sql,
  principal: UserPrincipal,
  now: Date,
): Promise<StreamTicket> {
  const random = crypto.getRandomValues(new Uint8Array(32));
  const ticket = PREFIX + btoa(String.fromCharCode(...random)).replaceAll("+", "-")
    .replaceAll("/", "_").replace(/=+$/, "");
  const expiresAt = new Date(now.getTime() + STREAM_TICKET_SECONDS * 1000);
  await insertStreamTicket(sql, {
    hash: await sha256(ticket),
    userId: principal.userId,
    sessionId: principal.sessionId,
    keyId: principal.keyId,
    expiresAt,
    now,
  });
  return { ticket, expiresAt };
}

/**
 * Uses a ticket up and returns the principal it acts as; throws
 * {@link UnauthorizedError} when it is malformed, unknown, already used,
 * expired, or its credential or account no longer works.
 */
export async function redeemTicket(
  sql: Sql,
  ticket: string,
  now: Date,
  clientIp?: string,
): Promise<UserPrincipal> {
  if (!SHAPE.test(ticket)) throw new UnauthorizedError("Stream ticket is malformed");
  const t = await redeemStreamTicket(sql, await sha256(ticket));
  if (!t) throw new UnauthorizedError("Stream ticket is unknown or was already used");
  if (t.expires_at <= now) {
    throw new UnauthorizedError(`Stream ticket expired at ${t.expires_at.toISOString()}`);
  }
  if (t.user_disabled_at) {
    throw new UnauthorizedError("Stream ticket belongs to a disabled account");
  }
  if (t.session_id) {
    if (!t.session_live_until || t.session_live_until <= now) {
      throw new UnauthorizedError("Stream ticket's session has ended; log in again");
    }
    const scopes = roleScopes(t.role);
    return { kind: "user", userId: t.user_id, role: t.role, scopes, sessionId: t.session_id };
  }
  if (!t.key_scopes || t.key_revoked_at || (t.key_expires_at && t.key_expires_at <= now)) {
    throw new UnauthorizedError("Stream ticket's API key is revoked or expired");
  }
  if (t.key_allowed_cidrs && !addressAllowed(clientIp ?? "", t.key_allowed_cidrs)) {
    throw new ForbiddenError(
      `Stream ticket's API key is limited by allowed_cidrs to ${t.key_allowed_cidrs.join(", ")}; ` +
        `the client address ${clientIp ?? "(unknown)"} is outside them`,
      { rule: "allowed_cidrs" },
    );
  }
  const scopes = effectiveScopes(t.key_scopes, t.role);
  return { kind: "user", userId: t.user_id, role: t.role, scopes, keyId: t.key_id! };
}

async function sha256(text: string): Promise<string> {
  return await digestHex(text);
}
