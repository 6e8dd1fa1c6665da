/**
 * Accounts and sessions, mounted at `/api/auth`: `POST /register`, `/login`,
 * `/refresh`, `/logout` (`?all=true` for every session), `/logout-all`;
 * `GET /me`; and the caller's sessions, `GET /sessions` and
 * `DELETE /sessions/{id}`.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AuthService } from "./service.ts";
import { SCOPES } from "../domain/principal.ts";
import type { Sql } from "../db/client.ts";
import { writeAudit } from "../audit/store.ts";
import { listLiveSessions, revokeSession } from "./sessions_store.ts";
import { findUser } from "./users_store.ts";
import { NotFoundError, UnauthorizedError } from "../domain/errors.ts";
import { IdParam, json, problems, registerSecuritySchemes } from "../http/schemas.ts";
import { TokenPairSchema, userBody, UserSchema } from "./schemas.ts";
import { needs, SESSION } from "../http/access.ts";
import { requestContext, userOf } from "../http/principal.ts";

/** What the account sub-apps (auth, keys, admin) need. */
export interface AccountDeps {
  sql: Sql;
  clock: () => Date;
  auth: AuthService;
}

const Credentials = z.object({
  email: z.email().max(320).openapi({ example: "operator@example.com" }),
  password: z.string().min(1).max(1024).openapi({
    minLength: 12,
    maxLength: 256,
    description: "12 to 256 characters, not a well-known password",
  }),
}).openapi("Credentials");

const MeSchema = UserSchema.extend({
  scopes: z.array(z.enum(SCOPES)),
  session_id: z.uuid().nullable(),
  key_id: z.uuid().nullable(),
}).openapi("Me");

const SessionSchema = z.object({
  id: z.uuid(),
  ip: z.string(),
  user_agent: z.string().nullable(),
  created_at: z.string(),
  last_seen_at: z.string(),
  idle_expires_at: z.string(),
  expires_at: z.string(),
  current: z.boolean(),
}).openapi("Session");

const post = (path: string, summary: string) => ({
  method: "post" as const,
  path,
  tags: ["auth"],
  summary,
});

const register = createRoute({
  ...post("/register", "Create an account (the first one becomes admin)"),
  request: { body: { content: { "application/json": { schema: Credentials } }, required: true } },
  responses: { 201: json(UserSchema, "The new account"), ...problems(400, 409, 429) },
});

const login = createRoute({
  ...post("/login", "Start a session"),
  request: { body: { content: { "application/json": { schema: Credentials } }, required: true } },
  responses: { 200: json(TokenPairSchema, "Tokens"), ...problems(400, 401, 403, 429) },
});

const refresh = createRoute({
  ...post("/refresh", "Rotate a refresh token"),
  request: {
    body: {
      content: {
        "application/json": { schema: z.object({ refresh_token: z.string().min(1).max(4096) }) },
      },
      required: true,
    },
  },
  responses: { 200: json(TokenPairSchema, "New tokens"), ...problems(400, 401, 429) },
});

const logout = createRoute({
  ...post("/logout", "End this session, or every session with all=true"),
  ...SESSION,
  request: { query: z.object({ all: z.enum(["true", "false"]).optional() }) },
  responses: { 204: { description: "Logged out" }, ...problems(400, 401, 403, 429) },
});

const logoutAll = createRoute({
  ...post("/logout-all", "End every session of this account"),
  ...SESSION,
  responses: { 204: { description: "Logged out everywhere" }, ...problems(401, 403, 429) },
});

const me = createRoute({
  method: "get",
  path: "/me",
  tags: ["auth"],
  summary: "The signed-in account",
  ...needs("read"),
  responses: { 200: json(MeSchema, "The account"), ...problems(401, 429) },
});

const sessions = createRoute({
  method: "get",
  path: "/sessions",
  tags: ["auth"],
  summary: "This account's live sessions",
  ...SESSION,
  responses: {
    200: json(z.object({ sessions: z.array(SessionSchema) }), "Live sessions, newest first"),
    ...problems(401, 403, 429),
  },
});

const endSession = createRoute({
  method: "delete",
  path: "/sessions/{id}",
  tags: ["auth"],
  summary: "End one of this account's sessions",
  ...SESSION,
  request: { params: IdParam },
  responses: { 204: { description: "Ended" }, ...problems(400, 401, 403, 404, 429) },
});

/** The account and session sub-app. */
export function authApi(deps: AccountDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  registerSecuritySchemes(app);
  app.openapi(register, async (c) => {
    const user = await deps.auth.register(c.req.valid("json"), requestContext(c));
    return c.json(userBody(user), 201);
  });
  app.openapi(login, async (c) => {
    return c.json(await deps.auth.login(c.req.valid("json"), requestContext(c)), 200);
  });
  app.openapi(refresh, async (c) => {
    const { refresh_token } = c.req.valid("json");
    return c.json(await deps.auth.refresh(refresh_token, requestContext(c)), 200);
  });
  app.openapi(logout, async (c) => {
    const all = c.req.valid("query").all === "true";
    await deps.auth.logout(userOf(c), all, requestContext(c));
    return c.body(null, 204);
  });
  app.openapi(logoutAll, async (c) => {
    await deps.auth.logout(userOf(c), true, requestContext(c));
    return c.body(null, 204);
  });
  app.openapi(me, async (c) => {
    const principal = userOf(c);
    const user = await findUser(deps.sql, principal.userId);
    if (!user) throw new UnauthorizedError("The account no longer exists");
    return c.json({
      ...userBody(user),
      scopes: principal.scopes,
      session_id: principal.sessionId ?? null,
      key_id: principal.keyId ?? null,
    }, 200);
  });
  mountSessionRoutes(app, deps);
  return app;
}

function mountSessionRoutes(app: OpenAPIHono, deps: AccountDeps): void {
  app.openapi(sessions, async (c) => {
    const principal = userOf(c);
    const rows = await listLiveSessions(deps.sql, principal.userId, deps.clock());
    return c.json({
      sessions: rows.map((s) => ({
        id: s.id,
        ip: s.ip,
        user_agent: s.user_agent,
        created_at: s.created_at.toISOString(),
        last_seen_at: s.last_seen_at.toISOString(),
        idle_expires_at: s.idle_expires_at.toISOString(),
        expires_at: s.expires_at.toISOString(),
        current: s.id === principal.sessionId,
      })),
    }, 200);
  });
  app.openapi(endSession, async (c) => {
    const { userId } = userOf(c);
    const { id } = c.req.valid("param");
    const now = deps.clock();
    if (!await revokeSession(deps.sql, { sessionId: id, userId, now, reason: "revoked" })) {
      throw new NotFoundError(`Session ${id} not found`);
    }
    await writeAudit(deps.sql, {
      at: now,
      userId,
      ip: requestContext(c).ip,
      action: "session_revoked",
      details: { session_id: id },
    });
    return c.body(null, 204);
  });
}
