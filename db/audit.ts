/**
 * The append-only `audit_log`: who did what, from where, when.
 *
 * @module
 */
import type { Sql } from "./client.ts";

/** Actions the log records. */
export type AuditAction =
  | "register"
  | "login"
  | "login_failed"
  | "logout"
  | "logout_all"
  | "session_revoked"
  | "refresh_reuse"
  | "key_created"
  | "key_revoked"
  | "role_changed"
  | "user_disabled"
  | "user_enabled"
  | "user_created";

/** One audit entry. */
export interface AuditEntry {
  at: Date;
  /** The acting user, when known. */
  userId?: string;
  /** The client address. */
  ip?: string;
  action: AuditAction;
  details?: Record<string, unknown>;
}

/** Appends one entry. */
export async function writeAudit(sql: Sql, e: AuditEntry): Promise<void> {
  await sql`
    insert into audit_log (at, user_id, actor_ip, action, details)
    values (${e.at}, ${e.userId ?? null}, ${e.ip ?? null}, ${e.action},
            ${sql.json((e.details ?? {}) as Parameters<Sql["json"]>[0])})`;
}
