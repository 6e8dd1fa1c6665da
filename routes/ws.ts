/**
 * `GET /api/v1/ws`: the live feed over a WebSocket, for clients that prefer
 * one to Server-Sent Events. It carries the same events as `/api/v1/stream`
 * from the same hub (same filters, same per-user `alert` events, same bounded
 * queue, same resume), each as one JSON text message
 * `{"id": 42, "type": "observation", "data": {…}}`; a resume whose start was
 * pruned first gets `{"type": "reset", "data": {after, oldest, reason}}`.
 * Browsers cannot set headers on a WebSocket, so `last_event_id` and `ticket`
 * come as query parameters; other clients may send Authorization or
 * X-API-Key (and Last-Event-ID). Messages from the client are ignored.
 *
 * @module
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { SseHub } from "../http/sse.ts";
import { ProblemSchema } from "../http/schemas.ts";
import { READS } from "../http/access.ts";
import { problem } from "../http/problem.ts";
import { streamQuery, streamRequest } from "./stream.ts";
import { log } from "../log/logger.ts";
import { sleep } from "../util/sleep.ts";

/** Where the WebSocket is served; like the stream, it takes a `?ticket=`. */
export const WS_PATH = "/api/v1/ws";

const problemJson = (description: string) => ({
  content: { "application/problem+json": { schema: ProblemSchema } },
  description,
});

const route = createRoute({
  method: "get",
  path: WS_PATH,
  ...READS,
  tags: ["stream"],
  summary: "Live events over a WebSocket, with resume",
  description: "Open with a WebSocket client (`Upgrade: websocket`). Each event is one text " +
    'message `{"id", "type", "data"}`, the `data` of the SSE stream. Resume with ' +
    "`?last_event_id=`; a browser authenticates with `?ticket=` from " +
    "POST /api/v1/stream/ticket, never `?access_token=`.",
  request: { query: streamQuery },
  responses: {
    101: { description: "Switching to the WebSocket protocol" },
    400: problemJson("Bad filter or id"),
    401: problemJson("Reads need a signed-in caller (REQUIRE_AUTH_FOR_READS)"),
    426: problemJson("Not a WebSocket handshake"),
  },
});

/** Options of {@link wsRoutes}. */
export interface WsOptions {
  /** Bytes the socket may have unsent before reading from the hub pauses (1 MiB). */
  maxBufferedBytes?: number;
}

/** The WebSocket route over the stream's hub. */
export function wsRoutes(hub: SseHub, opts: WsOptions = {}): OpenAPIHono {
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    const { filter, lastEventId } = streamRequest(c, c.req.valid("query"));
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      return problem(
        c,
        426,
        "Upgrade required",
        `${WS_PATH} speaks WebSocket only: send Upgrade: websocket, or read /api/v1/stream`,
      ) as never;
    }
    const events = await hub.open(filter, lastEventId);
    // Upgrading closes the request to header look-ups, and middleware reads
    // headers after the handler: reading them all now keeps Deno's copy.
    void [...c.req.raw.headers];
    const { socket, response } = Deno.upgradeWebSocket(c.req.raw, { idleTimeout: 60 });
    pipe(events, socket, maxBuffered).catch((err) =>
      log.error("WebSocket feed failed", { error: err })
    );
    return response as never;
  });
  return app;
}

const decoder = new TextDecoder();

/**
 * The WebSocket message of one hub message, or undefined for the SSE-only
 * preamble and heartbeats (the socket has its own pings). The `data` line is
 * already JSON, so it is spliced in rather than parsed again.
 */
export function toMessage(bytes: Uint8Array): string | undefined {
  let id: string | undefined;
  let type: string | undefined;
  let data: string | undefined;
  for (const line of decoder.decode(bytes).split("\n")) {
    if (line.startsWith("id: ")) id = line.slice(4);
    else if (line.startsWith("event: ")) type = line.slice(7);
    else if (line.startsWith("data: ")) data = line.slice(6);
  }
  if (type === undefined || data === undefined) return undefined;
  const head = id === undefined ? "" : `"id":${Number(id)},`;
  return `{${head}"type":${JSON.stringify(type)},"data":${data}}`;
}

/**
 * Sends the hub's messages to the socket until either side ends. While the
 * socket has more than `maxBuffered` bytes unsent, reading pauses, so a
 * client that stops reading fills its hub queue and is dropped like an SSE
 * one (closed with 1008).
 */
async function pipe(events: ReadableStream<Uint8Array>, socket: WebSocket, maxBuffered: number) {
  const reader = events.getReader();
  const open = new Promise<boolean>((resolve) => {
    socket.addEventListener("open", () => resolve(true), { once: true });
    socket.addEventListener("close", () => resolve(false), { once: true });
  });
  socket.addEventListener("close", () => void reader.cancel().catch(() => {}), { once: true });
  if (!(await open)) return;
  try {
    while (socket.readyState === WebSocket.OPEN) {
      const { value, done } = await reader.read();
      if (done) break;
      const message = toMessage(value);
      if (message !== undefined && socket.readyState === WebSocket.OPEN) socket.send(message);
      while (socket.bufferedAmount > maxBuffered && socket.readyState === WebSocket.OPEN) {
        await sleep(10);
      }
    }
    if (socket.readyState === WebSocket.OPEN) socket.close(1001, "The server is shutting down");
  } catch {
    if (socket.readyState === WebSocket.OPEN) {
      socket.close(1008, "The client stopped reading and was dropped");
    }
  }
}
