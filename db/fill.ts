/**
 * Filling gaps for display: the instants missing from an answer's grid between its first and last
 * point, carried forward (`previous`) or interpolated by time (`linear`), each flagged as filled.
 * Pure, over an answer's columns; stored data is never changed and nothing is extrapolated past the
 * first or last point.
 *
 * The grid steps by the answer's width (the level's bucket, or the native interval for raw) in
 * UTC, so a fall-back day has 25 hourly instants and a spring-forward day 23; a width of a day or
 * more steps by Central calendar days (1d buckets start at Central midnight, 23, 24 or 25 h apart).
 *
 * @module
 */
import { addCentralDays, centralDateOf, centralDayStart } from "../domain/central.ts";

/** How gaps are filled. */
export type Fill = "none" | "previous" | "linear";

/** Every fill method, for validation. */
export const FILLS: readonly Fill[] = ["none", "previous", "linear"];

/** Columns of one answer; `t` in epoch milliseconds, ascending. */
export interface Columns {
  t: number[];
  v: number[];
}

/** Columns with a flag per point: true where the point was filled, not stored. */
export interface FilledColumns extends Columns {
  filled: boolean[];
}

/** Options of {@link fillGaps}. */
export interface FillOptions {
  /** How to fill (none: the columns as they are, every flag false). */
  method: Fill;
  /** Grid step in seconds: the level's bucket width, or the native interval for raw. */
  widthSeconds: number;
}

const DAY_SECONDS = 86_400;

/**
 * The columns with every missing grid instant between two points filled and flagged.
 *
 * @example
 * fillGaps({ t: [0, 3_600_000 * 2], v: [10, 30] }, { method: "linear", widthSeconds: 3600 });
 * // { t: [0, 3600000, 7200000], v: [10, 20, 30], filled: [false, true, false] }
 */
export function fillGaps(columns: Columns, options: FillOptions): FilledColumns {
  const { t, v } = columns;
  if (!(options.widthSeconds > 0)) {
    throw new RangeError(`Fill width ${options.widthSeconds} s must be positive`);
  }
  if (options.method === "none" || t.length < 2) {
    return { t, v, filled: t.map(() => false) };
  }
  const next = stepper(options.widthSeconds);
  // A grid instant counts as missing only when at least half a step from the next point, so a
  // point recorded a little late does not gain a filled twin just before it.
  const slack = options.widthSeconds * 500;
  const out: FilledColumns = { t: [t[0]], v: [v[0]], filled: [false] };
  for (let i = 1; i < t.length; i++) {
    const [t0, v0, t1, v1] = [t[i - 1], v[i - 1], t[i], v[i]];
    for (let g = next(t0); g <= t1 - slack; g = next(g)) {
      out.t.push(g);
      out.v.push(options.method === "previous" ? v0 : v0 + (v1 - v0) * (g - t0) / (t1 - t0));
      out.filled.push(true);
    }
    out.t.push(t1);
    out.v.push(v1);
    out.filled.push(false);
  }
  return out;
}

/** The grid instant after `ms`: a fixed UTC step, or the next Central midnight for days. */
function stepper(widthSeconds: number): (ms: number) => number {
  if (widthSeconds < DAY_SECONDS) return (ms) => ms + widthSeconds * 1000;
  const days = Math.round(widthSeconds / DAY_SECONDS);
  return (ms) => centralDayStart(addCentralDays(centralDateOf(new Date(ms)), days)).getTime();
}
