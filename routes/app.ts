/**
 * Composes the HTTP application from one sub-app per resource. Everything a
 * route needs arrives in {@link AppDeps}; nothing is reached through globals,
 * so tests build the app with `createApp(deps)` and call `app.request()`.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Sql } from "../db/client.ts";
import type { Capabilities } from "../db/capabilities.ts";
import type { MigrationResult } from "../db/migrate.ts";
import type { Config } from "../config.ts";
import { onError, problem } from "./middleware/errors.ts";
import { healthRoutes } from "./health.ts";

/** Everything the routes depend on. */
export interface AppDeps {
  config: Config;
  sql: Sql;
  database: "embedded" | "postgres";
  capabilities: Capabilities;
  migration: Pick<MigrationResult, "version" | "variant">;
  startedAt: Date;
  /** The current instant; injected so tests control time. */
  clock: () => Date;
}

/**
 * Builds the application.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request("/health");
 */
export function createApp(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const parameter = issue?.path.join(".") || undefined;
        return problem(c, 400, "Invalid request", issueMessage(issue, parameter), { parameter });
      }
    },
  });
  app.onError(onError);
  app.notFound((c) => problem(c, 404, "Not found", `No route for ${c.req.method} ${c.req.path}`));
  app.route("/", healthRoutes(deps));
  return app;
}

function issueMessage(issue: { message: string } | undefined, parameter?: string): string {
  if (!issue) return "The request is invalid";
  return parameter ? `Parameter ${parameter}: ${issue.message}` : issue.message;
}
