/**
 * Test data and readers shared by the route tests: series seeded through
 * `ensureSeries` + `writeObservations`, and a Server-Sent Events reader.
 *
 * @module
 */
import { ensureSeries } from "../db/series.ts";
import { writeObservations } from "../db/observations.ts";
import { publishWrite } from "../bus/publish.ts";
import type { EventBus } from "../bus/events.ts";
import type { TestDatabase } from "./_db.ts";

/** One seeded series. */
export interface SeedSpec {
  key: string;
  /** Interval, seconds (900). */
  interval?: number;
  unit?: string;
  feed?: string;
  /** First instant, ISO. */
  start: string;
  /** Observations. */
  n: number;
  value?: (i: number) => number;
}

/** Registers the series and writes `n` observations `interval` apart; returns the series id. */
export async function seed(db: TestDatabase, spec: SeedSpec): Promise<number> {
  const interval = spec.interval ?? 900;
  const ids = await ensureSeries(db.db.sql, [{
    key: spec.key,
    name: spec.key,
    unit: spec.unit ?? "$/MWh",
    intervalSeconds: interval,
    feed: spec.feed ?? "np6_905",
  }]);
  const id = ids.get(spec.key)!;
  const t0 = Date.parse(spec.start);
  const rows = Array.from({ length: spec.n }, (_, i) => ({
    seriesId: id,
    ts: new Date(t0 + i * interval * 1000),
    value: spec.value ? spec.value(i) : i,
  }));
  if (rows.length) await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
  return id;
}

/**
 * Writes one observation of a seeded series and publishes the write on the
 * bus as ingestion does, which invalidates cached answers involving it.
 */
export async function writeAndPublish(
  db: TestDatabase,
  bus: EventBus,
  w: { key: string; feed: string; ts: string; value: number },
): Promise<void> {
  const [{ id }] = await db.db.sql<{ id: number }[]>`select id from series where key = ${w.key}`;
  const ts = new Date(w.ts);
  await writeObservations(db.db.sql, [{ seriesId: id, ts, value: w.value }], {
    variant: db.migration.variant,
  });
  await publishWrite(bus, {
    feed: w.feed,
    rows: [{ series: w.key, ts, value: w.value }],
    ingestedAt: new Date(),
  });
}

/** One parsed SSE message (a comment has only `comment`). */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

/** Reads SSE messages from a response body. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const pending: SseMessage[] = [];
  const parse = (block: string): SseMessage => {
    const m: SseMessage = {};
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) m.comment = line.slice(1).trim();
      else {
        const at = line.indexOf(":");
        const field = line.slice(0, at) as keyof SseMessage;
        m[field] = line.slice(at + 1).trimStart();
      }
    }
    return m;
  };
  return {
    /** The next `n` messages that pass `keep` (default: events with an id). */
    async next(n: number, keep = (m: SseMessage) => m.id !== undefined, timeoutMs = 5000) {
      const out: SseMessage[] = [];
      const deadline = Date.now() + timeoutMs;
      while (out.length < n) {
        const m = pending.shift();
        if (m) {
          if (keep(m)) out.push(m);
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`Timed out with ${out.length} of ${n} SSE messages`);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Timed out with ${out.length} of ${n} SSE messages`)),
            left,
          );
        });
        const chunk = await Promise.race([reader.read(), timeout]).finally(() =>
          clearTimeout(timer)
        );
        if (chunk.done) throw new Error(`The stream ended after ${out.length} of ${n} messages`);
        buffer += decoder.decode(chunk.value, { stream: true });
        const blocks = buffer.split("\n\n");
        buffer = blocks.pop()!;
        pending.push(...blocks.filter(Boolean).map(parse));
      }
      return out;
    },
    read: () => reader.read(),
    cancel: () => reader.cancel(),
  };
}
