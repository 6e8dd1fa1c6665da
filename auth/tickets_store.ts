/**
 * Queries over `stream_tickets`: single-use credentials for the live stream,
 * kept as SHA-256 hashes.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { Role } from "../domain/principal.ts";

/** A redeemed ticket with the current state of its owner and of the credential that minted it. */
export interface RedeemedTicket {
  user_id: string;
  session_id: string | null;
  key_id: string | null;
  expires_at: Date;
  role: Role;
  user_disabled_at: Date | null;
  /** The session's end (the earlier of its idle and absolute expiry), null once revoked. */
  session_live_until: Date | null;
  key_scopes: string[] | null;
  key_revoked_at: Date | null;
  key_expires_at: Date | null;
  key_allowed_cidrs: string[] | null;
}

/** Stores a ticket's hash, and forgets tickets that expired before `now`. */
export async function insertStreamTicket(
  sql: Sql,
  t: {
    hash: string;
    userId: string;
    sessionId?: string;
    keyId?: string;
    expiresAt: Date;
    now: Date;
  },
): Promise<void> {
  await sql`
    with expired as (delete from stream_tickets where expires_at < ${t.now})
    insert into stream_tickets (hash, user_id, session_id, key_id, expires_at)
    values (${t.hash}, ${t.userId}, ${t.sessionId ?? null}, ${t.keyId ?? null}, ${t.expiresAt})`;
}

/**
 * Deletes the ticket with this hash and returns it with its owner's and
 * credential's state, in one statement: of concurrent redemptions one wins.
 */
export async function redeemStreamTicket(
  sql: Sql,
  hash: string,
): Promise<RedeemedTicket | undefined> {
  const [row] = await sql<RedeemedTicket[]>`
    with t as (delete from stream_tickets where hash = ${hash} returning *)
    select t.user_id, t.session_id, t.key_id, t.expires_at, u.role,
           u.disabled_at as user_disabled_at,
           case when s.revoked_at is null then least(s.idle_expires_at, s.expires_at) end
             as session_live_until,
           k.scopes as key_scopes, k.revoked_at as key_revoked_at, k.expires_at as key_expires_at,
           k.allowed_cidrs as key_allowed_cidrs
    from t join users u on u.id = t.user_id
    left join sessions s on s.id = t.session_id
    left join api_keys k on k.id = t.key_id`;
  return row;
}
