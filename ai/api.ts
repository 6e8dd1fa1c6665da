/**
 * Plain-English charts: `POST /api/ai/visualizations` reads a request into a VizSpec (Bedrock
 * when configured and within the user's daily budget, the rule parser otherwise), previews it
 * with the compiled SQL shown, and saves it as a dashboard panel when asked; the user's
 * history (`GET`, `DELETE /{id}`, `POST /clear`); and `GET /health/ai`, which reports the
 * provider configuration without calling AWS. Every request is recorded in `ai_requests`.
 * The routes need the `ai` scope; saving a chart into a dashboard needs `write` too.
 * {@link aiApi} answers two sub-apps: the routes under `/api/ai` and the health check, which
 * `routes/app.ts` mounts at `/health/ai`; both share one pipeline, so the check reports its
 * last failure.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Sql } from "../db/client.ts";
import type { Config } from "../config.ts";
import type { AiOptions, LlmProvider } from "./bedrock.ts";
import {
  createAnswerCache,
  createVizPipeline,
  type FallbackReason,
  type VizPipeline,
} from "./pipeline.ts";
import { previewSpec } from "./preview.ts";
import { type NodeKeys, storedNodeKeys } from "./node_names.ts";
import { parseRequest } from "./rules.ts";
import type { VizSpec } from "../domain/vizspec.ts";
import {
  type AiRequestRow,
  clearAiRequests,
  deleteAiRequest,
  listAiRequests,
  recordAiRequest,
  setSavedPanel,
  takeLlmBudget,
} from "./requests_store.ts";
import { AppError, NotFoundError } from "../domain/errors.ts";
import {
  IdParam,
  json,
  problems,
  ProblemSchema,
  registerSecuritySchemes,
} from "../http/schemas.ts";
import { AiHealth, HistoryItem, VizAnswerOut, VizRequest } from "./schemas.ts";
import { assertScope, needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";

/** A chart saved as a dashboard panel, as the answer shows it. */
export interface SavedPanel {
  id: string;
  dashboardId: string;
  position: number;
  grid: { x: number; y: number; w: number; h: number };
}

/**
 * Adds a chart to one of the user's dashboards, or finds the same chart already there
 * (`duplicate`); throws `NotFoundError` for a dashboard that is not theirs. The dashboards
 * slice provides it at composition.
 */
export type AddPanel = (input: {
  dashboardId: string;
  userId: string;
  spec: VizSpec;
  now: Date;
}) => Promise<{ panel: SavedPanel; duplicate: boolean }>;

/** What the plain-English chart routes need. */
export interface AiApiDeps {
  sql: Sql;
  /** The current instant; injected so tests control time. */
  clock: () => Date;
  config: Pick<
    Config,
    "aiDailyLlmRequests" | "bedrockModelId" | "awsRegion" | "bedrockEndpoint"
  >;
  /** The LLM (none: rules only) and its timeout. */
  ai: AiOptions;
  addPanel: AddPanel;
}

/** The two sub-apps of {@link aiApi}. */
export interface AiApi {
  /** The chart routes, mounted at `/api/ai`. */
  api: OpenAPIHono;
  /** The provider health check, mounted at `/health/ai`. */
  health: OpenAPIHono;
}

/** The rule parser could not read the request (422); the message says why. */
class RefusalError extends AppError {
  override readonly status = 422;
  override readonly title = "Request not understood";
}

const common = {
  tags: ["ai"],
  ...needs("ai"),
};
const refusal = {
  content: { "application/problem+json": { schema: ProblemSchema } },
  description: "The request names nothing that can be charted; `detail` says why",
};

const create = createRoute({
  ...common,
  method: "post",
  path: "/visualizations",
  summary: "Turn a plain-English request into a chart: spec, preview, SQL; save it on request",
  request: { body: { content: { "application/json": { schema: VizRequest } }, required: true } },
  responses: {
    200: json(VizAnswerOut, "The chart (previewed, or already on the dashboard)"),
    201: json(VizAnswerOut, "The chart, saved as a new panel"),
    422: refusal,
    ...problems(400, 401, 403, 404, 429),
  },
});

const history = createRoute({
  ...common,
  method: "get",
  path: "/visualizations",
  summary: "This account's chart requests, newest first",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50).openapi({
        description: "Most entries (1 to 200, default 50)",
      }),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(HistoryItem) }), "History"),
    ...problems(400, 401, 403, 429),
  },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/visualizations/{id}",
  summary: "Delete one history entry (a saved panel stays)",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 429) },
});

const clear = createRoute({
  ...common,
  method: "post",
  path: "/visualizations/clear",
  summary: "Delete this account's whole request history",
  responses: {
    200: json(z.object({ deleted: z.number().int() }), "How many entries were deleted"),
    ...problems(401, 403, 429),
  },
});

const health = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Plain-English chart provider configuration (never calls AWS)",
  responses: { 200: json(AiHealth, "Provider configuration") },
});

/**
 * The plain-English chart routes and their health check.
 *
 * @example
 * const ai = aiApi({ sql, clock, config, ai: { llm }, addPanel });
 * app.route("/api/ai", ai.api);
 * app.route("/health/ai", ai.health);
 */
