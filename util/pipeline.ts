/**
 * Two stages over a list, overlapped: the next item is prepared (downloaded and parsed on the
 * parse worker's thread, say) while the current one is consumed (stored). Backfill runs its
 * documents this way, and the ingest benchmarks call the same function so that they measure what
 * a backfill does.
 *
 * @module
 */

/** How the stages went. */
export interface PipelineTimes {
  /** Milliseconds the consumer spent waiting for a prepared item: preparation not hidden. */
  waitedMs: number;
}

/**
 * Calls `consume` on each item's `prepare`d value, in order, with the next item's `prepare`
 * already under way. `prepare` runs at most one item ahead. A failed preparation is thrown at its
 * item's turn, never before and never unhandled; a failed `consume` (or `check`, called before
 * each item, e.g. to stop on a signal) stops the run with that error, and a preparation then
 * left under way is abandoned.
 *
 * @example
 * await pipeline(docs, (d) => parser.parse(d.feed, d.bytes), (obs) => store(obs));
 */
export async function pipeline<T, P>(
  items: readonly T[],
  prepare: (item: T) => Promise<P>,
  consume: (prepared: P, item: T, index: number) => Promise<void>,
  opts: { check?: () => void } = {},
): Promise<PipelineTimes> {
  const times = { waitedMs: 0 };
  const start = (i: number) => {
    const p = prepare(items[i]);
    // Awaited at its turn; until then (or if the run stops first) its failure is not unhandled.
    p.catch(() => {});
    return p;
  };
  let next = items.length > 0 ? start(0) : undefined;
  for (let i = 0; i < items.length; i++) {
    opts.check?.();
    const waited = performance.now();
    const prepared = await next!;
    times.waitedMs += performance.now() - waited;
    next = i + 1 < items.length ? start(i + 1) : undefined;
    await consume(prepared, items[i], i);
  }
  return times;
}
