/**
 * Wire schemas shared by the account routes (auth, keys, admin): users,
 * token pairs and scope lists.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { ROLES, SCOPES } from "../domain/principal.ts";
import type { UserRow } from "./users_store.ts";
import { iso } from "../http/schemas.ts";

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
