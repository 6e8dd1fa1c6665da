/**
 * `GET /metrics` in the Prometheus text format, and the middleware that
 * counts every request and its latency by method, matched route and status.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Metrics } from "../metrics.ts";

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Prometheus metrics",
  responses: {
    200: {
      content: { "text/plain; version=0.0.4": { schema: z.string() } },
      description: "Text exposition format",
    },
  },
});

/**
 * Counts each request once its response head is ready. The route label is
 * the matched pattern (`/api/v1/series/:key`), so label values stay few.
 */
export function requestMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    // After next(), routePath is the pattern of the handler that answered.
    const path = c.req.routePath;
    const route = !path || path === "*" || path === "/*" ? "unmatched" : path;
    metrics.observeRequest(c.req.method, route, c.res.status, (performance.now() - t0) / 1000);
  };
}

/** The `/metrics` route. */
export function metricsRoutes(metrics: Metrics): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(route, (c) =>
    c.text(metrics.render(), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
      "cache-control": "no-store",
    }));
  return app;
}
