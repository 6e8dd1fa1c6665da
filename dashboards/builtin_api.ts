/**
 * The built-in dashboards, anonymous: `GET /api/builtin-dashboards[/{uid}]`
 * (also under the older `/api/dashboards/builtin[/{uid}]`, where `{id}` made
 * them ambiguous) and every built-in panel to add to a dashboard,
 * `GET /api/dashboard/available-panels`.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { availablePanels, BUILTIN_BOARDS, findBuiltin } from "./builtin/mod.ts";
import { boardBody, boardPanelBody, BoardPanelSchema, BoardSchema } from "./schemas.ts";
import { json, problems } from "../http/schemas.ts";

const builtinList = createRoute({
  method: "get",
  path: "/",
  tags: ["dashboards"],
  summary: "The built-in dashboards",
  responses: { 200: json(z.object({ dashboards: z.array(BoardSchema) }), "Built-in dashboards") },
});

const builtinOne = createRoute({
  method: "get",
  path: "/{uid}",
  tags: ["dashboards"],
  summary: "One built-in dashboard",
  request: {
    params: z.object({ uid: z.string().max(40).openapi({ param: { name: "uid", in: "path" } }) }),
  },
  responses: { 200: json(BoardSchema, "The dashboard"), ...problems(404) },
});

const available = createRoute({
  method: "get",
  path: "/available-panels",
  tags: ["dashboards"],
  summary: "Every built-in panel, to add to a dashboard",
  responses: {
    200: json(
      z.object({
        panels: z.array(
          BoardPanelSchema.extend({ board: z.object({ uid: z.string(), title: z.string() }) }),
        ),
      }),
      "Built-in panels, board by board",
    ),
  },
});

/** The same route under an older path, marked for `completeDocument()` to leave out. */
function aliasOf<R extends { path: string }>(route: R, prefix: string): R {
  return { ...route, "x-alias-of": `${prefix}${route.path === "/" ? "" : route.path}` };
}

/**
 * The built-in dashboards, mounted at `/api/builtin-dashboards`; with
 * `aliasOf` (that prefix), the same routes under an older prefix, declared
 * for access checks and left out of the document.
 *
 * @example
 * app.route("/api/builtin-dashboards", builtinBoardsApi());
 * app.route("/api/dashboards/builtin", builtinBoardsApi({ aliasOf: "/api/builtin-dashboards" }));
 */
export function builtinBoardsApi(options: { aliasOf?: string } = {}): OpenAPIHono {
  const app = new OpenAPIHono();
  const { aliasOf: prefix } = options;
  const list = prefix ? aliasOf(builtinList, prefix) : builtinList;
  const one = prefix ? aliasOf(builtinOne, prefix) : builtinOne;
  app.openapi(list, (c) => c.json({ dashboards: BUILTIN_BOARDS.map(boardBody) }, 200));
  app.openapi(one, (c) => c.json(boardBody(findBuiltin(c.req.valid("param").uid)), 200));
  return app;
}

/** Every built-in panel with its board, mounted at `/api/dashboard`. */
export function availablePanelsApi(): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(available, (c) => {
    const panels = availablePanels().map((p) => ({ ...boardPanelBody(p), board: p.board }));
    return c.json({ panels }, 200);
  });
  return app;
}
