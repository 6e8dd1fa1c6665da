/**
 * One short line for why something failed, as the messages of the database
 * client, the data-dir lock, the event bus and ingestion quote it: a known
 * code in words (`connection refused (ECONNREFUSED)`), a file-system error in
 * words (`permission denied`), otherwise the first line of the message with
 * its code when the message does not already name it (`boom (P0001)`).
 *
 * @module
 */

const CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  ETIMEDOUT: "timed out",
  CONNECT_TIMEOUT: "timed out",
  "28P01": "password authentication failed",
  "28000": "authentication rejected",
  "3D000": "database does not exist",
};

const FILE_ERRORS: [new (...args: never[]) => Error, string][] = [
  [Deno.errors.PermissionDenied, "permission denied"],
  [Deno.errors.NotADirectory, "a part of the path is not a folder"],
  [Deno.errors.AlreadyExists, "a part of the path is not a folder"],
  [Deno.errors.NotFound, "no such folder"],
];

/**
 * The cause of `err` in one line.
 *
 * @example
 * describeCause(Object.assign(new Error("connect failed"), { code: "ECONNREFUSED" }));
 * // "connection refused (ECONNREFUSED)"
 */
export function describeCause(err: unknown): string {
  for (const [type, words] of FILE_ERRORS) if (err instanceof type) return words;
  const e = err as { code?: unknown; errno?: unknown; message?: unknown } | undefined;
  const code = e?.code ?? e?.errno;
  if (typeof code === "string" && CODES[code]) return `${CODES[code]} (${code})`;
  const message = String(e?.message ?? err).split("\n")[0];
  return code && !message.includes(String(code)) ? `${message} (${code})` : message;
}
