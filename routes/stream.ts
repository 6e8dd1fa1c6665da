/**
 * `GET /api/v1/stream`: the live feed as Server-Sent Events. Events are
 * `observation` (series, ts, value, ingested_at, lag_seconds), `ingest`
 * (feed, status, rows, series), `alert` and `grid_status`, each with an `id`.
 * `Last-Event-ID` (header, or `?last_event_id=` for a fresh EventSource)
 * resumes with no gap, across restarts, from the stored events. `prefix`
 * filters by series, `types` by event type. A user's `alert` events reach
 * only that user's streams. A heartbeat comment arrives
 * every 15 s. Credentials come in headers; a browser's EventSource, which
 * cannot send any, first gets a single-use ticket from
 * `POST /api/v1/stream/ticket` and passes it as `?ticket=`.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps } from "./deps.ts";
import { json, problems, ProblemSchema } from "../http/schemas.ts";
import { createSseHub, type SseHub, type SseHubOptions, type StreamFilter } from "../http/sse.ts";
import type { EventType } from "../bus/events.ts";
import { ValidationError } from "../domain/errors.ts";
import { principalOf, userOf } from "../http/principal.ts";
import { needs, READS } from "../http/access.ts";
import { mintStreamTicket, STREAM_TICKET_SECONDS } from "../auth/stream_tickets.ts";

const EVENT_TYPES: readonly EventType[] = ["observation", "ingest", "alert", "grid_status"];

/** Where the stream is served, the one path that takes a `?ticket=`. */
export const STREAM_PATH = "/api/v1/stream";

/**
 * The query of the live feed, shared by the SSE stream and the WebSocket:
 * filters, the id to resume after, and a single-use ticket.
 */
export const streamQuery = z.object({
  prefix: z.string().max(200).optional().openapi({
    description: "Only series starting with this",
    example: "spp.rt.",
  }),
  types: z.string().max(200).optional().openapi({
    description: "Comma-separated event types: observation, ingest, alert, grid_status",
  }),
  last_event_id: z.string().max(20).optional().openapi({
    description: "Resume after this id (for clients that cannot send Last-Event-ID)",
  }),
  ticket: z.string().max(100).optional().openapi({
    description: "A single-use ticket from POST /api/v1/stream/ticket, for EventSource and " +
      "browser WebSockets, which cannot send headers",
  }),
});

const route = createRoute({
  method: "get",
  path: STREAM_PATH,
  ...READS,
  tags: ["stream"],
  summary: "Live events (Server-Sent Events) with resume",
  request: {
    query: streamQuery,
  },
  responses: {
    200: {
      content: { "text/event-stream": { schema: z.string() } },
      description: "An endless event stream",
    },
    400: {
      content: { "application/problem+json": { schema: ProblemSchema } },
      description: "Bad filter or id",
    },
    401: {
      content: { "application/problem+json": { schema: ProblemSchema } },
      description: "Reads need a signed-in caller (REQUIRE_AUTH_FOR_READS)",
    },
  },
});

const ticketRoute = createRoute({
  method: "post",
  path: `${STREAM_PATH}/ticket`,
  ...needs("read"),
  tags: ["stream"],
  summary: `A single-use ticket for the stream, valid ${STREAM_TICKET_SECONDS} s`,
  description: "For EventSource, which cannot send headers: open " +
    "`/api/v1/stream?ticket=<ticket>` with it. It acts as the credential that asked for it.",
  responses: {
    201: json(
      z.object({
        ticket: z.string(),
        expires_at: z.string().openapi({ format: "date-time" }),
        expires_in: z.number().int().openapi({ description: "Seconds the ticket stays valid" }),
      }).openapi("StreamTicket"),
      "The ticket",
    ),
    ...problems(401, 403, 429),
  },
});

function parseTypes(text: string | undefined): ReadonlySet<EventType> | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const types = text.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = types.find((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (bad) {
    throw new ValidationError(
      `types "${bad}" is not one of ${EVENT_TYPES.join(", ")}`,
      { parameter: "types" },
    );
  }
  return new Set(types as EventType[]);
}

/**
 * The filter and resume point a live-feed request asks for; throws
 * {@link ValidationError} naming a bad `types` or event id.
 */
export function streamRequest(
  c: Context,
  q: z.infer<typeof streamQuery>,
): { filter: StreamFilter; lastEventId?: number } {
  const filter: StreamFilter = {
    prefix: q.prefix || undefined,
    types: parseTypes(q.types),
    userId: principalOf(c).userId,
  };
  return { filter, lastEventId: parseLastEventId(c, q.last_event_id) };
}

function parseLastEventId(c: Context, query: string | undefined): number | undefined {
  const [value, parameter] = query !== undefined
    ? [query, "last_event_id"]
    : [c.req.header("last-event-id"), "Last-Event-ID"];
  if (value === undefined || value.trim() === "") return undefined;
  if (!/^\d{1,15}$/.test(value.trim())) {
    throw new ValidationError(`${parameter} "${value}" is not an event id`, { parameter });
  }
  return Number(value.trim());
}

/**
 * The stream route and the hub behind it (`hub.size` feeds the
 * `sse_subscribers` gauge).
 */
export function streamRoutes(
  deps: AppDeps,
  opts: SseHubOptions = {},
): { app: OpenAPIHono; hub: SseHub } {
  const hub = createSseHub(deps.bus, opts);
  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    const { filter, lastEventId } = streamRequest(c, c.req.valid("query"));
    const body = await hub.open(filter, lastEventId);
    return c.body(body, 200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    });
  });
  app.openapi(ticketRoute, async (c) => {
    const { ticket, expiresAt } = await mintStreamTicket(deps.sql, userOf(c), deps.clock());
    return c.json({
      ticket,
      expires_at: expiresAt.toISOString(),
      expires_in: STREAM_TICKET_SECONDS,
    }, 201);
  });
  return { app, hub };
}
