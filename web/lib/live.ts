/**
 * The live feed (`GET /api/v1/stream`, Server-Sent Events) shared by every
 * view: one EventSource while anything listens. EventSource cannot send
 * headers, and credentials never go in a URL, so a signed-in browser first
 * asks `POST /api/v1/stream/ticket` for a single-use ticket and passes it as
 * `?ticket=`; when the connection drops, it reopens with a fresh ticket and
 * `last_event_id`, so no event is missed.
 *
 * @module
 */
import { accessToken, currentUser } from "./auth.ts";
import { query } from "./api.ts";
import { client, ok } from "./client.ts";
import { createStore } from "./store.ts";

/** Event types of the live feed. */
export type LiveType = "observation" | "ingest" | "alert" | "grid_status";

/** One event: its type and parsed payload. */
export interface LiveEvent {
  type: LiveType;
  data: Record<string, unknown>;
}

/** Connection state, for the live indicator. */
export const liveStatus = createStore<"connecting" | "open" | "down">("connecting");

const TYPES: LiveType[] = ["observation", "ingest", "alert", "grid_status"];
const listeners = new Set<(e: LiveEvent) => void>();
let source: EventSource | null = null;
let lastId: string | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

async function open(): Promise<void> {
  const mine = ++generation;
  const signedIn = await accessToken().then(Boolean, () => false);
  const ticket = signedIn
    ? await ok(client.POST("/api/v1/stream/ticket"))
      .then((t) => t.ticket, () => null)
    : null;
  if (mine !== generation || listeners.size === 0) return;
  liveStatus.set("connecting");
  const es = new EventSource(`/api/v1/stream${query({ ticket, last_event_id: lastId })}`);
  source = es;
  es.onopen = () => liveStatus.set("open");
  es.onerror = () => {
    es.close();
    if (source !== es) return;
    source = null;
    liveStatus.set("down");
    retry = setTimeout(() => void open(), 3000);
  };
  for (const type of TYPES) {
    es.addEventListener(type, (m: MessageEvent) => {
      lastId = m.lastEventId || lastId;
      const event = { type, data: JSON.parse(m.data) };
      for (const fn of [...listeners]) fn(event);
    });
  }
}

function close(): void {
  generation++;
  clearTimeout(retry);
  source?.close();
  source = null;
}

/**
 * Calls `fn` for every live event until the returned function is called.
 *
 * @example
 * useEffect(() => subscribeLive((e) => e.type === "ingest" && reload()), []);
 */
export function subscribeLive(fn: (e: LiveEvent) => void): () => void {
  listeners.add(fn);
  if (!source && listeners.size === 1) void open();
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0) close();
  };
}

currentUser.subscribe(() => {
  if (listeners.size === 0) return;
  close();
  void open();
});
