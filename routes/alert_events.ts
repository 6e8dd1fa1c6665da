/**
 * The signed-in user's alert history: `GET /api/alerts/events` (filters:
 * rule, state, since, until, acknowledged), `GET /api/alerts/events/{id}`
 * (with its webhook deliveries) and `POST /api/alerts/events/{id}/ack`.
 * Another user's event is a 404, like an unknown id.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  acknowledgeAlertEvent,
  findAlertEvent,
  listAlertEvents,
  listDeliveries,
} from "../db/alert_events.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type DataDeps, parseInstant } from "./_helpers.ts";
import { integerParam } from "./_schemas.ts";
import { IdParam, json, problems } from "./_account_schemas.ts";
import { AlertEventSchema, deliveryBody, DeliverySchema, eventBody } from "./_alert_schemas.ts";
import { needs } from "./middleware/access.ts";
import { userOf } from "./middleware/auth.ts";

const reads = { tags: ["alerts"], ...needs("read") };

const Filters = z.object({
  rule: z.uuid().optional().openapi({ description: "Only this rule's events" }),
  state: z.enum(["firing", "resolved"]).optional(),
  since: z.string().max(40).optional().openapi({
    description: "Events at or after this instant (ISO 8601)",
    example: "2026-01-01T00:00:00Z",
  }),
  until: z.string().max(40).optional().openapi({ description: "Events before this instant" }),
  acknowledged: z.enum(["true", "false"]).optional(),
  limit: integerParam(1, 500, 100),
});

const list = createRoute({
  ...reads,
  method: "get",
  path: "/api/alerts/events",
  summary: "This account's alert events, newest first",
  request: { query: Filters },
  responses: {
    200: json(z.object({ events: z.array(AlertEventSchema) }), "Events"),
    ...problems(400, 401, 403, 429),
  },
});

const one = createRoute({
  ...reads,
  method: "get",
  path: "/api/alerts/events/{id}",
  summary: "One alert event with its webhook deliveries",
  request: { params: IdParam },
  responses: {
    200: json(
      AlertEventSchema.extend({ deliveries: z.array(DeliverySchema) }).openapi("AlertEventDetail"),
      "The event",
    ),
    ...problems(400, 401, 403, 404, 429),
  },
});

const ack = createRoute({
  tags: ["alerts"],
  ...needs("write"),
  method: "post",
  path: "/api/alerts/events/{id}/ack",
  summary: "Acknowledge an alert event (the first acknowledgement is kept)",
  request: { params: IdParam },
  responses: { 200: json(AlertEventSchema, "The event"), ...problems(400, 401, 403, 404, 429) },
});

const notFound = (id: string) => new NotFoundError(`Alert event ${id} not found`);

/** The alert event routes. */
export function alertEventRoutes(deps: DataDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const since = q.since === undefined ? undefined : parseInstant(q.since, "since");
    const until = q.until === undefined ? undefined : parseInstant(q.until, "until");
    if (since && until && since >= until) {
      throw new ValidationError(
        `until ${until.toISOString()} is not after since ${since.toISOString()}`,
        { parameter: "until" },
      );
    }
    const rows = await listAlertEvents(deps.sql, userOf(c).userId, {
      ruleId: q.rule,
      state: q.state,
      since,
      until,
      acknowledged: q.acknowledged === undefined ? undefined : q.acknowledged === "true",
      limit: q.limit,
    });
    return c.json({ events: rows.map(eventBody) }, 200);
  });
  app.openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const row = await findAlertEvent(deps.sql, id, userOf(c).userId);
    if (!row) throw notFound(id);
    const deliveries = await listDeliveries(deps.sql, id);
    return c.json({ ...eventBody(row), deliveries: deliveries.map(deliveryBody) }, 200);
  });
  app.openapi(ack, async (c) => {
    const { id } = c.req.valid("param");
    const row = await acknowledgeAlertEvent(deps.sql, id, userOf(c).userId, deps.clock());
    if (!row) throw notFound(id);
    return c.json(eventBody(row), 200);
  });
  return app;
}
