/**
 * Process-level guards against a lost database connection: the one error
 * postgres.js can throw where no caller can catch it, and connection errors
 * nobody awaited, are logged instead of ending the process. Anything else
 * still ends it, as before.
 *
 * @module
 */
import { isConnectionLost } from "./client.ts";
import { log as logger } from "../log/logger.ts";

/**
 * Whether `err` is postgres.js writing to a connection that has already
 * closed (`Cannot read properties of null (reading 'write')` in `nextWrite`,
 * porsager/postgres#1066, #1154): thrown from a timer, after the statement
 * concerned has been rejected with `CONNECTION_CLOSED`.
 */
export function isClosedSocketWrite(err: unknown): boolean {
  if (!(err instanceof TypeError)) return false;
  const stack = err.stack ?? "";
  return /reading 'write'/.test(err.message) && /nextWrite/.test(stack) &&
    /postgres/.test(stack);
}

/**
 * Installs the guards; returns the function that removes them.
 *
 * @example
 * guardProcess({ log: console.error });
 */
export function guardProcess(opts: { log?: (line: string) => void } = {}): () => void {
  const log = opts.log ?? ((line: string) => logger.warn(line));
  const onError = (e: ErrorEvent) => {
    if (!isClosedSocketWrite(e.error)) return;
    e.preventDefault();
    log("database: a write to a closed connection was dropped (its statement already failed)");
  };
  const onRejection = (e: PromiseRejectionEvent) => {
    if (!isConnectionLost(e.reason)) return;
    e.preventDefault();
    const reason = e.reason as { code?: string; message?: string };
    log(`database: connection lost (${reason.code}): ${reason.message ?? ""}`.trim());
  };
  globalThis.addEventListener("error", onError);
  globalThis.addEventListener("unhandledrejection", onRejection);
  return () => {
    globalThis.removeEventListener("error", onError);
    globalThis.removeEventListener("unhandledrejection", onRejection);
  };
}
