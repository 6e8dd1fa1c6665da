/**
 * `GET /health/database`: a live round trip's latency, how the pool is set
 * up, the migration version, the live-event table's extent, and how many
 * read replicas (`DATABASE_READ_URL`) serve reads now (counts only: their
 * addresses stay out of this public answer; the log names them).
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppDeps } from "./deps.ts";

const DatabaseHealth = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["embedded", "postgres"]),
  latency_ms: z.number().nullable(),
  pool: z.object({
    mode: z.enum(["embedded", "postgres"]),
    max_connections: z.number().int().nullable(),
  }),
  migration_version: z.number().int(),
  rollups: z.enum(["timescale", "portable"]),
  server_version: z.number().int(),
  events: z.object({
    oldest_id: z.number().nullable(),
    newest_id: z.number().nullable(),
  }).nullable(),
  read_replicas: z.object({
    configured: z.number().int().openapi({ description: "Replicas in DATABASE_READ_URL" }),
    healthy: z.number().int().openapi({
      description: "Replicas serving reads now; the rest are skipped until a probe finds them",
    }),
  }),
  error: z.string().optional(),
}).openapi("DatabaseHealth");

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Database health",
  responses: {
    200: { content: { "application/json": { schema: DatabaseHealth } }, description: "Healthy" },
    503: {
      content: { "application/json": { schema: DatabaseHealth } },
      description: "Unreachable",
    },
  },
});

/** The database health route. */
export function databaseHealthRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    const t0 = performance.now();
    let latency: number | null = null;
    let events: { oldest_id: number | null; newest_id: number | null } | null = null;
    try {
      const [row] = await deps.sql<{ oldest: string | null; newest: string | null }[]>`
        select min(id) as oldest, max(id) as newest from events`;
      latency = Math.round((performance.now() - t0) * 100) / 100;
      events = {
        oldest_id: row.oldest === null ? null : Number(row.oldest),
        newest_id: row.newest === null ? null : Number(row.newest),
      };
    } catch {
      latency = null;
    }
    const max = (deps.sql.options as { max?: number } | undefined)?.max;
    const body = {
      status: latency === null ? "degraded" as const : "ok" as const,
      database: deps.database,
      latency_ms: latency,
      pool: { mode: deps.database, max_connections: typeof max === "number" ? max : null },
      migration_version: deps.migration.version,
      rollups: deps.migration.variant,
      server_version: deps.capabilities.serverVersion,
      events,
      read_replicas: {
        configured: deps.readSql.replicas,
        healthy: deps.readSql.status().filter((r) => r.healthy).length,
      },
      ...(latency === null ? { error: "The database did not answer" } : {}),
    };
    return latency === null ? c.json(body, 503) : c.json(body, 200);
  });
  return app;
}
