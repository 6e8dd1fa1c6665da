/**
 * Parsing documents on a second thread. A backfill stores one document while
 * the next is parsed; on the main thread the parse (JavaScript) would hold up
 * the store's statements, so it runs in a `Worker` and the two use both cores.
 * The observations come back as columns in transferred buffers, not as
 * 100,000 cloned objects.
 *
 * A document fault (`ParseError`, `SchemaChangedError`) keeps its class and
 * message across the thread; anything else arrives as a plain `Error`.
 *
 * @module
 */
import { type FeedId, FEEDS } from "./feeds/mod.ts";
import type { ParseOptions } from "./feeds/helpers.ts";
import type { Observation } from "./types.ts";
import { ParseError, SchemaChangedError } from "../domain/errors.ts";

interface Request {
  id: number;
  feed: FeedId;
  bytes: Uint8Array;
  opts: ParseOptions;
}

/** Observations as columns: `series[k]` is `keys[index[k]]`, a NaN time is none. */
interface Columns {
  keys: string[];
  points: (string | undefined)[];
  index: Uint32Array;
  ts: Float64Array;
  values: Float64Array;
  published: Float64Array;
}

type Reply =
  | { id: number; columns: Columns }
  | { id: number; fault: "parse" | "schema" | "other"; message: string };

function toColumns(obs: Observation[]): Columns {
  const keys: string[] = [], points: (string | undefined)[] = [];
  const byKey = new Map<string, number>();
  const index = new Uint32Array(obs.length);
  const ts = new Float64Array(obs.length), values = new Float64Array(obs.length);
  const published = new Float64Array(obs.length);
  obs.forEach((o, k) => {
    let i = byKey.get(o.series);
    if (i === undefined) {
      byKey.set(o.series, i = keys.length);
      keys.push(o.series);
      points.push(o.point);
    }
    index[k] = i;
    ts[k] = o.ts.getTime();
    values[k] = o.value;
    published[k] = o.publishedAt ? o.publishedAt.getTime() : NaN;
  });
  return { keys, points, index, ts, values, published };
}

function fromColumns(c: Columns): Observation[] {
  const out: Observation[] = new Array(c.index.length);
  for (let k = 0; k < c.index.length; k++) {
    const i = c.index[k];
    const o: Observation = { series: c.keys[i], ts: new Date(c.ts[k]), value: c.values[k] };
    if (!Number.isNaN(c.published[k])) o.publishedAt = new Date(c.published[k]);
    if (c.points[i] !== undefined) o.point = c.points[i];
    out[k] = o;
  }
  return out;
}

function reply(req: Request): Reply {
  try {
    return { id: req.id, columns: toColumns(FEEDS[req.feed].parse(req.bytes, req.opts)) };
  } catch (err) {
    const fault = err instanceof SchemaChangedError
      ? "schema"
      : err instanceof ParseError
      ? "parse"
      : "other";
    return { id: req.id, fault, message: (err as Error).message ?? String(err) };
  }
}

/** Parses documents of any feed on one worker thread, in the order asked. */
export interface ParseWorker {
  parse(feed: FeedId, bytes: Uint8Array, opts: ParseOptions): Promise<Observation[]>;
  /** Stops the thread; parses still pending are rejected. */
  close(): void;
}

/**
 * Starts a parse worker. Its parses match `FEEDS[feed].parse` exactly, as
 * tests/ingest/parse_worker_test.ts checks.
 *
 * @example
 * const worker = startParseWorker();
 * try { await worker.parse("np6_905", zip, { fileName }); } finally { worker.close(); }
 */
export function startParseWorker(): ParseWorker {
  const worker = new Worker(import.meta.url, { type: "module" });
  const pending = new Map<
    number,
    { resolve: (o: Observation[]) => void; reject: (e: Error) => void }
  >();
  let next = 0;
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const r = e.data;
    const waiter = pending.get(r.id);
    if (!waiter) return;
    pending.delete(r.id);
    if ("columns" in r) return waiter.resolve(fromColumns(r.columns));
    waiter.reject(
      r.fault === "schema"
        ? new SchemaChangedError(r.message, [], [])
        : r.fault === "parse"
        ? new ParseError(r.message)
        : new Error(r.message),
    );
  };
  worker.onerror = (e) => {
    e.preventDefault();
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`Parse worker failed: ${e.message}`));
    }
    pending.clear();
  };
  return {
    parse(feed, bytes, opts) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, feed, bytes, opts } satisfies Request);
      });
    },
    close() {
      worker.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error("Parse worker closed"));
      pending.clear();
    },
  };
}

// Inside the worker: answer each document as it comes.
// deno-lint-ignore no-explicit-any
const scope = globalThis as any;
if (typeof scope.WorkerGlobalScope !== "undefined" && scope instanceof scope.WorkerGlobalScope) {
  scope.onmessage = (e: MessageEvent<Request>) => {
    const r = reply(e.data);
    const transfer = "columns" in r
      ? [
        r.columns.index.buffer,
        r.columns.ts.buffer,
        r.columns.values.buffer,
        r.columns.published.buffer,
      ]
      : [];
    scope.postMessage(r, transfer);
  };
}
