/**
 * Shared pieces of the ingestion end-to-end tests: a mirror of recordings on
 * loopback (with optional faults and a hook before each request), a folder
 * laying out recordings for every feed, ingest dependencies with a fresh HTTP
 * client, and a digest of what ingestion stored.
 *
 * @module
 */
import { createMirror, type MirrorOptions } from "../ingest/mirror.ts";
import { createHttpClient, type HttpClientOptions } from "../ingest/http.ts";
import type { IngestDeps } from "../ingest/job.ts";
import type { FeedId } from "../ingest/feeds/mod.ts";
import type { ReadyDatabase } from "../db/setup.ts";
import type { Sql } from "../db/client.ts";
import { fixturesDir } from "./_fixtures.ts";

/** Feeds with a recording in the fixtures, with the recording the mirror serves. */
export const RECORDED: readonly [FeedId, string][] = [
  ["np6_788", "mis-np6-788-cd"],
  ["np4_188", "mis-np4-188-cd"],
  ["np6_346", "mis-np6-346-cd"],
  ["np3_560", "mis-np3-560-cd"],
  ["np4_732", "mis-np4-732-cd"],
  ["np4_737", "mis-np4-737-cd"],
  ["fuel_mix", "dashboard-fuel-mix/fuel-mix_2025-10-09T0646.json"],
  ["storage", "dashboard-energy-storage-resources"],
  ["system_demand", "dashboard-system-wide-demand/loadForecastVsActual_2024-11-25T0215.json"],
];

const HAND_WRITTEN = new URL("./fixtures/", import.meta.url).pathname;

/** Hand-written recordings, placed where the mirror serves their feed. */
const PLACED: [string, string][] = [
  ["np6_905_fallback_2025-11-02.csv", "mis-np6-905-cd/np6_905_fallback_2025-11-02.csv"],
  ["np4_190_fallback_2025-11-02.csv", "mis-np4-190-cd/np4_190_fallback_2025-11-02.csv"],
  ["supply_demand_2025-11-02.json", "dashboard-supply-demand/supply-demand_2025-11-02T2359.json"],
  ["daily_prc_2025-11-02.json", "dashboard-daily-prc/daily-prc_2025-11-02T2359.json"],
];

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/**
 * Lays out in `dir` the real recordings (when present) and the hand-written
 * files, so a mirror of `dir` serves a payload to every feed.
 */
export async function layOutRecordings(dir: string): Promise<void> {
  const shared = fixturesDir();
  if (shared) await copyTree(shared, dir);
  for (const [file, place] of PLACED) {
    await Deno.mkdir(`${dir}/${place.slice(0, place.lastIndexOf("/"))}`, { recursive: true });
    await Deno.copyFile(`${HAND_WRITTEN}${file}`, `${dir}/${place}`);
  }
}

/** Serves `root` at ERCOT's paths on 127.0.0.1 while `fn` runs; `before` sees each request first. */
export async function withMirror<T>(
  root: string,
  fn: (base: string) => Promise<T>,
  opts: { faults?: MirrorOptions["faults"]; before?: (req: Request) => Promise<void> } = {},
): Promise<T> {
  const mirror = createMirror({ dir: root, faults: opts.faults });
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    await opts.before?.(req);
    return await mirror(req);
  });
  try {
    return await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

/** Ingest dependencies with a new HTTP client, so no poll is refused as too soon. */
export function ingestDeps(
  db: ReadyDatabase,
  base: string,
  http: HttpClientOptions = {},
): IngestDeps {
  return {
    sql: db.db.sql,
    variant: db.migration.variant,
    http: createHttpClient({ retries: 1, baseDelayMs: 1, timeoutMs: 10_000, ...http }),
    ercotBaseUrl: base,
    clock: () => new Date(),
    maxDocumentsPerRun: 1000,
  };
}

/** Observations by series key, ts and value (with their count), and the document ledger. */
export async function ingestChecksum(sql: Sql): Promise<string> {
  const [{ obs, n }] = await sql<{ obs: string; n: number }[]>`
    select md5(coalesce(string_agg(s.key || ':' || o.ts || ':' || o.value, ','
      order by s.key, o.ts), '')) as obs, count(*)::int as n
    from observations o join series s on s.id = o.series_id`;
  const [{ docs }] = await sql<{ docs: string }[]>`
    select md5(coalesce(string_agg(feed || ':' || doc_id || ':' || status || ':' || rows, ','
      order by feed, doc_id), '')) as docs from ingest_documents`;
  return `${n} ${obs} ${docs}`;
}
