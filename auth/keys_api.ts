/**
 * API keys of the signed-in account, mounted at `/api/keys`: `POST /` (the key
 * is shown once), `GET /`, `GET /{id}`, `DELETE /{id}` (revoke) and
 * `GET /{id}/usage` (hourly and daily counts). Managing keys needs a
 * session token: a key cannot mint or revoke keys. Another account's key is a
 * 404, never a 403.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { mintApiKey } from "./api_keys.ts";
import { isCidr, MAX_CIDRS, parseCidr } from "./cidrs.ts";
import { roleScopes, SCOPES, type UserPrincipal } from "../domain/principal.ts";
import { writeAudit } from "../audit/store.ts";
import {
  type ApiKeyRow,
  apiKeyUsage,
  findOwnApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
} from "./keys_store.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.ts";
import { IdParam, iso, json, problems, registerSecuritySchemes } from "../http/schemas.ts";
import { ScopesSchema } from "./schemas.ts";
import type { AccountDeps } from "./api.ts";
import { SESSION } from "../http/access.ts";
import { requestContext, userOf } from "../http/principal.ts";

const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().openapi({ description: "The key's first characters, to recognise it" }),
  scopes: z.array(z.enum(SCOPES)),
  status: z.enum(["active", "expired", "revoked"]),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  allowed_cidrs: z.array(z.string()).nullable().openapi({
    description: "Address ranges the key may be used from; null for any",
  }),
}).openapi("ApiKey");

const CreatedKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The secret; shown this once only" }),
}).openapi("CreatedApiKey");

const NewKey = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: ScopesSchema,
  expires_at: z.iso.datetime({ offset: true }).optional().openapi({
    description: "When the key stops working; never when absent",
  }),
  allowed_cidrs: z.array(
    z.string().max(64).refine(isCidr, {
      error: (issue) => cidrProblem(String(issue.input)),
    }),
  ).min(1).max(MAX_CIDRS).optional().openapi({
    description: "IPv4 and IPv6 ranges (10.0.0.0/8, 2001:db8::/32, or one address) the key " +
      "may be used from; any address when absent. The client address honours TRUST_PROXY",
    example: ["203.0.113.0/24", "2001:db8::/32"],
  }),
}).openapi("NewApiKey");

const UsageSchema = z.object({
  key_id: z.uuid(),
  last_used_at: z.string().nullable(),
  hourly: z.array(z.object({ hour: z.string(), count: z.number().int() })),
  daily: z.array(z.object({ day: z.string(), count: z.number().int() })),
}).openapi("ApiKeyUsage");

const common = { tags: ["keys"], ...SESSION };

const create = createRoute({
  ...common,
  method: "post",
  path: "/",
  summary: "Create an API key (shown once)",
  request: { body: { content: { "application/json": { schema: NewKey } }, required: true } },
  responses: { 201: json(CreatedKeySchema, "The key"), ...problems(400, 401, 403, 429) },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/",
  summary: "This account's API keys",
  responses: {
    200: json(z.object({ keys: z.array(ApiKeySchema) }), "Keys, newest first"),
    ...problems(401, 403, 429),
  },
});

const one = createRoute({
  ...common,
  method: "get",
  path: "/{id}",
  summary: "One API key",
  request: { params: IdParam },
  responses: { 200: json(ApiKeySchema, "The key"), ...problems(400, 401, 403, 404, 429) },
});

const revoke = createRoute({
  ...common,
  method: "delete",
  path: "/{id}",
  summary: "Revoke an API key",
  request: { params: IdParam },
  responses: { 204: { description: "Revoked" }, ...problems(400, 401, 403, 404, 429) },
});

const usage = createRoute({
  ...common,
  method: "get",
  path: "/{id}/usage",
  summary: "Requests made with a key: per hour for 48 hours, per UTC day for 30 days",
  request: { params: IdParam },
  responses: { 200: json(UsageSchema, "Usage"), ...problems(400, 401, 403, 404, 429) },
});

/** The API key sub-app. */
export function keysApi(deps: AccountDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  registerSecuritySchemes(app);
  app.openapi(create, async (c) => {
    const principal = userOf(c);
    const body = c.req.valid("json");
    const now = deps.clock();
    const expiresAt = body.expires_at === undefined ? null : new Date(body.expires_at);
    checkNewKey(principal, body.scopes, expiresAt, now);
    const minted = await mintApiKey();
    const row = await insertApiKey(deps.sql, {
      userId: principal.userId,
      name: body.name,
      prefix: minted.prefix,
      hash: minted.hash,
      scopes: body.scopes,
      expiresAt,
      allowedCidrs: body.allowed_cidrs?.map(canonicalCidr) ?? null,
      now,
    });
    await writeAudit(deps.sql, {
      at: now,
      userId: principal.userId,
      ip: requestContext(c).ip,
      action: "key_created",
      object: { type: "api_key", id: row.id },
      details: {
        key_id: row.id,
        prefix: row.prefix,
        scopes: row.scopes,
        allowed_cidrs: row.allowed_cidrs,
      },
    });
    return c.json({ ...keyBody(row, now), key: minted.key }, 201);
  });
  app.openapi(list, async (c) => {
    const rows = await listApiKeys(deps.sql, userOf(c).userId);
    return c.json({ keys: rows.map((r) => keyBody(r, deps.clock())) }, 200);
  });
  app.openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const row = await findOwnApiKey(deps.sql, id, userOf(c).userId);
    if (!row) throw new NotFoundError(`API key ${id} not found`);
    return c.json(keyBody(row, deps.clock()), 200);
  });
  mountRevokeAndUsage(app, deps);
  return app;
}

