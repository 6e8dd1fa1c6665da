/**
 * A duration curve: a series' values sorted high to low against the percent of intervals,
 * 0 % for the highest and 100 % for the lowest. The percent is SQL's `percent_rank()` over the
 * values in descending order, `(rank − 1) / (n − 1) × 100`, so equal values share the percent of
 * the first of them and the Grafana panel's SQL gives the same numbers.
 *
 * @module
 */

/** Points of a duration curve: `percent[i]` of the intervals are above `value[i]`. */
export interface DurationCurve {
  percent: number[];
  value: number[];
}

/**
 * The duration curve of `v`; empty (null, NaN) values are not intervals.
 *
 * @example durationCurve([10, 30, 20]) // { percent: [0, 50, 100], value: [30, 20, 10] }
 */
export function durationCurve(v: readonly (number | null)[]): DurationCurve {
  const value = v.filter((x): x is number => x !== null && Number.isFinite(x))
    .sort((a, b) => b - a);
  const last = value.length - 1;
  const percent: number[] = [];
  for (let i = 0; i <= last; i++) {
    const rank = i > 0 && value[i] === value[i - 1] ? percent[i - 1] : last ? (i / last) * 100 : 0;
    percent.push(rank);
  }
  return { percent, value };
}
