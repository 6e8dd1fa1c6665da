/**
 * The one way route handlers record a change in the audit log: the acting
 * user (and the API key, when one was used), the client address, the object
 * and a before/after summary. An update keeps only the top-level members
 * that changed; `db/audit.ts` strips secrets from whatever is passed.
 *
 * @module
 */
import type { Context } from "hono";
import type { AuditAction, AuditObject } from "../db/audit.ts";
import { writeAudit } from "../db/audit.ts";
import type { Sql } from "../db/client.ts";
import type { Dashboard } from "../dashboards/types.ts";
import { requestContext, userOf } from "../http/principal.ts";

/** What changed: the object and its state before and/or after, as the API shows it. */
export interface Change {
  action: AuditAction;
  object: AuditObject;
  id: string;
  before?: object | null;
  after?: object | null;
  /** Further members of the entry's details. */
  details?: Record<string, unknown>;
}

/**
 * Records `change`, made by the request's user, in the audit log.
 *
 * @example
 * await recordChange(c, deps, { action: "dashboard_created", object: "dashboard", id: d.id, after: body });
 */
export async function recordChange(
  c: Context,
  deps: { sql: Sql; clock: () => Date },
  change: Change,
): Promise<void> {
  const principal = userOf(c);
  const { before, after } = changedMembers(change.before ?? undefined, change.after ?? undefined);
  await writeAudit(deps.sql, {
    at: deps.clock(),
    userId: principal.userId,
    ip: requestContext(c).ip,
    action: change.action,
    object: { type: change.object, id: change.id },
    details: {
      ...(principal.keyId ? { via_key_id: principal.keyId } : {}),
      ...change.details,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
    },
  });
}

function changedMembers(
  before: object | undefined,
  after: object | undefined,
): { before?: Record<string, unknown>; after?: Record<string, unknown> } {
  if (!before || !after) {
    return { before: before && { ...before }, after: after && { ...after } };
  }
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  for (const name of new Set([...Object.keys(was), ...Object.keys(is)])) {
    if (name === "updated_at" || JSON.stringify(was[name]) === JSON.stringify(is[name])) continue;
    b[name] = was[name];
    a[name] = is[name];
  }
  return { before: b, after: a };
}

/** A change to a dashboard, summarised by {@link dashboardSummary}. */
export function dashboardChange(
  action: AuditAction,
  id: string,
  before: Dashboard | null,
  after: Dashboard | null,
  details?: Record<string, unknown>,
): Change {
  const summary = (d: Dashboard | null) => d && dashboardSummary(d);
  return {
    action,
    object: "dashboard",
    id,
    before: summary(before),
    after: summary(after),
    details,
  };
}

/** A dashboard as the audit log summarises it: settings, whether shared, panel ids in order. */
export function dashboardSummary(d: Dashboard): Record<string, unknown> {
  return {
    title: d.title,
    default_range: d.defaultRange,
    refresh_seconds: d.refreshSeconds,
    position: d.position,
    shared: d.shareToken !== null,
    panels: d.panels.map((p) => p.id),
  };
}

/** A change to a panel as the API shows it (`{ id, dashboard_id, spec, grid, … }`). */
export function panelChange(
  action: AuditAction,
  before: { id: string } | null,
  after: { id: string } | null,
): Change {
  return { action, object: "panel", id: (after ?? before)!.id, before, after };
}

/** A share link made or revoked; the object id is the dashboard's, the token is never kept. */
export function shareChange(action: AuditAction, dashboardId: string, sharedAt: Date): Change {
  const state = { dashboard_id: dashboardId, shared_at: sharedAt.toISOString() };
  return action === "share_link_created"
    ? { action, object: "share_link", id: dashboardId, after: state }
    : { action, object: "share_link", id: dashboardId, before: state };
}

/** A change to an alert rule as the API shows it (webhook secrets are stripped on writing). */
export function ruleChange(
  action: AuditAction,
  before: { id: string } | null,
  after: { id: string } | null,
): Change {
  return { action, object: "alert_rule", id: (after ?? before)!.id, before, after };
}
