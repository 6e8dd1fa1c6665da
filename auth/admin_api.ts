/**
 * Account administration, mounted at `/api/admin/users`: `GET /` and
 * `PATCH /{id}` (role, disabled). Needs the admin role and the `admin` scope.
 * Disabling a user ends their sessions and stops their keys; the last enabled
 * admin cannot be demoted or disabled. The audit log is `audit/api.ts`.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ROLES } from "../domain/principal.ts";
import { type AuditAction, writeAudit } from "../audit/store.ts";
import { listUsers, updateUser, type UserRow } from "./users_store.ts";
import { NotFoundError } from "../domain/errors.ts";
import { IdParam, json, problems, registerSecuritySchemes } from "../http/schemas.ts";
import { userBody, UserSchema } from "./schemas.ts";
import type { AccountDeps } from "./api.ts";
import { needs } from "../http/access.ts";
import { requestContext, userOf } from "../http/principal.ts";

const common = { tags: ["admin"], ...needs("admin") };

const list = createRoute({
  ...common,
  method: "get",
  path: "/",
  summary: "Every account, in registration order (then by email)",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: json(z.object({ users: z.array(UserSchema), total: z.number().int() }), "Accounts"),
    ...problems(400, 401, 403, 429),
  },
});

const UserChange = z.object({
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
}).refine((v) => v.role !== undefined || v.disabled !== undefined, {
  message: "Give role, disabled or both",
}).openapi("UserChange");

const patch = createRoute({
  ...common,
  method: "patch",
  path: "/{id}",
  summary: "Change an account's role or disable it",
  request: {
    params: IdParam,
    body: { content: { "application/json": { schema: UserChange } }, required: true },
  },
  responses: { 200: json(UserSchema, "The account"), ...problems(400, 401, 403, 404, 409, 429) },
});

/** The account administration sub-app. */
export function adminApi(deps: AccountDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  registerSecuritySchemes(app);
  app.openapi(list, async (c) => {
    const { users, total } = await listUsers(deps.sql, c.req.valid("query"));
    return c.json({ users: users.map(userBody), total }, 200);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid("param");
    const now = deps.clock();
    const changed = await updateUser(deps.sql, id, { ...c.req.valid("json"), now });
    if (!changed) throw new NotFoundError(`User ${id} not found`);
    const actor = userOf(c).userId;
    for (const [action, details] of auditChanges(changed.before, changed.after)) {
      await writeAudit(deps.sql, {
        at: now,
        userId: actor,
        ip: requestContext(c).ip,
        action,
        object: { type: "user", id },
        details: { target_user_id: id, ...details },
      });
    }
    return c.json(userBody(changed.after), 200);
  });
  return app;
}

function auditChanges(before: UserRow, after: UserRow): [AuditAction, Record<string, unknown>][] {
  const out: [AuditAction, Record<string, unknown>][] = [];
  if (before.role !== after.role) out.push(["role_changed", { from: before.role, to: after.role }]);
  const wasDisabled = before.disabled_at !== null;
  const isDisabled = after.disabled_at !== null;
  if (!wasDisabled && isDisabled) out.push(["user_disabled", {}]);
  if (wasDisabled && !isDisabled) out.push(["user_enabled", {}]);
  return out;
}
