/**
 * The tests' app factory: the app of `routes/app.ts` with the fast lane in
 * front of `app.fetch`, as `main.ts` serves it (`serveFetch()`), so
 * `app.request()` and `Deno.serve(app.fetch)` answer as the server does.
 * Build the deps with `testDeps()` (`_db.ts`).
 *
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps } from "../routes/deps.ts";
import { createApp as createRoutes } from "../routes/app.ts";
import { serveFetch } from "../routes/compose.ts";

/**
 * The app over `deps`, its `fetch` taking the fast lane.
 *
 * @example
 * const app = createApp(testDeps(db));
 * const res = await app.request("/health");
 */
export function createApp(deps: AppDeps): OpenAPIHono {
  const app = createRoutes(deps);
  app.fetch = serveFetch(app, deps);
  return app;
}
