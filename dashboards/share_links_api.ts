/**
 * Read-only share links. The owner turns one on with
 * `POST /api/dashboards/{id}/share` (201 with a new token of 256 random bits,
 * 200 with the existing one) and off with `DELETE` (204). Anyone holding the
 * token reads `GET /api/shared/{token}` (the dashboard, its series and its
 * resolved default range, and who shared it: the owner's email, nothing
 * more of the account) and `GET /api/shared/{token}/data` (every panel's
 * data) without an account; a revoked or unknown token is a 404. The browser
 * UI shows the same link at `/shared/{token}`. Shared
 * answers are `no-store` and send no referrer, so the token does not leak.
 * The owner's routes are {@link shareLinksApi} (under `/api/dashboards`), the
 * anonymous ones {@link sharedBoardsApi} (mounted at `/api/shared`).
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Sql } from "../db/client.ts";
import type { Dashboard } from "./types.ts";
import { getDashboard, getSharedDashboard, revokeShare, shareDashboard } from "./store.ts";
import { panelData, seriesMeta } from "./data.ts";
import { resolveRange, seriesItemKeys } from "../domain/vizspec.ts";
import {
  DataQuerySchema,
  GridSchema,
  panelDataBody,
  PanelDataSchema,
  queryRange,
  RangeSchema,
  shareBody,
  ShareOut,
  SpecSchema,
} from "./schemas.ts";
import { IdParam, json, problems } from "../http/schemas.ts";
import type { BoardsApiDeps } from "./api_deps.ts";
import { needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";
import { recordChange, shareChange } from "../audit/record.ts";

const writer = { tags: ["dashboards"], ...needs("write") };

const TokenParam = z.object({
  token: z.string().max(64).openapi({ param: { name: "token", in: "path" } }),
});

const SharedDashboard = z.object({
  title: z.string(),
  shared_by: z.string().openapi({
    description:
      "Who shared it: the owner's email before the @ (accounts have no other name; the full " +
      "address is not shown to link holders)",
  }),
  default_range: RangeSchema,
  refresh_seconds: z.number().int().nullable(),
  range: z.object({ start: z.string(), end: z.string() }).openapi({
    description: "The default range resolved now",
  }),
  series: z.array(z.object({
    key: z.string(),
    name: z.string(),
    unit: z.string(),
    interval_seconds: z.number().int(),
    stored: z.boolean(),
  })),
  panels: z.array(z.object({
    id: z.uuid(),
    position: z.number().int(),
    grid: GridSchema,
    spec: SpecSchema,
  })),
}).openapi("SharedDashboard");

const share = createRoute({
  ...writer,
  method: "post",
  path: "/{id}/share",
  summary: "Turn on the read-only share link",
  request: { params: IdParam },
  responses: {
    201: json(ShareOut, "Shared with a new token"),
    200: json(ShareOut, "Already shared; the existing token"),
    ...problems(400, 401, 403, 404, 429),
  },
});

const unshare = createRoute({
  ...writer,
  method: "delete",
  path: "/{id}/share",
  summary: "Revoke the share link",
  request: { params: IdParam },
  responses: { 204: { description: "Not shared any more" }, ...problems(400, 401, 403, 404, 429) },
});

const view = createRoute({
  method: "get",
  path: "/{token}",
  tags: ["dashboards"],
  summary: "A shared dashboard, without an account",
  request: { params: TokenParam },
  responses: { 200: json(SharedDashboard, "The dashboard"), ...problems(404, 429) },
});

const viewData = createRoute({
  method: "get",
  path: "/{token}/data",
  tags: ["dashboards"],
  summary: "A shared dashboard's panel data, without an account",
  request: { params: TokenParam, query: DataQuerySchema },
  responses: {
    200: json(z.object({ panels: z.array(PanelDataSchema) }), "Panel data"),
    ...problems(400, 404, 429),
  },
});

function noStore(c: Context): void {
  c.header("cache-control", "private, no-store");
  c.header("referrer-policy", "no-referrer");
}

async function sharedBody(
  sql: Sql,
  d: Dashboard & { sharedBy: string },
  now: Date,
): Promise<z.infer<typeof SharedDashboard>> {
  const keys = seriesItemKeys(d.panels.flatMap((p) => p.spec.series));
  const { start, end } = resolveRange(d.defaultRange, now);
  const meta = await seriesMeta(sql, keys);
  return {
    title: d.title,
    shared_by: d.sharedBy,
    default_range: d.defaultRange,
    refresh_seconds: d.refreshSeconds,
    range: { start: start.toISOString(), end: end.toISOString() },
    series: meta.map((m) => ({
      key: m.key,
      name: m.name,
      unit: m.unit,
      interval_seconds: m.intervalSeconds,
      stored: m.stored,
    })),
    panels: d.panels.map((p) => ({ id: p.id, position: p.position, grid: p.grid, spec: p.spec })),
  };
}

/** The owner's share-link routes, mounted with the dashboards at `/api/dashboards`. */
export function shareLinksApi(deps: BoardsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(share, async (c) => {
    const shared = await shareDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
      now: deps.clock(),
    });
    const out = shareBody(shared.token, shared.sharedAt);
    if (shared.created) {
      await recordChange(
        c,
        deps,
        shareChange("share_link_created", c.req.valid("param").id, shared.sharedAt),
      );
    }
    noStore(c);
    return shared.created ? c.json(out, 201) : c.json(out, 200);
  });
  app.openapi(unshare, async (c) => {
    const was = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    await revokeShare(deps.sql, { id: c.req.valid("param").id, userId: userOf(c).userId });
    if (was.sharedAt) {
      await recordChange(c, deps, shareChange("share_link_deleted", was.id, was.sharedAt));
    }
    return c.body(null, 204);
  });
  return app;
}

/** A shared dashboard and its data, without an account, mounted at `/api/shared`. */
export function sharedBoardsApi(deps: BoardsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(view, async (c) => {
    const d = await getSharedDashboard(deps.sql, c.req.valid("param").token);
    const body = await sharedBody(deps.sql, d, deps.clock());
    noStore(c);
    return c.json(body, 200);
  });
  app.openapi(viewData, async (c) => {
    const d = await getSharedDashboard(deps.sql, c.req.valid("param").token);
    const panels = await panelData(deps.sql, d.panels, {
      now: deps.clock(),
      range: queryRange(c.req.valid("query")),
    });
    noStore(c);
    return c.json({ panels: panels.map(panelDataBody) }, 200);
  });
  return app;
}
