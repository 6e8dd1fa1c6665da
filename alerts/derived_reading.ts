/**
 * Readings of alert conditions on derived series (`dart.hb_north`, `spread.lz_west.hb_west`,
 * `netload`, `grid.condition`, …): the same newest value, window aggregates and staleness a stored
 * series gives, read through the derived series' SQL (db/derived.ts, via `readStatement`) rather
 * than from `observations` by series id. An instant where an input is missing has no derived value,
 * so a rule never judges a partial difference.
 *
 * Stored series are read without a horizon; a derived one is computed over the last
 * {@link DERIVED_LOOKBACK_MS} (plus the condition's window): a derived series with no value in
 * the last 7 days reads as having none.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { planLevel, readStatement } from "../db/query.ts";
import { toFragment } from "../db/statement.ts";
import { type DerivedSeries, derivedSeries } from "../domain/derived.ts";
import { durationMs } from "../domain/duration.ts";
import type { StaleReading, ThresholdCondition, ThresholdReading } from "./rules.ts";

/** How far back a derived series' newest value is looked for. */
export const DERIVED_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Whether a rule reading `keys` must be evaluated after a write to `written` (by `feed`): one of
 * its derived series is computed from a written key, or (the grid condition) from the feed.
 */
export function readsDerivedOf(
  keys: readonly string[],
  written: ReadonlySet<string>,
  feed?: string,
): boolean {
  return keys.some((k) => {
    const d = derivedSeries(k);
    if (!d) return false;
    if (d.inputs.some((i) => written.has(i))) return true;
    return feed !== undefined && d.inputs.length === 0 && d.feeds.includes(feed);
  });
}

/** The derived points `(t, v)`, newest first, with `t` in `(now - span, now]`. */
async function newestFirst(
  tx: Sql,
  d: DerivedSeries,
  now: Date,
  spanMs: number,
): Promise<{ t: number; v: number }[]> {
  const start = new Date(now.getTime() - spanMs);
  const end = new Date(now.getTime() + 1);
  const plan = planLevel(d.interval, start, end, "raw", Number.MAX_SAFE_INTEGER);
  const { points } = readStatement({ key: d.key }, plan, {
    agg: "avg",
    start,
    end,
    maxPoints: Math.max(2, plan.estimate),
  });
  const rows = await tx<{ t: number; v: number }[]>`
    select t::float8 as t, v::float8 as v from (${toFragment(tx, points)}) p
    where v is not null order by t desc`;
  return rows.filter((r) => r.t > start.getTime());
}

function aggregate(agg: "avg" | "min" | "max", values: number[]): number | null {
  if (values.length === 0) return null;
  if (agg === "min") return Math.min(...values);
  if (agg === "max") return Math.max(...values);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * A threshold condition's reading on a derived series: its newest value at or before `now` (or
 * `agg` over the window ending there) and the same one value earlier, as for a stored series.
 */
export async function readDerivedThreshold(
  tx: Sql,
  c: ThresholdCondition,
  d: DerivedSeries,
  now: Date,
): Promise<ThresholdReading> {
  const w = c.agg === "last" || !c.window ? 0 : durationMs(c.window)!;
  const points = await newestFirst(tx, d, now, DERIVED_LOOKBACK_MS + w);
  const [newest, before] = points;
  if (!newest) return { value: null, previous: null, at: null };
  const at = new Date(newest.t);
  if (c.agg === "last" || !c.window) {
    return { value: newest.v, previous: before?.v ?? null, at };
  }
  const agg = c.agg;
  const prevEnd = (before ?? newest).t;
  const within = (lo: number, hi: number) =>
    points.filter((p) => p.t > lo && p.t <= hi).map((p) => p.v);
  return {
    value: aggregate(agg, within(newest.t - w, newest.t)),
    previous: before ? aggregate(agg, within(prevEnd - w, prevEnd)) : null,
    at,
  };
}

/** A stale condition's reading on a derived series: the end of its newest value's interval. */
export async function readDerivedStale(
  tx: Sql,
  d: DerivedSeries,
  now: Date,
): Promise<StaleReading> {
  const [newest] = await newestFirst(tx, d, now, DERIVED_LOOKBACK_MS);
  return { newestEnd: newest ? new Date(newest.t + d.interval * 1000) : null };
}
