/**
 * `deno task mirror --dir <recordings> [--port P]`: serves recorded ERCOT
 * payloads at ERCOT's URL paths on 127.0.0.1 (default port 8081). Point
 * `ERCOT_BASE_URL` and `ERCOT_API_BASE_URL` (`…/api/public-reports`) at it.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { createMirror } from "./mirror.ts";

const USAGE = "Usage: deno task mirror --dir <recordings> [--port P]";

/** Reads `--dir` and `--port`; throws a one-line message on bad usage. */
export function parseMirrorArgs(args: string[]): { dir: string; port: number } {
  let values: { dir?: string; port?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { dir: { type: "string" }, port: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message.split("\n")[0]}. ${USAGE}`);
  }
  if (!values.dir) throw new Error(`Missing --dir. ${USAGE}`);
  const port = Number(values.port ?? 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid --port "${values.port}": expected 0-65535. ${USAGE}`);
  }
  return { dir: values.dir, port };
}

if (import.meta.main) {
  try {
    const { dir, port } = parseMirrorArgs(Deno.args);
    const handler = createMirror({ dir });
    Deno.serve({
      port,
      hostname: "127.0.0.1",
      onListen: ({ hostname, port }) =>
        console.log(`Mirror of ${dir} listening on http://${hostname}:${port}/`),
    }, handler);
  } catch (err) {
    console.error((err as Error).message);
    Deno.exit(2);
  }
}
