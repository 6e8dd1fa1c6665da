/**
 * The live-data gauges `/metrics` reads at scrape time: SSE subscribers and
 * response-cache use.
 *
 * @module
 */
import type { AppDeps } from "./deps.ts";
import type { SseHub } from "../http/sse.ts";

/** Registers the gauges read at scrape time: SSE subscribers and cache use. */
export function collectLiveMetrics(deps: Pick<AppDeps, "metrics" | "cache">, hub: SseHub): void {
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
