/**
 * Waiting: the one default for every injectable `sleep` (retries, rate
 * limits, webhook back-off) and for the short pauses of polling loops.
 *
 * @module
 */

/**
 * Resolves after `ms` milliseconds.
 *
 * @example
 * await sleep(250);
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
