/**
 * Fills in the live-data parts of {@link AppDeps} that a caller left out
 * (event bus, response cache, metrics registry) and wires them together: the
 * cache listens to the bus, and `/metrics` reports SSE subscribers and cache use.
 *
 * @module
 */
import type { AppDeps } from "./deps.ts";
import type { DataDeps } from "./deps.ts";
import type { SseHub } from "../http/sse.ts";
import { createEventBus } from "../bus/events.ts";
import { metrics as processMetrics } from "../metrics.ts";
import { createResponseCache } from "../http/cache.ts";

/**
 * The deps with a bus (over `sql`), a 64 MiB cache and the process-wide
 * metrics registry where none were given; the cache is attached to the bus.
 */
export function liveDeps(deps: AppDeps): DataDeps {
  const bus = deps.bus ?? createEventBus({ sql: deps.sql, mode: deps.database });
  const cache = deps.cache ?? createResponseCache();
  cache.attach(bus);
  return { ...deps, bus, cache, metrics: deps.metrics ?? processMetrics };
}

/** Registers the gauges read at scrape time: SSE subscribers and cache use. */
export function collectLiveMetrics(deps: DataDeps, hub: SseHub): void {
  const m = deps.metrics;
  m.collect("sse_subscribers", "Open Server-Sent Events streams", "gauge", () => [[{}, hub.size]]);
  m.collect(
    "sse_dropped_total",
    "SSE subscribers dropped for not reading",
    "counter",
    () => [[{}, hub.dropped]],
  );
  m.collect("api_cache_entries", "Responses kept in memory", "gauge", () => [
    [{}, deps.cache.stats().entries],
  ]);
  m.collect("api_cache_bytes", "Bytes of responses kept in memory", "gauge", () => [
    [{}, deps.cache.stats().bytes],
  ]);
  m.collect("api_cache_lookups_total", "Cache lookups by result", "counter", () => {
    const s = deps.cache.stats();
    return [[{ result: "hit" }, s.hits], [{ result: "miss" }, s.misses]];
  });
}
