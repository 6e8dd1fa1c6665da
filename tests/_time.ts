/**
 * An injected clock for tests: time moves only when slept on or advanced, and
 * every sleep is recorded, so retries, backoff and rate limits run instantly.
 *
 * @module
 */

/** The instant every fake clock starts at unless told otherwise. */
export const FAKE_START: number = Date.parse("2025-01-01T00:00:00Z");

/** A clock with `now`, `sleep` (recorded in `sleeps`) and `advance`. */
export function fakeTime(start: number = FAKE_START) {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: (ms: number) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
    advance: (ms: number) => void (t += ms),
  };
}
