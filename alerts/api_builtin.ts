/**
 * Built-in alert rules any user can subscribe to: `GET /api/alerts/builtin`
 * (each with the current grid level and the caller's subscription),
 * `POST /api/alerts/builtin/{builtin}/subscribe` (channels; again to change
 * them), `POST /api/alerts/builtin/{builtin}/unsubscribe` and
 * `GET /api/alerts/builtin/{builtin}/changes` (the kept grid-level changes).
 * Today there is one: `grid-condition`.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ChannelsInput, ChannelView, channelViews, storeChannels } from "./schemas.ts";
import {
  findSubscription,
  GRID_BUILTIN,
  GRID_BUILTIN_INFO,
  type GridChange,
  gridChanges,
  gridLevel,
  subscribe,
  unsubscribe,
} from "./grid_status.ts";
import { latestGridStatus } from "../db/grid_status.ts";
import { NotFoundError } from "../domain/errors.ts";
import type { Sql } from "../db/client.ts";
import type { Config } from "../config.ts";
import { integerParam, json, problems } from "../http/schemas.ts";
import { checkTargets } from "./api_bodies.ts";
import { needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";

/** What the built-in rule routes need: the database, the clock and the channel settings. */
export interface BuiltinApiDeps {
  sql: Sql;
  clock: () => Date;
  config: Pick<Config, "alertWebhookAllowPrivate" | "smtp">;
}

const reads = { tags: ["alerts"], ...needs("read") };
const writes = { tags: ["alerts"], ...needs("write") };
const BuiltinParam = z.object({
  builtin: z.string().max(64).openapi({ param: { name: "builtin", in: "path" } }),
});

const SubscriptionSchema = z.object({
  channels: z.array(ChannelView),
  created_at: z.string(),
  updated_at: z.string(),
}).openapi("AlertSubscription");

const BuiltinSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  current: z.object({
    level: z.string(),
    label: z.string(),
    state: z.string(),
    eea_level: z.number(),
    prc: z.number().nullable(),
    as_of: z.string(),
  }).nullable(),
  subscription: SubscriptionSchema.nullable(),
}).openapi("BuiltinAlertRule");

const ChangeSchema = z.object({
  level: z.string(),
  label: z.string(),
  previous_level: z.string().nullable(),
  state: z.string(),
  eea_level: z.number(),
  prc: z.number().nullable(),
  title: z.string(),
  note: z.string(),
  assessed_at: z.string(),
}).openapi("GridLevelChange");

const list = createRoute({
  ...reads,
  method: "get",
  path: "/builtin",
  summary: "Built-in alert rules and this account's subscriptions",
  responses: {
    200: json(z.object({ builtin: z.array(BuiltinSchema) }), "Built-in rules"),
    ...problems(401, 403, 429),
  },
});

const subscribeRoute = createRoute({
  ...writes,
  method: "post",
  path: "/builtin/{builtin}/subscribe",
  summary: "Subscribe to a built-in rule, or change the subscription's channels",
  request: {
    params: BuiltinParam,
    body: {
      content: { "application/json": { schema: z.strictObject({ channels: ChannelsInput }) } },
      required: true,
    },
  },
  responses: {
    200: json(BuiltinSchema, "The rule with the subscription"),
    ...problems(400, 401, 403, 404, 429),
  },
});

const unsubscribeRoute = createRoute({
  ...writes,
  method: "post",
  path: "/builtin/{builtin}/unsubscribe",
  summary: "End a subscription to a built-in rule",
  request: { params: BuiltinParam },
  responses: { 204: { description: "Unsubscribed" }, ...problems(400, 401, 403, 404, 429) },
});

const changesRoute = createRoute({
  ...reads,
  method: "get",
  path: "/builtin/{builtin}/changes",
  summary: "Changes of ERCOT's grid condition level, newest first",
  request: { params: BuiltinParam, query: z.object({ limit: integerParam(1, 500, 50) }) },
  responses: {
    200: json(z.object({ changes: z.array(ChangeSchema) }), "Changes"),
    ...problems(400, 401, 403, 404, 429),
  },
});

function changeBody(g: GridChange): z.infer<typeof ChangeSchema> {
  return {
    level: g.level,
    label: g.label,
    previous_level: g.previousLevel,
    state: g.state,
    eea_level: g.eeaLevel,
    prc: g.prc,
    title: g.title,
    note: g.note,
    assessed_at: g.assessedAt.toISOString(),
  };
}

function known(builtin: string): void {
  if (builtin !== GRID_BUILTIN) {
    throw new NotFoundError(`Built-in alert rule "${builtin}" not found`);
  }
}

async function builtinBody(
  deps: BuiltinApiDeps,
  userId: string,
  generated?: ReadonlyMap<string, string>,
): Promise<z.infer<typeof BuiltinSchema>> {
  const status = await latestGridStatus(deps.sql);
  const sub = await findSubscription(deps.sql, userId, GRID_BUILTIN);
  return {
    ...GRID_BUILTIN_INFO,
    current: status && {
      ...gridLevel(status),
      state: status.state,
      eea_level: status.eeaLevel,
      prc: status.prc,
      as_of: status.at.toISOString(),
    },
    subscription: sub && {
      channels: channelViews(sub.channels, generated),
      created_at: sub.created_at.toISOString(),
      updated_at: sub.updated_at.toISOString(),
    },
  };
}

/** The built-in alert rule routes. */
export function builtinAlertRoutes(deps: BuiltinApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(list, async (c) => {
    return c.json({ builtin: [await builtinBody(deps, userOf(c).userId)] }, 200);
  });
  app.openapi(subscribeRoute, async (c) => {
    const { builtin } = c.req.valid("param");
    known(builtin);
    const { userId } = userOf(c);
    const input = c.req.valid("json").channels;
    checkTargets(input, deps.config.alertWebhookAllowPrivate, !!deps.config.smtp);
    const previous = (await findSubscription(deps.sql, userId, builtin))?.channels;
    const { channels, generated } = storeChannels(input, previous);
    await subscribe(deps.sql, userId, builtin, channels, deps.clock());
    return c.json(await builtinBody(deps, userId, generated), 200);
  });
  app.openapi(unsubscribeRoute, async (c) => {
    const { builtin } = c.req.valid("param");
    known(builtin);
    if (!(await unsubscribe(deps.sql, userOf(c).userId, builtin))) {
      throw new NotFoundError(`No subscription to built-in alert rule "${builtin}"`);
    }
    return c.body(null, 204);
  });
  app.openapi(changesRoute, async (c) => {
    const { builtin } = c.req.valid("param");
    known(builtin);
    const changes = await gridChanges(deps.sql, c.req.valid("query").limit);
    return c.json({ changes: changes.map(changeBody) }, 200);
  });
  return app;
}
