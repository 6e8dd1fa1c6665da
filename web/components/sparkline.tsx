/**
 * A tiny line of recent values drawn as SVG (no axes), for tiles.
 *
 * @module
 */

/** The sparkline of `v` over `t`; nothing with fewer than two points. */
export function Sparkline({ t, v }: { t: number[]; v: number[] }) {
  if (t.length < 2) return null;
  const [t0, t1] = [t[0], t[t.length - 1]];
  let lo = Infinity, hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const span = hi - lo || 1;
  const points = t.map((x, i) =>
    `${((x - t0) / (t1 - t0 || 1) * 100).toFixed(2)},${(28 - (v[i] - lo) / span * 26).toFixed(2)}`
  ).join(" ");
  return (
    <svg class="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true">
      <polyline points={points} vector-effect="non-scaling-stroke" />
    </svg>
  );
}
