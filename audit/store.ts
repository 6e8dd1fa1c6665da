/**
 * The append-only `audit_log`: who did what, from where, when, to which
 * object. Every entry passes through {@link writeAudit}, which strips secrets
 * from its details: members named like a secret (`secret`, `password`,
 * `*hash`, `token`, `key`, `api_key`, `authorization`) become `"[redacted]"`
 * and URLs lose their user info, query and fragment, so key secrets,
 * password hashes, webhook secrets and share tokens never reach the log.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";

/** Actions the log records. */
export const AUDIT_ACTIONS = [
  "register",
  "login",
  "login_failed",
  "logout",
  "logout_all",
  "session_revoked",
  "refresh_reuse",
  "key_created",
  "key_revoked",
  "role_changed",
  "user_disabled",
  "user_enabled",
  "user_created",
  "dashboard_created",
  "dashboard_updated",
  "dashboard_deleted",
  "panel_created",
  "panel_updated",
  "panel_deleted",
  "share_link_created",
  "share_link_deleted",
  "alert_rule_created",
  "alert_rule_updated",
  "alert_rule_deleted",
] as const;

/** An action the log records. */
export type AuditAction = typeof AUDIT_ACTIONS[number];

/** Kinds of object an entry may name. */
export const AUDIT_OBJECTS = [
  "dashboard",
  "panel",
  "share_link",
  "alert_rule",
  "api_key",
  "user",
] as const;

/** A kind of object an entry may name. */
export type AuditObject = typeof AUDIT_OBJECTS[number];

/** One audit entry. */
export interface AuditEntry {
  at: Date;
  /** The acting user, when known. */
  userId?: string;
  /** The client address. */
  ip?: string;
  action: AuditAction;
  /** The object changed, when the entry is about one. */
  object?: { type: AuditObject; id: string };
  details?: Record<string, unknown>;
}

/** Appends one entry, its details stripped of secrets. */
export async function writeAudit(sql: Sql, e: AuditEntry): Promise<void> {
  const details = redact(e.details ?? {}, 0) as Parameters<Sql["json"]>[0];
  await sql`
    insert into audit_log (at, user_id, actor_ip, action, object_type, object_id, details)
    values (${e.at}, ${e.userId ?? null}, ${e.ip ?? null}, ${e.action},
            ${e.object?.type ?? null}, ${e.object?.id ?? null}, ${sql.json(details)})`;
}

/** An entry as {@link listAudit} returns it. */
export interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  actor_email: string | null;
  actor_ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: Record<string, unknown>;
}

/** Filters and a page for {@link listAudit}; `before` is an entry id (the cursor). */
export interface AuditQuery {
  actor?: string;
  objectType?: AuditObject;
  objectId?: string;
  action?: AuditAction;
  since?: Date;
  until?: Date;
  before?: bigint;
  limit: number;
}

/** Entries matching `q`, newest first; at most `q.limit`. */
export async function listAudit(sql: Sql, q: AuditQuery): Promise<AuditRow[]> {
  const rows = await sql<AuditRow[]>`
    select a.id::text as id, a.at, a.user_id, u.email as actor_email, a.actor_ip, a.action,
           a.object_type, a.object_id, a.details
    from audit_log a left join users u on u.id = a.user_id
    where true
      ${q.actor === undefined ? sql`` : sql`and a.user_id = ${q.actor}`}
      ${q.objectType === undefined ? sql`` : sql`and a.object_type = ${q.objectType}`}
      ${q.objectId === undefined ? sql`` : sql`and a.object_id = ${q.objectId}`}
      ${q.action === undefined ? sql`` : sql`and a.action = ${q.action}`}
      ${q.since === undefined ? sql`` : sql`and a.at >= ${q.since}`}
      ${q.until === undefined ? sql`` : sql`and a.at < ${q.until}`}
      ${q.before === undefined ? sql`` : sql`and a.id < ${q.before.toString()}`}
    order by a.id desc
    limit ${q.limit}`;
  return rows;
}

const SECRET_NAME = /secret|password|passwd|hash|token|^key$|api_?key$|authorization|cookie/i;
const MAX_DEPTH = 4;
const API_KEY = /ea_[0-9A-Za-z]{30}_[0-9A-Za-z]{6}/g;

/** `value` with secret-named members replaced and URLs trimmed to origin and path. */
function redact(value: unknown, depth: number): unknown {
  if (typeof value === "string") return trimUrl(value);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== "object") return value ?? null;
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map((
      [name, v],
    ) => [name, SECRET_NAME.test(name) && v != null ? "[redacted]" : redact(v, depth + 1)]),
  );
}

function trimUrl(raw: string): string {
  const text = raw.replace(API_KEY, "[redacted]");
  if (!/^https?:\/\//i.test(text)) return text;
  try {
    const u = new URL(text);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "[unparseable URL]";
  }
}
