/**
 * Schemas and helpers shared by several routes' OpenAPI descriptions: the
 * problem+json body and the responses naming it, JSON responses, the id path
 * parameter, the security schemes and integer query parameters.
 *
 * @module
 */
import { type OpenAPIHono, z } from "@hono/zod-openapi";

/** An `application/problem+json` body (RFC 9457). */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  parameter: z.string().optional().openapi({ description: "The request parameter at fault" }),
  request_id: z.string().optional().openapi({
    description: "The answer's X-Request-Id, to quote when reporting a problem",
  }),
}).openapi("Problem");

/** The problem+json responses a data route can give. */
export const problemResponses = {
  400: {
    content: { "application/problem+json": { schema: ProblemSchema } },
    description: "A parameter is invalid; `parameter` names it",
  },
  404: {
    content: { "application/problem+json": { schema: ProblemSchema } },
    description: "Unknown series",
  },
} as const;

/**
 * The error of an enum parameter naming the value given and the values allowed, for
 * `z.enum(values, { error: oneOf(values) })`.
 */
export const oneOf = (values: readonly string[]) => (iss: { input?: unknown }): string =>
  `"${String(iss.input)}" is not one of ${values.join(", ")}`;

/**
 * An integer query parameter from `min` to `max` with a default; a bad value
 * fails naming it: `"lots" is not an integer from 2 to 20000`.
 */
export function integerParam(min: number, max: number, fallback: number) {
  const error = (iss: { input?: unknown }) =>
    `"${String(iss.input)}" is not an integer from ${min} to ${max}`;
  return z.string().regex(/^\s*-?\d{1,9}\s*$/, { error }).default(String(fallback))
    .transform(Number)
    .pipe(z.number().int().min(min, { error }).max(max, { error }))
    .openapi({ type: "integer", minimum: min, maximum: max, default: fallback });
}

/** A path parameter holding a resource id. */
export const IdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

/**
 * Declares the security schemes routes name (see `access.ts`) on a
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

/** The `expr` and `label` query parameters of a read that may chart an expression. */
export const ExprQueryFields = {
  expr: z.string().max(4000).optional().openapi({
    description: "An expression over series keys: + - * /, unary minus, parentheses and " +
      "numbers (at most 500 characters, 16 deep, 8 keys); answered after the series, with " +
      "the expression as its key",
    example: "spp.rt.lz_west - spp.rt.hb_west",
  }),
  label: z.string().max(400).optional().openapi({
    description: "Name of the expression's answer (at most 80 characters, no markup); " +
      "the expression text when absent",
    example: "West basis",
  }),
};
