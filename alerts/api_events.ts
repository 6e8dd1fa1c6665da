/**
 * The signed-in user's alert history: `GET /api/alerts/events` (filters:
 * rule, state, since, until, acknowledged), `GET /api/alerts/events/{id}`
 * (with its webhook deliveries), `POST /api/alerts/events/{id}/ack`, and
 * `GET /api/alerts/events/{id}/ack-link` (public: the signed link's
 * signature is the credential).
 * Another user's event is a 404, like an unknown id.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  acknowledgeAlertEvent,
  acknowledgeByLink,
  findAlertEvent,
  listAlertEvents,
  listDeliveries,
} from "./events_store.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.ts";
import { checkAckLink } from "./ack_link.ts";
import { loadJwtSecret } from "../auth/tokens.ts";
import { parseInstant } from "../http/params.ts";
import type { Sql } from "../db/client.ts";
import type { Config } from "../config.ts";
import { IdParam, integerParam, json, problems } from "../http/schemas.ts";
import { AlertEventSchema, deliveryBody, DeliverySchema, eventBody } from "./api_bodies.ts";
import { needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";

/** What the event routes need: the database, the clock and the secret signing ack links. */
export interface EventsApiDeps {
  sql: Sql;
  clock: () => Date;
  config: Pick<Config, "jwtSecret">;
}

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
  path: "/events",
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
  path: "/events/{id}",
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
  path: "/events/{id}/ack",
  summary: "Acknowledge an alert event (the first acknowledgement is kept)",
  request: { params: IdParam },
  responses: { 200: json(AlertEventSchema, "The event"), ...problems(400, 401, 403, 404, 429) },
});

const ackByLink = createRoute({
  tags: ["alerts"],
  method: "get",
  path: "/events/{id}/ack-link",
  summary: "Acknowledge an alert event through the signed link a notification carries",
  description: "Works without signing in until the link expires (seven days after the event)",
  request: {
    params: IdParam,
    query: z.object({
      exp: z.string().regex(/^\d{1,12}$/).openapi({ description: "Expiry, unix seconds" }),
      sig: z.string().regex(/^[0-9a-fA-F]{64}$/).openapi({ description: "HMAC-SHA256, hex" }),
    }),
  },
  responses: {
    200: json(
      z.object({ id: z.uuid(), acknowledged_at: z.string() }).openapi("AlertAcknowledged"),
      "Acknowledged (the first acknowledgement is kept)",
    ),
    ...problems(400, 403, 404, 429),
  },
});

const notFound = (id: string) => new NotFoundError(`Alert event ${id} not found`);

/** The alert event routes. */
export function alertEventRoutes(deps: EventsApiDeps): OpenAPIHono {
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
  app.openapi(ackByLink, async (c) => {
    const { id } = c.req.valid("param");
    const { exp, sig } = c.req.valid("query");
    const secret = await loadJwtSecret(deps.sql, deps.config.jwtSecret, () => {});
    const verdict = await checkAckLink(secret, id, Number(exp), sig, deps.clock());
    if (verdict !== "ok") {
      throw new ForbiddenError(
        verdict === "expired"
          ? `Acknowledge link for alert event ${id} expired at ${
            new Date(Number(exp) * 1000).toISOString()
          }`
          : `Acknowledge link for alert event ${id} is not valid`,
      );
    }
    const row = await acknowledgeByLink(deps.sql, id, deps.clock());
    if (!row) throw notFound(id);
    return c.json({ id: row.id, acknowledged_at: row.acknowledged_at!.toISOString() }, 200);
  });
  return app;
}
