/**
 * Grafana: `POST /api/dashboards/{id}/grafana` ({@link grafanaPushApi}, under
 * `/api/dashboards`) pushes one of the user's dashboards to `GRAFANA_URL` with
 * the service-account token `GRAFANA_TOKEN` (idempotent: pushing again
 * overwrites and bumps the version), and `GET /health/grafana`
 * ({@link grafanaHealthApi}) reports whether Grafana answers. Grafana's failures
 * are 502 problems naming its status; without configuration the push is a 503.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getDashboard } from "../store.ts";
import { checkGrafanaHealth, createGrafanaClient, type GrafanaOptions } from "./deploy.ts";
import { fromUserDashboard } from "../model.ts";
import { ServiceUnavailableError, UpstreamError } from "../../domain/errors.ts";
import { IdParam, json, problems, ProblemSchema } from "../../http/schemas.ts";
import type { Sql } from "../../db/client.ts";
import type { Config } from "../../config.ts";
import { needs } from "../../http/access.ts";
import { userOf } from "../../http/principal.ts";

const Pushed = z.object({
  uid: z.string(),
  url: z.string().openapi({ description: "The dashboard in Grafana" }),
  version: z.number().int(),
  folder_uid: z.string(),
}).openapi("GrafanaDeploy");

const GrafanaHealth = z.object({
  status: z.enum(["ok", "unreachable", "not_configured"]),
  token_configured: z.boolean(),
  version: z.string().optional(),
  latency_ms: z.number().optional(),
  detail: z.string().optional(),
}).openapi("GrafanaHealth");

const problemOf = (description: string) => ({
  content: { "application/problem+json": { schema: ProblemSchema } },
  description,
});

const push = createRoute({
  method: "post",
  path: "/{id}/grafana",
  tags: ["dashboards"],
  ...needs("write"),
  summary: "Push a dashboard to Grafana",
  request: { params: IdParam },
  responses: {
    200: json(Pushed, "Saved in Grafana"),
    ...problems(400, 401, 403, 404, 429),
    502: problemOf("Grafana refused or could not be reached; `grafana_status` is its status"),
    503: problemOf("GRAFANA_URL or GRAFANA_TOKEN is not configured"),
  },
});

const health = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Whether Grafana answers",
  responses: {
    200: json(GrafanaHealth, "Reachable, or not configured"),
    503: json(GrafanaHealth, "Unreachable"),
  },
});

type HealthBody = z.infer<typeof GrafanaHealth>;

async function grafanaHealth(
  url: string | undefined,
  token_configured: boolean,
  options: GrafanaOptions,
): Promise<[HealthBody, 200 | 503]> {
  if (!url) {
    return [{ status: "not_configured", token_configured, detail: "GRAFANA_URL is not set" }, 200];
  }
  try {
    const h = await checkGrafanaHealth({ url, ...options });
    return [{ status: "ok", token_configured, version: h.version, latency_ms: h.latencyMs }, 200];
  } catch (err) {
    if (!(err instanceof UpstreamError)) throw err;
    // The message names Grafana's address; an anonymous caller gets the status only.
    const status = err.extra.grafana_status;
    const detail = status ? `Grafana answered ${status}` : "Grafana did not answer";
    return [{ status: "unreachable", token_configured, detail }, 503];
  }
}

/** What the Grafana sub-apps need: the database, Grafana's address and token, fetch options. */
export interface GrafanaApiDeps {
  sql: Sql;
  config: Pick<Config, "grafanaUrl" | "grafanaToken">;
  /** Grafana deploy options (fetch, timeout). */
  grafana: GrafanaOptions;
}

function fetchOptions(deps: Pick<GrafanaApiDeps, "grafana">): GrafanaOptions {
  return { fetch: deps.grafana?.fetch, timeoutMs: deps.grafana?.timeoutMs };
}

/** Pushing a dashboard to Grafana, mounted with the dashboards at `/api/dashboards`. */
export function grafanaPushApi(deps: GrafanaApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const { grafanaUrl, grafanaToken } = deps.config;
  const client = grafanaUrl && grafanaToken
    ? createGrafanaClient({ url: grafanaUrl, token: grafanaToken, ...fetchOptions(deps) })
    : undefined;
  app.openapi(push, async (c) => {
    const d = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    if (!client) {
      throw new ServiceUnavailableError(
        "Grafana is not configured: set GRAFANA_URL and GRAFANA_TOKEN",
      );
    }
    const saved = await client.deploy(fromUserDashboard(d));
    return c.json({
      uid: saved.uid,
      url: saved.url,
      version: saved.version,
      folder_uid: saved.folderUid,
    }, 200);
  });
  return app;
}

/** Whether Grafana answers, mounted at `/health/grafana`. */
export function grafanaHealthApi(deps: Omit<GrafanaApiDeps, "sql">): OpenAPIHono {
  const app = new OpenAPIHono();
  const { grafanaUrl, grafanaToken } = deps.config;
  app.openapi(health, async (c) => {
    const [body, status] = await grafanaHealth(
      grafanaUrl,
      Boolean(grafanaToken),
      fetchOptions(deps),
    );
    return status === 200 ? c.json(body, 200) : c.json(body, 503);
  });
  return app;
}
