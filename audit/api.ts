/**
 * The audit log, mounted at `/api/admin/audit`: `GET /` answers it newest
 * first, filtered by actor, object, action and time, in pages of at most
 * {@link MAX_PAGE} entries walked with `cursor` (the `next_cursor` of the
 * page before). Needs the admin role and the `admin` scope.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AUDIT_ACTIONS, AUDIT_OBJECTS, listAudit } from "./store.ts";
import { ValidationError } from "../domain/errors.ts";
import { json, problems } from "../http/schemas.ts";
import { needs } from "../http/access.ts";
import type { Sql } from "../db/client.ts";

/** The most entries one page holds. */
export const MAX_PAGE = 500;

const AuditQuery = z.object({
  actor: z.uuid().optional().openapi({ description: "The acting user's id" }),
  object_type: z.enum(AUDIT_OBJECTS).optional(),
  object_id: z.string().min(1).max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  since: z.iso.datetime({ offset: true }).optional().openapi({
    description: "Entries at or after this instant",
  }),
  until: z.iso.datetime({ offset: true }).optional().openapi({
    description: "Entries before this instant",
  }),
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, "cursor must be a next_cursor value")
    .optional().openapi({ description: "The next_cursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
});

const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor_id: z.uuid().nullable(),
  actor_email: z.string().nullable(),
  actor_ip: z.string().nullable(),
  action: z.string(),
  object_type: z.string().nullable(),
  object_id: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).openapi({
    description: "What changed: `before` and `after` summaries (secrets never recorded)",
  }),
}).openapi("AuditEntry");

const list = createRoute({
  tags: ["admin"],
  ...needs("admin"),
  method: "get",
  path: "/",
  summary: "The audit log, newest first, filtered and paged",
  request: { query: AuditQuery },
  responses: {
    200: json(
      z.object({ entries: z.array(AuditEntrySchema), next_cursor: z.string().nullable() }),
      "Entries; next_cursor is null on the last page",
    ),
    ...problems(400, 401, 403, 429),
  },
});

/** What the audit log sub-app needs. */
export interface AuditApiDeps {
  sql: Sql;
}

/** The audit log sub-app. */
export function auditApi(deps: AuditApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const since = q.since === undefined ? undefined : new Date(q.since);
    const until = q.until === undefined ? undefined : new Date(q.until);
    if (since && until && since >= until) {
      throw new ValidationError(`until ${q.until} is not after since ${q.since}`, {
        parameter: "until",
      });
    }
    const rows = await listAudit(deps.sql, {
      actor: q.actor,
      objectType: q.object_type,
      objectId: q.object_id,
      action: q.action,
      since,
      until,
      before: q.cursor === undefined ? undefined : BigInt(q.cursor),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    return c.json({
      entries: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor_id: r.user_id,
        actor_email: r.actor_email,
        actor_ip: r.actor_ip,
        action: r.action,
        object_type: r.object_type,
        object_id: r.object_id,
        details: r.details,
      })),
      next_cursor: rows.length > q.limit ? page[page.length - 1].id : null,
    }, 200);
  });
  return app;
}
