/**
 * Read replica benchmark (issue #24, "the same reads through a streaming
 * replica"): a private PostgreSQL 15 primary and `pg_basebackup` standby on
 * loopback ports (`dev/standby.ts`), migrated and loaded with a year of
 * 15-minute data for a few series, then the same uncached API reads
 * in-process through `DATABASE_READ_URL` (the standby) and through the
 * primary, alternating, each read's p50 and p99 printed with the ratio. Also
 * prints how long the standby took to replay the load. The scale reads
 * (cross-section, top 10, one node's raw rows) run over 14 days of generated
 * NP6-905 documents of 1,000 settlement points, stored through `storeDocument`.
 *
 * Run: `deno run -A bench/replica_bench.ts`
 *
 * @module
 */
import { prepareDatabase, type ReadyDatabase } from "../db/setup.ts";
import { ensureSeries } from "../db/series.ts";
import { writeObservations } from "../db/observations.ts";
import { openReadPool, primaryReads, type ReadPool, type ReadSql } from "../db/read_pool.ts";
import { createApp } from "../routes/app.ts";
import { composeDeps } from "../routes/compose.ts";
import { createResponseCache } from "../http/cache.ts";
import { createMetrics } from "../metrics.ts";
import { createEventBus } from "../bus/events.ts";
import { loadConfig } from "../config.ts";
import { standbyUnavailable, startStandbyCluster } from "../dev/standby.ts";
import { parseNp6905 } from "../ingest/feeds/np6_905.ts";
import { storeDocument } from "../ingest/store.ts";
import { generateDay } from "./_np6905.ts";

const SERIES = 8;
const DAYS = 365;
const START = Date.parse("2025-01-01T06:00:00Z");
const ROUNDS = 5;
const PER_ROUND = 40;

const READS: [string, string][] = [
  [
    "one series, a year, auto resolution (1,000 points)",
    "/api/v1/observations?series=spp.rt.hb_west&start=2025-01-01&end=2026-01-01",
  ],
  [
    "one series, a week raw (672 points)",
    "/api/v1/observations?series=spp.rt.hb_west&start=2025-06-01&end=2025-06-08&resolution=raw",
  ],
  [
    "four series, a day raw, CSV",
    "/api/v1/observations?series=spp.rt.hb_west,spp.rt.bench_1,spp.rt.bench_2,spp.rt.bench_3" +
    "&start=2025-06-01&end=2025-06-02&resolution=raw&format=csv",
  ],
  ["the series catalog with first/last", "/api/v1/series?prefix=spp.rt."],
  [
    "cross-section, 1,000 points at one instant",
    "/api/v1/cross-section?family=spp.rt&at=2025-02-05T18:00:00Z",
  ],
  [
    "top 10 by average over a day (96,000 rows)",
    "/api/v1/cross-section/top?family=spp.rt&start=2025-02-05&end=2025-02-06&n=10",
  ],
  [
    "one node, 14 days raw (1,344 points)",
    "/api/v1/observations?series=spp.rt.alvin0_rn&start=2025-02-01&end=2025-02-15&resolution=raw",
  ],
];

/** Days of generated 1,000-point NP6-905 documents the scale reads run over. */
const SCALE_DAYS = 14;

async function loadPoints(ready: ReadyDatabase): Promise<number> {
  const deps = { sql: ready.db.sql, variant: ready.migration.variant };
  let n = 0;
  for (let d = 0; d < SCALE_DAYS; d++) {
    const day = `02/${String(d + 1).padStart(2, "0")}/2025`;
    const observations = parseNp6905(generateDay(day, d), { settlementPoints: "all" });
    await storeDocument(deps, { feed: "np6_905", docId: `scale-${d}`, observations });
    n += observations.length;
  }
  return n;
}

