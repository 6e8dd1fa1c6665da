/**
 * Small assertions shared by the feed tests.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Observation } from "../ingest/types.ts";

/** Asserts `fn` throws an instance of `type` whose message contains every fragment; returns it. */
export function assertThrowsWith<E extends Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  type: new (...args: any[]) => E,
  ...fragments: string[]
): E {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof type, `expected ${type.name}, got ${caught}`);
  for (const f of fragments) {
    assert.ok(caught.message.includes(f), `message "${caught.message}" lacks "${f}"`);
  }
  return caught;
}

/** One series as `[ISO ts, value]` pairs sorted by time. */
export function seriesOf(observations: Observation[], series: string): [string, number][] {
  return observations.filter((o) => o.series === series)
    .sort((a, b) => a.ts.getTime() - b.ts.getTime())
    .map((o) => [o.ts.toISOString(), o.value]);
}

/** The distinct series keys, sorted. */
export function seriesKeys(observations: Observation[]): string[] {
  return [...new Set(observations.map((o) => o.series))].sort();
}

/** Asserts no series has two observations at one instant. */
export function assertNoDuplicateInstants(observations: Observation[]): void {
  const seen = new Set<string>();
  for (const o of observations) {
    const key = `${o.series} ${o.ts.toISOString()}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
  }
}
