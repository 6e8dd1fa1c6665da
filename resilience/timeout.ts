/**
 * Deadlines: run an operation with an `AbortSignal` that fires after a number
 * of milliseconds, and give up at that moment even when the operation ignores
 * the signal.
 *
 * @module
 */

/** The error a deadline rejects with; `name` is `"TimeoutError"` as for `AbortSignal.timeout()`. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
  /** The deadline that passed, in milliseconds. */
  readonly ms: number;

  constructor(ms: number) {
    super(`Timed out after ${ms} ms`);
    this.ms = ms;
  }
}

/**
 * Runs `run(signal)` and settles as it does, unless `ms` milliseconds pass
 * first: then `signal` is aborted (its reason a {@linkcode TimeoutError}) and
 * the returned promise rejects with that error at once. An `outer` signal
 * aborts the run too, rejecting with its reason.
 *
 * @example
 * const res = await withTimeout(10_000, (signal) => fetch(url, { signal }));
 */
export function withTimeout<T>(
  ms: number,
  run: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  if (!(ms > 0)) throw new RangeError(`Timeout ${ms} ms is not a positive number of ms`);
  const controller = new AbortController();
  const { promise: stopped, reject } = Promise.withResolvers<never>();
  const abort = (reason: unknown) => {
    controller.abort(reason);
    reject(reason);
  };
  const timer = setTimeout(() => abort(new TimeoutError(ms)), ms);
  const onOuter = () => abort(outer!.reason);
  if (outer?.aborted) onOuter();
  outer?.addEventListener("abort", onOuter, { once: true });
  const running = Promise.resolve().then(() => run(controller.signal));
  // Whichever loses the race must not surface as an unhandled rejection.
  running.catch(() => {});
  stopped.catch(() => {});
  return Promise.race([running, stopped]).finally(() => {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuter);
  });
}
