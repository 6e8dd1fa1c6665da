/**
 * Axis ranges that stay sane for sparse data: a chart spans the window it was
 * asked for, and a lone instant gets a readable span around it instead of the
 * years uPlot would otherwise pad it with.
 *
 * @module
 */

/** Half the span drawn around a single instant when no window is given: one hour. */
const LONE_PAD_S = 3600;

/**
 * The x range in epoch seconds: the window when given and non-empty, else the data's own
 * span, widened around a single instant so one point never stretches the axis over years.
 */
export function xRange(
  min: number | null,
  max: number | null,
  window?: [number, number],
): readonly [number, number] {
  if (window && window[1] > window[0]) return [window[0] / 1000, window[1] / 1000] as const;
  if (min === null || max === null) {
    const now = Date.now() / 1000;
    return [now - 86_400, now] as const;
  }
  if (max - min < 1) return [min - LONE_PAD_S, max + LONE_PAD_S] as const;
  return [min, max] as const;
}

/**
 * A series' columns with its line broken where points lie far apart: a null one median step
 * after any step over three times the median (days without data are not drawn as a straight
 * line across them). Series of fewer than three points are returned as they are.
 */
export function withGaps(t: number[], v: number[]): [number[], (number | null)[]] {
  if (t.length < 3) return [t, v];
  const steps = t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  if (!(median > 0)) return [t, v];
  const outT: number[] = [], outV: (number | null)[] = [];
  for (let i = 0; i < t.length; i++) {
    if (i > 0 && t[i] - t[i - 1] > 3 * median) {
      outT.push(t[i - 1] + median);
      outV.push(null);
    }
    outT.push(t[i]);
    outV.push(v[i]);
  }
  return [outT, outV];
}
