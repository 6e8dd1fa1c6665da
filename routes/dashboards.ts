/**
 * Dashboards: the built-in ones (`GET /api/dashboards/builtin[/{uid}]`,
 * `GET /api/dashboard/available-panels`, anonymous) and the signed-in user's
 * own (`GET/POST /api/dashboards`, `GET/PUT/DELETE /api/dashboards/{id}`,
 * `PUT /api/dashboards/{id}/order`, `POST /api/dashboards/{id}/duplicate`,
 * `GET /api/dashboards/{id}/data`). Panels, share links and Grafana pushes are
 * mounted from their own modules. Someone else's dashboard is a 404, never a 403.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  createDashboard,
  deleteDashboard,
  duplicateDashboard,
  getDashboard,
  listDashboards,
  reorderPanels,
  updateDashboard,
} from "../dashboards/store.ts";
import { availablePanels, BUILTIN_BOARDS, findBuiltin } from "../dashboards/builtin/mod.ts";
import { panelData } from "../dashboards/data.ts";
import {
  boardBody,
  boardPanelBody,
  BoardPanelSchema,
  BoardSchema,
  dashboardBody,
  DashboardChangeSchema,
  DashboardSchema,
  DashboardSummarySchema,
  DataQuerySchema,
  DuplicateSchema,
  NewDashboardSchema,
  OrderSchema,
  panelDataBody,
  PanelDataSchema,
  queryRange,
  summaryBody,
} from "./_dashboard_schemas.ts";
import { IdParam, json, problems, registerSecuritySchemes } from "./_account_schemas.ts";
import type { AppDeps } from "./deps.ts";
import { needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";
import { dashboardChange as audit, recordChange } from "./_audit.ts";
import { dashboardPanelRoutes } from "./dashboard_panels.ts";
import { sharedRoutes } from "./shared.ts";
import { grafanaRoutes } from "./grafana.ts";

const reader = { tags: ["dashboards"], ...needs("read") };
const writer = { tags: ["dashboards"], ...needs("write") };
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

const builtinList = createRoute({
  method: "get",
  path: "/api/builtin-dashboards",
  tags: ["dashboards"],
  summary: "The built-in dashboards",
  responses: { 200: json(z.object({ dashboards: z.array(BoardSchema) }), "Built-in dashboards") },
});

const builtinOne = createRoute({
  method: "get",
  path: "/api/builtin-dashboards/{uid}",
  tags: ["dashboards"],
  summary: "One built-in dashboard",
  request: {
    params: z.object({ uid: z.string().max(40).openapi({ param: { name: "uid", in: "path" } }) }),
  },
  responses: { 200: json(BoardSchema, "The dashboard"), ...problems(404) },
});

const available = createRoute({
  method: "get",
  path: "/api/dashboard/available-panels",
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

const list = createRoute({
  ...reader,
  method: "get",
  path: "/api/dashboards",
  summary: "The signed-in user's dashboards",
  responses: {
    200: json(z.object({ dashboards: z.array(DashboardSummarySchema) }), "In order"),
    ...problems(401, 403, 429),
  },
});

const create = createRoute({
  ...writer,
  method: "post",
  path: "/api/dashboards",
  summary: "Create a dashboard",
  request: body(NewDashboardSchema),
  responses: { 201: json(DashboardSchema, "Created"), ...problems(400, 401, 403, 429) },
});

const one = createRoute({
  ...reader,
  method: "get",
  path: "/api/dashboards/{id}",
  summary: "One of the user's dashboards, with its panels",
  request: { params: IdParam },
  responses: { 200: json(DashboardSchema, "The dashboard"), ...problems(400, 401, 403, 404, 429) },
});

const update = createRoute({
  ...writer,
  method: "put",
  path: "/api/dashboards/{id}",
  summary: "Change title, default range, refresh, position or the whole panel list",
  request: { params: IdParam, ...body(DashboardChangeSchema) },
  responses: { 200: json(DashboardSchema, "Changed"), ...problems(400, 401, 403, 404, 409, 429) },
});

const remove = createRoute({
  ...writer,
  method: "delete",
  path: "/api/dashboards/{id}",
  summary: "Delete a dashboard and its panels",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 429) },
});

const order = createRoute({
  ...writer,
  method: "put",
  path: "/api/dashboards/{id}/order",
  summary: "Reorder the panels: list every panel id once",
  request: { params: IdParam, ...body(OrderSchema) },
  responses: { 200: json(DashboardSchema, "Reordered"), ...problems(400, 401, 403, 404, 429) },
});

const duplicate = createRoute({
  ...writer,
  method: "post",
  path: "/api/dashboards/{id}/duplicate",
  summary: "Copy a dashboard with its panels",
  request: {
    params: IdParam,
    body: { content: { "application/json": { schema: DuplicateSchema } }, required: false },
  },
  responses: { 201: json(DashboardSchema, "The copy"), ...problems(400, 401, 403, 404, 429) },
});

const data = createRoute({
  ...reader,
  method: "get",
  path: "/api/dashboards/{id}/data",
  summary: "Every panel's data, over its own range or the one given",
  request: { params: IdParam, query: DataQuerySchema },
  responses: {
    200: json(z.object({ panels: z.array(PanelDataSchema) }), "Panel data"),
    ...problems(400, 401, 403, 404, 429),
  },
});

/** The dashboard routes, with panels, share links and Grafana pushes. */
export function dashboardRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  registerSecuritySchemes(app);
  // Built-in paths first: `/api/dashboards/builtin` must not reach the `{id}` routes.
  app.route("/", builtinRoutes());
  app.route("/", ownRoutes(deps));
  app.route("/", arrangeRoutes(deps));
  app.route("/", dashboardPanelRoutes(deps));
  app.route("/", sharedRoutes(deps));
  app.route("/", grafanaRoutes(deps));
  return app;
}