export function aiApi(deps: AiApiDeps): AiApi {
  const app = new OpenAPIHono();
  registerSecuritySchemes(app);
  const pipeline = createVizPipeline({
    llm: deps.ai.llm,
    rules: parseRequest,
    now: deps.clock,
    cache: createAnswerCache(),
    timeoutMs: deps.ai.timeoutMs,
  });
  const nodeKeys = storedNodeKeys(deps.sql);
  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    // Saving the chart as a panel is a dashboard write: it needs `write` besides `ai`.
    if (body.dashboard_id !== undefined && !body.dry_run) assertScope(userOf(c), "write");
    const out = await answer(userOf(c).userId, deps, pipeline, nodeKeys, body);
    return out.duplicate === false ? c.json(out, 201) : c.json(out, 200);
  });
  app.openapi(history, async (c) => {
    const rows = await listAiRequests(deps.sql, userOf(c).userId, c.req.valid("query").limit);
    return c.json({ items: rows.map(historyItem) }, 200);
  });
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    if (!await deleteAiRequest(deps.sql, id, userOf(c).userId)) {
      throw new NotFoundError(`Chart request ${id} not found`);
    }
    return c.body(null, 204);
  });
  app.openapi(clear, async (c) => {
    return c.json({ deleted: await clearAiRequests(deps.sql, userOf(c).userId) }, 200);
  });
  const healthApp = new OpenAPIHono();
  healthApp.openapi(health, (c) => c.json(healthBody(deps, pipeline, deps.ai.llm), 200));
  return { api: app, health: healthApp };
}

async function budgetSkip(
  deps: AiApiDeps,
  pipeline: VizPipeline,
  userId: string,
  at: Date,
): Promise<FallbackReason | undefined> {
  if (!pipeline.usesLlm) return undefined;
  const limit = deps.config.aiDailyLlmRequests;
  return await takeLlmBudget(deps.sql, { userId, at, limit }) ? undefined : "budget_exhausted";
}

async function answer(
  userId: string,
  deps: AiApiDeps,
  pipeline: VizPipeline,
  nodeKeys: NodeKeys,
  body: z.infer<typeof VizRequest>,
): Promise<z.infer<typeof VizAnswerOut>> {
  const now = deps.clock();
  const skip = await budgetSkip(deps, pipeline, userId, now);
  const storedKeys = await nodeKeys();
  const got = await pipeline.interpret(body.request_text, { skip, now, storedKeys });
  const save = body.dashboard_id !== undefined && !body.dry_run;
  const base = { userId, text: body.request_text, provider: got.provider, at: now };
  const reason = got.fallbackReason;
  if ("error" in got) {
    await recordAiRequest(deps.sql, {
      ...base,
      spec: null,
      fallbackReason: reason,
      error: got.error,
    });
    throw new RefusalError(got.error, { provider: got.provider, fallback_reason: reason });
  }
  const shown = await previewSpec(deps.sql, got.spec, { now });
  const id = await recordAiRequest(deps.sql, { ...base, spec: got.spec, fallbackReason: reason });
  const out = {
    id,
    spec: got.spec,
    provider: got.provider,
    ...(reason ? { fallback_reason: reason } : {}),
    preview: shown.preview,
    sql: shown.sql,
    sql_params: shown.params,
  };
  if (!save) return out;
  return { ...out, ...await savePanel(deps, id, body.dashboard_id as string, userId, got.spec) };
}

async function savePanel(
  deps: AiApiDeps,
  requestId: string,
  dashboardId: string,
  userId: string,
  spec: VizSpec,
) {
  const { panel, duplicate } = await deps.addPanel({
    dashboardId,
    userId,
    spec,
    now: deps.clock(),
  });
  await setSavedPanel(deps.sql, requestId, { panelId: panel.id, dashboardId });
  return {
    panel: {
      id: panel.id,
      dashboard_id: panel.dashboardId,
      position: panel.position,
      grid: panel.grid,
    },
    duplicate,
  };
}

function historyItem(r: AiRequestRow): z.infer<typeof HistoryItem> {
  return {
    id: r.id,
    request_text: r.request_text,
    spec: r.spec,
    provider: r.provider,
    fallback_reason: r.fallback_reason,
    error: r.error,
    dashboard_id: r.dashboard_id,
    saved_panel_id: r.saved_panel_id,
    created_at: r.created_at.toISOString(),
  };
}

function healthBody(
  deps: AiApiDeps,
  pipeline: VizPipeline,
  llm: LlmProvider | undefined,
): z.infer<typeof AiHealth> {
  const failure = pipeline.lastFailure();
  return {
    provider: llm ? "bedrock" : "rules",
    configured: llm !== undefined,
    model_id: llm?.modelId ?? deps.config.bedrockModelId ?? null,
    region: llm?.region ?? deps.config.awsRegion ?? null,
    endpoint_host: llm?.endpoint ? new URL(llm.endpoint).host : null,
    timeout_ms: pipeline.timeoutMs,
    daily_llm_requests_per_user: deps.config.aiDailyLlmRequests,
    last_error: failure
      ? { reason: failure.reason, message: failure.message, at: failure.at.toISOString() }
      : null,
  };
}
