/**
 * Grafana dashboard JSON to download, for a Grafana this service does not
 * push to: `GET /api/dashboards/{id}/grafana` (one of the user's dashboards,
 * {@link grafanaJsonApi}) and `GET /api/builtin-dashboards/{uid}/grafana`
 * (a built-in one, anonymous, {@link builtinGrafanaJsonApi}). The body is
 * the JSON `deno task grafana:build` writes and the push sends
 * (`toGrafanaJson`), an attachment that Grafana's Dashboards → New → Import
 * takes as is; its panels read the `ercot-postgres` datasource.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getDashboard } from "../store.ts";
import { type Board, fromUserDashboard } from "../model.ts";
import { findBuiltin } from "../builtin/mod.ts";
import { toGrafanaJson } from "./board.ts";
import { IdParam, problems } from "../../http/schemas.ts";
import type { BoardsApiDeps } from "../api_deps.ts";
import { needs } from "../../http/access.ts";
import { userOf } from "../../http/principal.ts";

const GrafanaJson = z.object({
  uid: z.string(),
  title: z.string(),
  panels: z.array(z.object({}).passthrough()),
}).passthrough().openapi("GrafanaDashboardJson", {
  description: "A Grafana dashboard model (schema v1); its panels read the `ercot-postgres` " +
    "PostgreSQL datasource",
});

const download = {
  200: {
    content: { "application/json": { schema: GrafanaJson } },
    description: "The dashboard as Grafana JSON, as an attachment",
  },
};

const personal = createRoute({
  tags: ["dashboards"],
  ...needs("read"),
  method: "get",
  path: "/{id}/grafana",
  summary: "One of the user's dashboards as Grafana JSON to import",
  request: { params: IdParam },
  responses: { ...download, ...problems(400, 401, 403, 404, 429) },
});

const builtin = createRoute({
  tags: ["dashboards"],
  method: "get",
  path: "/{uid}/grafana",
  summary: "A built-in dashboard as Grafana JSON to import",
  request: {
    params: z.object({ uid: z.string().max(40).openapi({ param: { name: "uid", in: "path" } }) }),
  },
  responses: { ...download, ...problems(404) },
});

/** The attachment's name: the board's title as a file name, then `.grafana.json`. */
export function grafanaFileName(board: Pick<Board, "title">): string {
  const base = board.title.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${base || "dashboard"}.grafana.json`;
}

/** The model with its keys sorted, as `toGrafanaJson` writes it, and the attachment headers. */
function attachment(board: Board, cacheControl: string) {
  const model: z.infer<typeof GrafanaJson> = JSON.parse(toGrafanaJson(board));
  const headers = {
    "content-disposition": `attachment; filename="${grafanaFileName(board)}"`,
    "cache-control": cacheControl,
  };
  return { model, headers };
}

/** A user's dashboard as Grafana JSON, mounted with the dashboards at `/api/dashboards`. */
export function grafanaJsonApi(deps: BoardsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(personal, async (c) => {
    const d = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    const { model, headers } = attachment(fromUserDashboard(d), "private, no-store");
    return c.json(model, 200, headers);
  });
  return app;
}

/** A built-in dashboard as Grafana JSON, mounted at `/api/builtin-dashboards`. */
export function builtinGrafanaJsonApi(): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(builtin, (c) => {
    const board = findBuiltin(c.req.valid("param").uid);
    const { model, headers } = attachment(board, "public, max-age=300");
    return c.json(model, 200, headers);
  });
  return app;
}