function mountRevokeAndUsage(app: OpenAPIHono, deps: AccountDeps): void {
  app.openapi(revoke, async (c) => {
    const { userId } = userOf(c);
    const { id } = c.req.valid("param");
    const now = deps.clock();
    const row = await revokeApiKey(deps.sql, id, userId, now);
    if (!row) throw new NotFoundError(`API key ${id} not found`);
    await writeAudit(deps.sql, {
      at: now,
      userId,
      ip: requestContext(c).ip,
      action: "key_revoked",
      object: { type: "api_key", id },
      details: { key_id: id, prefix: row.prefix },
    });
    return c.body(null, 204);
  });
  app.openapi(usage, async (c) => {
    const { id } = c.req.valid("param");
    const row = await findOwnApiKey(deps.sql, id, userOf(c).userId);
    if (!row) throw new NotFoundError(`API key ${id} not found`);
    const now = deps.clock();
    const dayStart = Math.floor(now.getTime() / 86_400_000) * 86_400_000;
    const hours = await apiKeyUsage(deps.sql, id, new Date(dayStart - 29 * 86_400_000));
    const hourlySince = now.getTime() - 48 * 3_600_000;
    const daily = new Map<string, number>();
    for (const h of hours) {
      const day = h.hour.toISOString().slice(0, 10);
      daily.set(day, (daily.get(day) ?? 0) + h.count);
    }
    return c.json({
      key_id: id,
      last_used_at: iso(row.last_used_at),
      hourly: hours.filter((h) => h.hour.getTime() >= hourlySince)
        .map((h) => ({ hour: h.hour.toISOString(), count: h.count })),
      daily: [...daily].map(([day, count]) => ({ day, count })),
    }, 200);
  });
}

function checkNewKey(
  principal: UserPrincipal,
  scopes: string[],
  expiresAt: Date | null,
  now: Date,
): void {
  const allowed = roleScopes(principal.role) as string[];
  const beyond = scopes.find((s) => !allowed.includes(s));
  if (beyond) {
    throw new ForbiddenError(`Scope "${beyond}" is beyond what the ${principal.role} role allows`);
  }
  if (expiresAt && expiresAt <= now) {
    throw new ValidationError(`expires_at ${expiresAt.toISOString()} is not in the future`, {
      parameter: "expires_at",
    });
  }
}

function keyBody(r: ApiKeyRow, now: Date): z.infer<typeof ApiKeySchema> {
  const status = r.revoked_at
    ? "revoked"
    : r.expires_at && r.expires_at <= now
    ? "expired"
    : "active";
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes as z.infer<typeof ApiKeySchema>["scopes"],
    status,
    created_at: r.created_at.toISOString(),
    expires_at: iso(r.expires_at),
    revoked_at: iso(r.revoked_at),
    last_used_at: iso(r.last_used_at),
    allowed_cidrs: r.allowed_cidrs,
  };
}

function cidrProblem(text: string): string {
  const parsed = parseCidr(text);
  return "problem" in parsed ? parsed.problem : "";
}

function canonicalCidr(text: string): string {
  const parsed = parseCidr(text);
  return "cidr" in parsed ? parsed.cidr : text;
}
