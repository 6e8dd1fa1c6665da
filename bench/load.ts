/**
 * Load test of the data API: the real server (`bench/_server.ts`) with the
 * recordings ingested, each target hammered by `wrk` (`apt-get install -y
 * wrk`) for `--seconds` (10) over `--connections` (32). Prints req/s, p99 and
 * errors per target; the lowest req/s is the measured capacity.
 *
 * Run: `deno run -A bench/load.ts [--seconds 10] [--connections 32]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startBenchServer, TARGETS, wrk } from "./_server.ts";

/** Measures every target; resolves with the capacity (lowest req/s). */
export async function measureCapacity(
  url: string,
  opts: { seconds: number; connections: number },
): Promise<number> {
  let capacity = Infinity;
  for (const path of TARGETS) {
    const r = await wrk(`${url}${path}`, opts);
    console.log(
      `${path.padEnd(96)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99}  errors ${r.errors}`,
    );
    capacity = Math.min(capacity, r.rps);
  }
  return capacity;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "32" },
    },
  });
  const server = await startBenchServer();
  try {
    const capacity = await measureCapacity(server.url, {
      seconds: Number(values.seconds),
      connections: Number(values.connections),
    });
    console.log(`capacity (slowest target): ${capacity.toFixed(0)} req/s`);
  } finally {
    await server.stop();
  }
}
