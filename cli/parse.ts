/**
 * `deno task parse [--resource-nodes] <feed-id> <file>`: runs one feed's
 * parser on a recorded payload and prints NDJSON `{"series","ts","value"}`,
 * one observation per line, sorted by series then `ts` (UTC, ISO 8601 with
 * `Z`). No database needed.
 *
 * Exit codes: 0 on success, 1 for an unknown feed id, an unreadable file or
 * a parse failure, 2 for bad usage; failures print one line on stderr.
 *
 * @example deno task parse np3_560 ../shared/fixtures/ercot/mis-np3-560-cd/cdr….zip
 *
 * @module
 */
import { AppError } from "../domain/errors.ts";
import { FEED_IDS, FEEDS, isFeedId } from "../ingest/feeds/mod.ts";
import type { Observation } from "../ingest/types.ts";

const USAGE = `usage: deno task parse [--resource-nodes] <feed-id> <file>  (feed ids: ${
  FEED_IDS.join(", ")
})`;

/** Outcome of a CLI run: what to print and the exit code. */
export interface ParseRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Observations as NDJSON lines, sorted by series then ts. */
export function toNdjson(observations: Observation[]): string {
  const sorted = observations.toSorted((a, b) =>
    a.series < b.series ? -1 : a.series > b.series ? 1 : a.ts.getTime() - b.ts.getTime()
  );
  return sorted
    .map((o) => JSON.stringify({ series: o.series, ts: o.ts.toISOString(), value: o.value }) + "\n")
    .join("");
}

/**
 * Runs the command on `args` with `readFile` for input; pure apart from the
 * read, so the caller decides how to print and exit.
 */
export async function runParse(
  args: string[],
  readFile: (path: string) => Promise<Uint8Array>,
): Promise<ParseRun> {
  const resourceNodes = args.includes("--resource-nodes");
  const rest = args.filter((a) => a !== "--resource-nodes");
  if (rest.length !== 2 || rest.some((a) => a.startsWith("-"))) {
    return { stdout: "", stderr: USAGE, code: 2 };
  }
  const [id, path] = rest;
  if (!isFeedId(id)) {
    return {
      stdout: "",
      stderr: `Unknown feed id "${id}" (known: ${FEED_IDS.join(", ")})`,
      code: 1,
    };
  }
  try {
    const bytes = await readFile(path);
    const fileName = path.split("/").pop();
    return {
      stdout: toNdjson(FEEDS[id].parse(bytes, { fileName, resourceNodes })),
      stderr: "",
      code: 0,
    };
  } catch (e) {
    if (e instanceof AppError) return { stdout: "", stderr: `${e.name}: ${e.message}`, code: 1 };
    if (e instanceof Deno.errors.NotFound) {
      return { stdout: "", stderr: `Cannot read "${path}": no such file`, code: 1 };
    }
    return { stdout: "", stderr: `Cannot parse "${path}": ${(e as Error).message}`, code: 1 };
  }
}

if (import.meta.main) {
  const run = await runParse(Deno.args, (path) => Deno.readFile(path));
  if (run.stdout) await Deno.stdout.write(new TextEncoder().encode(run.stdout));
  if (run.stderr) console.error(run.stderr);
  Deno.exit(run.code);
}