/** The same route under an older path, marked for `completeDocument()` to leave out. */
function aliasOf<R extends { path: string }>(route: R, path: string): R {
  return { ...route, path, "x-alias-of": route.path };
}

function builtinRoutes(): OpenAPIHono {
  const app = new OpenAPIHono();
  // The old paths (under /api/dashboards/, where {id} made them ambiguous) keep working,
  // declared for access checks and left out of the document.
  for (const old of [false, true]) {
    const list = old ? aliasOf(builtinList, "/api/dashboards/builtin") : builtinList;
    const one = old ? aliasOf(builtinOne, "/api/dashboards/builtin/{uid}") : builtinOne;
    app.openapi(list, (c) => c.json({ dashboards: BUILTIN_BOARDS.map(boardBody) }, 200));
    app.openapi(one, (c) => c.json(boardBody(findBuiltin(c.req.valid("param").uid)), 200));
  }
  app.openapi(available, (c) => {
    const panels = availablePanels().map((p) => ({ ...boardPanelBody(p), board: p.board }));
    return c.json({ panels }, 200);
  });
  return app;
}

function ownRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(list, async (c) => {
    const rows = await listDashboards(deps.sql, userOf(c).userId);
    return c.json({ dashboards: rows.map(summaryBody) }, 200);
  });
  app.openapi(create, async (c) => {
    const b = c.req.valid("json");
    const d = await createDashboard(deps.sql, {
      userId: userOf(c).userId,
      title: b.title,
      defaultRange: b.default_range,
      refreshSeconds: b.refresh_seconds,
      panels: b.panels,
      now: deps.clock(),
    });
    await recordChange(c, deps, audit("dashboard_created", d.id, null, d));
    return c.json(dashboardBody(d), 201);
  });
  app.openapi(one, async (c) => {
    const d = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    return c.json(dashboardBody(d), 200);
  });
  app.openapi(update, async (c) => {
    const b = c.req.valid("json");
    const was = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    const d = await updateDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
      changes: {
        title: b.title,
        defaultRange: b.default_range,
        refreshSeconds: b.refresh_seconds,
        position: b.position,
        panels: b.panels,
      },
      now: deps.clock(),
    });
    await recordChange(c, deps, audit("dashboard_updated", d.id, was, d));
    return c.json(dashboardBody(d), 200);
  });
  app.openapi(remove, async (c) => {
    const was = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    await deleteDashboard(deps.sql, { id: c.req.valid("param").id, userId: userOf(c).userId });
    await recordChange(c, deps, audit("dashboard_deleted", was.id, was, null));
    return c.body(null, 204);
  });
  return app;
}

function arrangeRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(order, async (c) => {
    const was = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    const d = await reorderPanels(deps.sql, {
      dashboardId: c.req.valid("param").id,
      userId: userOf(c).userId,
      panelIds: c.req.valid("json").panel_ids,
      now: deps.clock(),
    });
    await recordChange(c, deps, audit("dashboard_updated", d.id, was, d));
    return c.json(dashboardBody(d), 200);
  });
  app.openapi(duplicate, async (c) => {
    const d = await duplicateDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
      title: (c.req.valid("json") ?? {}).title,
      now: deps.clock(),
    });
    await recordChange(
      c,
      deps,
      audit("dashboard_created", d.id, null, d, { copy_of: c.req.valid("param").id }),
    );
    return c.json(dashboardBody(d), 201);
  });
  app.openapi(data, async (c) => {
    const d = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    const panels = await panelData(deps.sql, d.panels, {
      now: deps.clock(),
      range: queryRange(c.req.valid("query")),
    });
    return c.json({ panels: panels.map(panelDataBody) }, 200);
  });
  return app;
}