async function load(ready: ReadyDatabase): Promise<number> {
  const defs = Array.from({ length: SERIES }, (_, i) => ({
    key: i === 0 ? "spp.rt.hb_west" : `spp.rt.bench_${i}`,
    name: `Bench ${i}`,
    unit: "$/MWh",
    intervalSeconds: 900,
    feed: "np6_905",
  }));
  const ids = [...(await ensureSeries(ready.db.sql, defs)).values()];
  let n = 0;
  for (const id of ids) {
    const rows = Array.from({ length: DAYS * 96 }, (_, i) => ({
      seriesId: id,
      ts: new Date(START + i * 900_000),
      value: 25 + (i % 97) * 0.37 + id,
    }));
    await writeObservations(ready.db.sql, rows, { variant: ready.migration.variant });
    n += rows.length;
  }
  return n;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function main(): Promise<void> {
  const why = standbyUnavailable();
  if (why) {
    console.log(`skipped: ${why}`);
    return;
  }
  const cluster = await startStandbyCluster();
  let ready: ReadyDatabase | undefined;
  let pool: ReadPool | undefined;
  try {
    ready = await prepareDatabase({ databaseUrl: cluster.primaryUrl, dataDir: "" });
    const loadStart = performance.now();
    const rows = await load(ready) + await loadPoints(ready);
    await ready.db.sql`vacuum analyze`;
    const loaded = performance.now();
    const [{ lsn }] = await ready.db.sql<{ lsn: string }[]>`
      select pg_current_wal_lsn()::text as lsn`;
    pool = await openReadPool({
      primary: ready.db.sql,
      urls: [cluster.standbyUrl],
      log: { info: () => {}, warn: (m) => console.log(`warning: ${m}`) },
    });
    for (;;) {
      const [{ done }] = await pool.run((sql) =>
        sql<
          { done: boolean }[]
        >`select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as done`
      );
      if (done) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const replayed = performance.now();
    console.log(
      `load: ${
        rows.toLocaleString("en-US")
      } rows (${SERIES} series x ${DAYS} days of 15-minute data, and ${SCALE_DAYS} days of ` +
        `1,000 settlement points) ` +
        `in ${((loaded - loadStart) / 1000).toFixed(1)} s (vacuum included); standby caught up ` +
        `${((replayed - loaded) / 1000).toFixed(2)} s after`,
    );
    const config = loadConfig({ RATE_LIMIT_ENABLED: "false" });
    const bus = createEventBus({ sql: ready.db.sql, mode: "postgres" });
    const appOver = (readSql: ReadSql) =>
      createApp(composeDeps({
        config,
        sql: ready!.db.sql,
        database: "postgres",
        capabilities: ready!.capabilities,
        migration: ready!.migration,
        startedAt: new Date(),
        clock: () => new Date("2026-01-02T00:00:00Z"),
      }, {
        bus,
        readSql,
        cache: createResponseCache({ enabled: false }),
        metrics: createMetrics(),
      }));
    const apps = { standby: appOver(pool), primary: appOver(primaryReads(ready.db.sql)) };
    const [{ r }] = await pool.run((sql) => sql<{ r: boolean }[]>`select pg_is_in_recovery() as r`);
    if (!r) throw new Error("the read pool does not read the standby");
    for (const [what, url] of READS) {
      const times = { standby: [] as number[], primary: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (
          const side of round % 2
            ? ["primary", "standby"] as const
            : ["standby", "primary"] as const
        ) {
          for (let i = 0; i < PER_ROUND + (round === 0 ? 5 : 0); i++) {
            const t0 = performance.now();
            const res = await apps[side].request(url);
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
            if (round > 0 || i >= 5) times[side].push(performance.now() - t0);
          }
        }
      }
      const s = times.standby.sort((a, b) => a - b), p = times.primary.sort((a, b) => a - b);
      const [s50, p50] = [percentile(s, 0.5), percentile(p, 0.5)];
      console.log(
        `${what}: standby p50 ${s50.toFixed(2)} ms, p99 ${percentile(s, 0.99).toFixed(2)} ms; ` +
          `primary p50 ${p50.toFixed(2)} ms, p99 ${percentile(p, 0.99).toFixed(2)} ms; ` +
          `standby/primary p50 ${(s50 / p50).toFixed(2)} (${s.length} reads each)`,
      );
    }
    await bus.close();
  } finally {
    await pool?.close();
    await ready?.db.close().catch(() => {});
    await cluster.close();
  }
}

if (import.meta.main) await main();
