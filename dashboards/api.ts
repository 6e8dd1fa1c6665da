/**
 * The signed-in user's dashboards, mounted at `/api/dashboards`:
 * `GET/POST /`, `GET/PUT/DELETE /{id}`, `PUT /{id}/order`,
 * `POST /{id}/duplicate` and `GET /{id}/data`, with the panels
 * (`panels_api.ts`) and the share link (`share_links_api.ts`) under `/{id}`.
 * The built-in dashboards are `builtin_api.ts`. Someone else's dashboard is a
 * 404, never a 403.
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
} from "./store.ts";
import { panelData } from "./data.ts";
import {
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
} from "./schemas.ts";
import { IdParam, json, problems, registerSecuritySchemes } from "../http/schemas.ts";
import type { BoardsApiDeps } from "./api_deps.ts";
import { needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";
import { dashboardChange as audit, recordChange } from "../audit/record.ts";
import { panelsApi } from "./panels_api.ts";
import { shareLinksApi } from "./share_links_api.ts";

const reader = { tags: ["dashboards"], ...needs("read") };
const writer = { tags: ["dashboards"], ...needs("write") };
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

const list = createRoute({
  ...reader,
  method: "get",
  path: "/",
  summary: "The signed-in user's dashboards",
  responses: {
    200: json(z.object({ dashboards: z.array(DashboardSummarySchema) }), "In order"),
    ...problems(401, 403, 429),
  },
});

const create = createRoute({
  ...writer,
  method: "post",
  path: "/",
  summary: "Create a dashboard",
  request: body(NewDashboardSchema),
  responses: { 201: json(DashboardSchema, "Created"), ...problems(400, 401, 403, 429) },
});

const one = createRoute({
  ...reader,
  method: "get",
  path: "/{id}",
  summary: "One of the user's dashboards, with its panels",
  request: { params: IdParam },
  responses: { 200: json(DashboardSchema, "The dashboard"), ...problems(400, 401, 403, 404, 429) },
});

const update = createRoute({
  ...writer,
  method: "put",
  path: "/{id}",
  summary: "Change title, default range, refresh, position or the whole panel list",
  request: { params: IdParam, ...body(DashboardChangeSchema) },
  responses: { 200: json(DashboardSchema, "Changed"), ...problems(400, 401, 403, 404, 409, 429) },
});

const remove = createRoute({
  ...writer,
  method: "delete",
  path: "/{id}",
  summary: "Delete a dashboard and its panels",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 429) },
});

const order = createRoute({
  ...writer,
  method: "put",
  path: "/{id}/order",
  summary: "Reorder the panels: list every panel id once",
  request: { params: IdParam, ...body(OrderSchema) },
  responses: { 200: json(DashboardSchema, "Reordered"), ...problems(400, 401, 403, 404, 429) },
});

const duplicate = createRoute({
  ...writer,
  method: "post",
  path: "/{id}/duplicate",
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
  path: "/{id}/data",
  summary: "Every panel's data, over its own range or the one given",
  request: { params: IdParam, query: DataQuerySchema },
  responses: {
    200: json(z.object({ panels: z.array(PanelDataSchema) }), "Panel data"),
    ...problems(400, 401, 403, 404, 429),
  },
});

/**
 * The user's dashboards with their panels and share links, mounted at
 * `/api/dashboards`.
 *
 * @example
 * app.route("/api/dashboards", dashboardsApi({ sql, clock }));
 */
export function dashboardsApi(deps: BoardsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  registerSecuritySchemes(app);
  app.route("/", ownRoutes(deps));
  app.route("/", arrangeRoutes(deps));
  app.route("/", panelsApi(deps));
  app.route("/", shareLinksApi(deps));
  return app;
}

function ownRoutes(deps: BoardsApiDeps): OpenAPIHono {
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

function arrangeRoutes(deps: BoardsApiDeps): OpenAPIHono {
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
