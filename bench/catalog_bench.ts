/**
 * Catalog benchmark (issue #24): `GET /api/v1/series` at 3,000+ series with
 * data. Stores a generated NP6-905 document of 3,100 settlement points × 4
 * quarter-hours through the real ingest path (`INGEST_SETTLEMENT_POINTS=all`),
 * then times, in-process with the response cache off, the first page (500
 * series), a prefix search and a word search: p50 and p95 over 200 requests
 * each, with the ratio to the 20 ms p50 target. Runs on PostgreSQL
 * (`DATABASE_URL`, default postgres://postgres@127.0.0.1:5432/postgres, in a
 * scratch database), on TimescaleDB when `TIMESCALEDB_URL` is set, and embedded.
 *
 * Run: `deno task bench catalog`
 *
 * @module
 */
import { zipSync } from "fflate";
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import { parseNp6905 } from "../ingest/feeds/np6_905.ts";
import { storeDocument } from "../ingest/store.ts";
import { createApp } from "../routes/app.ts";
import { composeDeps } from "../routes/compose.ts";
import { createResponseCache } from "../http/cache.ts";
import { createMetrics } from "../metrics.ts";
import { loadConfig } from "../config.ts";

const POINTS = 3100;
const ROUNDS = 200;
const TARGET_MS = 20;
const PLANTS = ["ALVIN", "BRAZOS", "CEDARBLUFF", "DECKER", "ELMCREEK", "FORNEY", "GIBCREEK"];
const UNITS = ["RN", "UNIT1", "UNIT2", "ALL", "G1", "CT1", "ESR1", "PV1", "WND1"];

/** An NP6-905 ZIP of `POINTS` settlement points (hubs, zones, nodes) for one hour. */
function document(): Uint8Array {
  const fixed = [
    ["HB_NORTH", "HU"],
    ["HB_WEST", "HU"],
    ["HB_HOUSTON", "HU"],
    ["LZ_WEST", "LZ"],
    ["LZ_NORTH", "LZ"],
    ["DC_E", "LZ_DC"],
  ];
  const nodes = Array.from({ length: POINTS - fixed.length }, (_, i) => [
    `${PLANTS[i % PLANTS.length]}${Math.floor(i / PLANTS.length)}_${UNITS[i % UNITS.length]}`,
    "RN",
  ]);
  const lines = [
    "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType," +
    "SettlementPointPrice,DSTFlag",
  ];
  for (let interval = 1; interval <= 4; interval++) {
    [...fixed, ...nodes].forEach(([name, type], k) => {
      lines.push(`06/01/2026,13,${interval},${name},${type},${(20 + (k % 400) / 10).toFixed(2)},N`);
    });
  }
  const csv = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  return zipSync({ "cdr.00012301.0000000000000000.20260601.131502.SPPHLZNP6905.csv": csv });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function measure(db: ScratchDatabase, label: string): Promise<void> {
  const observations = parseNp6905(document(), { settlementPoints: "all" });
  const t0 = performance.now();
  await storeDocument(
    { sql: db.db.sql, variant: db.migration.variant },
    { feed: "np6_905", docId: "bench", observations },
  );
  const stored = performance.now() - t0;
  const [{ n }] = await db.db.sql`select count(*)::int as n from series`;
  const deps = composeDeps({
    config: loadConfig({ RATE_LIMIT_ENABLED: "false" }),
    sql: db.db.sql,
    database: db.db.mode,
    capabilities: db.capabilities,
    migration: db.migration,
    startedAt: new Date(),
    clock: () => new Date(),
  }, { cache: createResponseCache({ enabled: false }), metrics: createMetrics() });
  const app = createApp(deps);
  console.log(
    `${label}: ${n} series, ${observations.length} observations stored in ${stored.toFixed(0)} ms`,
  );
  const cases = [
    ["first page (500 of all)", "/api/v1/series"],
    ["prefix search", "/api/v1/series?prefix=spp.rt.alvin1"],
    ["word search", "/api/v1/series?q=unit2%20brazos"],
    ["type and word", "/api/v1/series?type=node&q=gibcreek4"],
  ];
  for (const [name, path] of cases) {
    let body: { count: number; series: unknown[] } = { count: 0, series: [] };
    for (let i = 0; i < 10; i++) body = await (await app.request(path)).json();
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const res = await app.request(path);
      await res.arrayBuffer();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);
    console.log(
      `  ${name.padEnd(24)} ${String(body.series.length).padStart(4)} of ${
        String(body.count).padStart(4)
      }: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms; p50 / ${TARGET_MS} ms target = ${
        (p50 / TARGET_MS).toFixed(2)
      } (${p50 <= TARGET_MS ? "met" : "NOT met"})`,
    );
  }
}

if (import.meta.main) {
  const config = loadConfig(Deno.env.toObject());
  const targets: [string, string | undefined][] = [
    ["PostgreSQL", config.databaseUrl ?? "postgres://postgres@127.0.0.1:5432/postgres"],
    ...(config.timescaledbUrl ? [["TimescaleDB", config.timescaledbUrl] as [string, string]] : []),
    ["embedded (PGlite)", undefined],
  ];
  for (const [label, baseUrl] of targets) {
    const db = await openScratchDatabase({ baseUrl });
    try {
      await measure(db, label);
    } finally {
      await db.close();
    }
  }
}
