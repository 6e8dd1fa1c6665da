/**
 * The lines a chart draws for its series: points an answer filled for display
 * (`fill=previous|linear`) get a dashed line of their own beside the solid stored one.
 *
 * @module
 */
import type { DrawnSeries } from "./data.ts";
import { withGaps } from "./axes.ts";

/** One line uPlot draws: a series' stored points, or the stretches filled for display. */
export interface Line {
  series: DrawnSeries;
  /** True for the dashed line of filled stretches. */
  dashed: boolean;
  t: number[];
  v: (number | null)[];
}

/**
 * The lines that draw `series`: one per series, or for a series with filled points (unless
 * stacked, where each series is one column of the stack) its stored points solid and its filled
 * stretches, joined to the stored points on either side, as a second, dashed line.
 *
 * @example linesOf([{ ...s, t: [0, 1, 2], v: [1, 2, 3], filled: [false, true, false] }])
 * // solid v [1, null, 3], dashed v [1, 2, 3]
 */
export function linesOf(series: DrawnSeries[], stacked = false): Line[] {
  return series.flatMap((s): Line[] => {
    const filled = s.filled;
    if (stacked || !filled?.some(Boolean)) {
      const [t, v] = withGaps(s.t, s.v);
      return [{ series: s, dashed: false, t, v }];
    }
    const near = (i: number) => filled[i] || filled[i - 1] === true || filled[i + 1] === true;
    return [
      { series: s, dashed: false, t: s.t, v: s.v.map((x, i) => (filled[i] ? null : x)) },
      { series: s, dashed: true, t: s.t, v: s.v.map((x, i) => (near(i) ? x : null)) },
    ];
  });
}
