/**
 * Schemas and response helpers shared by the account routes (auth, keys,
 * admin): users, token pairs, sessions, API keys, the security schemes, and
 * the problem responses each route declares.
 *
 * @module
 */
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { ROLES, SCOPES } from "../domain/principal.ts";
import type { UserRow } from "../db/users.ts";
import { ProblemSchema } from "../http/schemas.ts";

/** A user account. */
export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  created_at: z.string().openapi({ format: "date-time" }),
  last_login_at: z.string().openapi({ format: "date-time" }).nullable(),
}).openapi("User");

/** What login and refresh answer. */
export const TokenPairSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().openapi({ description: "Access-token lifetime in seconds" }),
}).openapi("TokenPair");

/** A path parameter holding a resource id. */
export const IdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

/**
 * Declares the security schemes routes name (see `middleware/access.ts`) on a
 * sub-app's OpenAPI registry. The scopes a route lists under a scheme are the
 * ones the credential must carry.
 */
export function registerSecuritySchemes(app: OpenAPIHono): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A session access token (JWT) or an API key",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKeyAuth", {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "sessionAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A session access token from /api/auth/login; API keys are refused",
  });
}

const PROBLEM_DESCRIPTIONS = {
  400: "The request is invalid; `parameter` names the field",
  401: "No credential, or one that is invalid, expired or revoked",
  403: "The credential lacks the role or scope",
  404: "No such resource among the caller's",
  409: "The request conflicts with the current state",
  429: "Too many requests; see Retry-After",
} as const;

type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

type ProblemResponse = {
  content: { "application/problem+json": { schema: typeof ProblemSchema } };
  description: string;
};

/** The problem+json responses for the given statuses, for a route's `responses`. */
export function problems<const S extends ProblemStatus>(
  ...statuses: S[]
): Record<S, ProblemResponse> {
  const out = {} as Record<S, ProblemResponse>;
  for (const s of statuses) {
    out[s] = {
      content: { "application/problem+json": { schema: ProblemSchema } },
      description: PROBLEM_DESCRIPTIONS[s],
    };
  }
  return out;
}

/** A JSON response of `schema`, for a route's `responses`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** An instant as ISO 8601, or null. */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/** A user row as the API shows it. */
export function userBody(u: UserRow): z.infer<typeof UserSchema> {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    disabled: u.disabled_at !== null,
    created_at: u.created_at.toISOString(),
    last_login_at: iso(u.last_login_at),
  };
}

/** The scope list schema: one or more distinct scopes. */
export const ScopesSchema = z.array(z.enum(SCOPES)).min(1).refine(
  (s) => new Set(s).size === s.length,
  { message: "Scopes must not repeat" },
);
