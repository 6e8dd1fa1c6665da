/**
 * `GET /health`: database mode, TimescaleDB, migration version, uptime, and a
 * live round trip to the database.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppDeps } from "./deps.ts";

const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["embedded", "postgres"]),
  database_ok: z.boolean(),
  database_latency_ms: z.number().nullable(),
  timescaledb: z.boolean(),
  timescaledb_version: z.string().nullable(),
  rollups: z.enum(["timescale", "portable"]),
  migration_version: z.number().int(),
  server_version: z.number().int(),
  uptime_seconds: z.number(),
  started_at: z.string(),
}).openapi("Health");

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Service health",
  responses: {
    200: { content: { "application/json": { schema: Health } }, description: "Healthy" },
    503: { content: { "application/json": { schema: Health } }, description: "Database down" },
  },
});

/** Health routes. */
export function healthRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    let latency: number | null = null;
    const t0 = performance.now();
    try {
      await deps.sql`select 1`.execute();
      latency = Math.round((performance.now() - t0) * 100) / 100;
    } catch {
      latency = null;
    }
    const now = deps.clock();
    const body = {
      status: latency === null ? "degraded" as const : "ok" as const,
      database: deps.database,
      database_ok: latency !== null,
      database_latency_ms: latency,
      timescaledb: deps.capabilities.timescale,
      timescaledb_version: deps.capabilities.timescaleVersion ?? null,
      rollups: deps.migration.variant,
      migration_version: deps.migration.version,
      server_version: deps.capabilities.serverVersion,
      uptime_seconds: Math.round((now.getTime() - deps.startedAt.getTime()) / 1000),
      started_at: deps.startedAt.toISOString(),
    };
    return latency === null ? c.json(body, 503) : c.json(body, 200);
  });
  return app;
}
