/**
 * Schemas shared by several routes' OpenAPI descriptions.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";

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
