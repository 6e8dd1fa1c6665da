/**
 * Panels of the signed-in user's dashboards, mounted with them at
 * `/api/dashboards`: `GET/POST /{id}/panels` and
 * `GET/PUT/DELETE /{id}/panels/{panelId}`. Adding a chart
 * the dashboard already has answers 200 with the existing panel and
 * `duplicate: true` instead of 201.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { addPanel, getDashboard } from "./store.ts";
import { deletePanel, getPanel, updatePanel } from "./panels_store.ts";
import { panelBody, PanelInputSchema, PanelPatchSchema, PanelSchema } from "./schemas.ts";
import { json, problems } from "../http/schemas.ts";
import type { BoardsApiDeps } from "./api_deps.ts";
import { needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";
import { panelChange, recordChange } from "../audit/record.ts";

const reader = { tags: ["dashboards"], ...needs("read") };
const writer = { tags: ["dashboards"], ...needs("write") };

const DashboardParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});
const PanelParam = DashboardParam.extend({
  panelId: z.uuid().openapi({ param: { name: "panelId", in: "path" } }),
});
const Added = z.object({ panel: PanelSchema, duplicate: z.boolean() }).openapi("AddedPanel");

const list = createRoute({
  ...reader,
  method: "get",
  path: "/{id}/panels",
  summary: "A dashboard's panels, in order",
  request: { params: DashboardParam },
  responses: {
    200: json(z.object({ panels: z.array(PanelSchema) }), "Panels"),
    ...problems(400, 401, 403, 404, 429),
  },
});

const add = createRoute({
  ...writer,
  method: "post",
  path: "/{id}/panels",
  summary: "Add a panel after the others",
  request: {
    params: DashboardParam,
    body: { content: { "application/json": { schema: PanelInputSchema } }, required: true },
  },
  responses: {
    201: json(Added, "Added"),
    200: json(Added, "The same chart is already on the dashboard; nothing was added"),
    ...problems(400, 401, 403, 404, 429),
  },
});

const one = createRoute({
  ...reader,
  method: "get",
  path: "/{id}/panels/{panelId}",
  summary: "One panel",
  request: { params: PanelParam },
  responses: { 200: json(PanelSchema, "The panel"), ...problems(400, 401, 403, 404, 429) },
});

const change = createRoute({
  ...writer,
  method: "put",
  path: "/{id}/panels/{panelId}",
  summary: "Change a panel's spec or cell",
  request: {
    params: PanelParam,
    body: { content: { "application/json": { schema: PanelPatchSchema } }, required: true },
  },
  responses: { 200: json(PanelSchema, "Changed"), ...problems(400, 401, 403, 404, 409, 429) },
});

const remove = createRoute({
  ...writer,
  method: "delete",
  path: "/{id}/panels/{panelId}",
  summary: "Remove a panel",
  request: { params: PanelParam },
  responses: { 204: { description: "Removed" }, ...problems(400, 401, 403, 404, 429) },
});

function ref(p: { id: string; panelId: string }, userId: string) {
  return { dashboardId: p.id, panelId: p.panelId, userId };
}

/** The panel routes, mounted with the dashboards at `/api/dashboards`. */
export function panelsApi(deps: BoardsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(list, async (c) => {
    const d = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    return c.json({ panels: d.panels.map(panelBody) }, 200);
  });
  app.openapi(add, async (c) => {
    const b = c.req.valid("json");
    const { panel, duplicate } = await addPanel(deps.sql, {
      dashboardId: c.req.valid("param").id,
      userId: userOf(c).userId,
      spec: b.spec,
      grid: b.grid,
      now: deps.clock(),
    });
    const out = { panel: panelBody(panel), duplicate };
    if (!duplicate) await recordChange(c, deps, panelChange("panel_created", null, out.panel));
    return duplicate ? c.json(out, 200) : c.json(out, 201);
  });
  app.openapi(one, async (c) => {
    const panel = await getPanel(deps.sql, ref(c.req.valid("param"), userOf(c).userId));
    return c.json(panelBody(panel), 200);
  });
  app.openapi(change, async (c) => {
    const b = c.req.valid("json");
    const was = await getPanel(deps.sql, ref(c.req.valid("param"), userOf(c).userId));
    const panel = await updatePanel(deps.sql, {
      ...ref(c.req.valid("param"), userOf(c).userId),
      spec: b.spec,
      grid: b.grid,
      now: deps.clock(),
    });
    await recordChange(c, deps, panelChange("panel_updated", panelBody(was), panelBody(panel)));
    return c.json(panelBody(panel), 200);
  });
  app.openapi(remove, async (c) => {
    const was = await getPanel(deps.sql, ref(c.req.valid("param"), userOf(c).userId));
    await deletePanel(deps.sql, {
      ...ref(c.req.valid("param"), userOf(c).userId),
      now: deps.clock(),
    });
    await recordChange(c, deps, panelChange("panel_deleted", panelBody(was), null));
    return c.body(null, 204);
  });
  return app;
}
