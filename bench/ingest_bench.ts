/**
 * Ingest benchmark (issue: ERCOT ingestion): one generated NP6-905-CD day,
 * 1,000 settlement points × 96 intervals (mostly RN resource nodes plus every
 * hub, load zone, energy-weighted zone and DC tie), zipped as ERCOT serves it,
 * parsed with resource nodes on (96,000 rows) and stored with `storeDocument`.
 *
 * Printed: rows/s for parse alone, store alone (median of 3 days), end to end
 * (parse, then store; median of 3 days) and overlapped (5 days as a backfill
 * takes them: each parsed on the parse worker's thread while the one before is
 * stored) on PostgreSQL, each against the target (≥ 100,000 rows/s) and
 * against a raw `COPY` of the same rows into `observations` on the same
 * server; then the embedded database's figures as ratios to PostgreSQL. Every
 * day after the first writes into a database that already holds the days
 * before (the steady state: series exist); the first day, which also creates
 * the 1,000 series, is printed too.
 *
 * Run: `deno run -A bench/ingest_bench.ts` (DATABASE_URL names the server to
 * create scratch databases on; default postgres://postgres@127.0.0.1:5432/postgres).
 *
 * @module
 */
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import { ensureSeries } from "../db/series.ts";
import { loadConfig } from "../config.ts";
import { parseNp6905 } from "../ingest/feeds/np6_905.ts";
import { seriesDef, storeDocument } from "../ingest/store.ts";
import type { Observation } from "../ingest/types.ts";
import { generateDay, POINTS } from "./_np6905.ts";
import { startParseWorker } from "../ingest/parse_worker.ts";
import { pipeline } from "../util/pipeline.ts";

const TARGET = 100_000;
/** Days 1–4 for the first day and store alone, 5–7 end to end, 8–12 overlapped. */
const DAYS = Array.from({ length: 12 }, (_, i) => `06/${10 + i}/2025`);

const parse = (zip: Uint8Array) => parseNp6905(zip, { resourceNodes: true });

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, (performance.now() - t0) / 1000];
}

/** Rows per second of storing `observations` as document `docId`. */
async function storeRate(db: ScratchDatabase, docId: string, obs: Observation[]) {
  const deps = { sql: db.db.sql, variant: db.migration.variant };
  const [result, s] = await timed(() =>
    storeDocument(deps, { feed: "np6_905", docId, observations: obs })
  );
  if (result.inserted !== obs.length) throw new Error(`Stored ${result.inserted} of ${obs.length}`);
  return obs.length / s;
}

/** Store and end-to-end figures on one database. */
interface StoreFigures {
  /** First day, which also creates the series. */
  first: number;
  /** A further day from parsed observations. */
  store: number;
  /** A further day from the ZIP: parse + store. */
  endToEnd: number;
  /** Further days from their ZIPs as a backfill takes them: each parsed on the parse worker while the one before is stored. */
  overlapped: number;
}

async function measureStore(
  baseUrl: string | undefined,
  zips: Uint8Array[],
): Promise<StoreFigures> {
  const db = await openScratchDatabase({ baseUrl });
  try {
    const first = await storeRate(db, "day-1", parse(zips[0]));
    const stores: number[] = [];
    for (let i = 1; i < 4; i++) stores.push(await storeRate(db, `day-${i + 1}`, parse(zips[i])));
    const deps = { sql: db.db.sql, variant: db.migration.variant };
    const ends: number[] = [];
    for (let i = 4; i < 7; i++) {
      const [rows, s] = await timed(async () => {
        const observations = parse(zips[i]);
        await storeDocument(deps, { feed: "np6_905", docId: `day-${i + 1}`, observations });
        return observations.length;
      });
      ends.push(rows / s);
    }
    const parser = startParseWorker();
    try {
      await parser.parse("np6_905", zips[0], { settlementPoints: "all" }); // the thread's start-up
      const rest = zips.slice(7);
      const [rows, s] = await timed(async () => {
        let rows = 0;
        // As a backfill stores its documents (ingest/backfill.ts): the same two stages.
        await pipeline(
          rest,
          (zip) => parser.parse("np6_905", zip, { settlementPoints: "all" }),
          async (observations, _zip, i) => {
            await storeDocument(deps, { feed: "np6_905", docId: `day-${i + 8}`, observations });
            rows += observations.length;
          },
        );
        return rows;
      });
      return { first, store: median(stores), endToEnd: median(ends), overlapped: rows / s };
    } finally {
      parser.close();
    }
  } finally {
    await db.close();
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Rows per second of a raw `COPY` of `obs` into `observations`, series created beforehand. */
async function copyRate(baseUrl: string, obs: Observation[]): Promise<number> {
  const db = await openScratchDatabase({ baseUrl });
  try {
    const sql = db.db.sql;
    const keys = [...new Set(obs.map((o) => o.series))];
    const ids = await ensureSeries(sql, keys.map((k) => seriesDef(k, "np6_905")));
    const [, s] = await timed(async () => {
      const text = obs.map((o) => `${ids.get(o.series)}\t${o.ts.toISOString()}\t${o.value}\n`)
        .join("");
      const stream = await sql`copy observations (series_id, ts, value) from stdin`.writable();
      await new Promise<void>((resolve, reject) => {
        stream.on("error", reject);
        stream.on("finish", resolve);
        stream.end(text);
      });
    });
    return obs.length / s;
  } finally {
    await db.close();
  }
}

/** Median rows per second of parsing `zip`, over `runs` runs. */
async function parseRate(zip: Uint8Array, runs = 5): Promise<{ rows: number; rate: number }> {
  const rates: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const [obs, s] = await timed(() => parse(zip));
    rows = obs.length;
    rates.push(rows / s);
  }
  return { rows, rate: median(rates) };
}

if (import.meta.main) {
  const base = loadConfig(Deno.env.toObject()).databaseUrl ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const zips = DAYS.map((d, i) => generateDay(d, i));
  const parsed = await parseRate(zips[1]);
  const pg = await measureStore(base, zips);
  const copy = await copyRate(base, parse(zips[1]));
  const em = await measureStore(undefined, zips);
  const f = (n: number) => Math.round(n).toLocaleString("en-US");
  const x = (n: number) => n.toFixed(2);
  const vsTarget = (n: number) => `(target ≥ ${f(TARGET)}: ×${x(n / TARGET)})`;
  console.log(
    `ingest bench: NP6-905 day, ${f(POINTS)} settlement points × 96 intervals = ` +
      `${f(parsed.rows)} rows; ZIP ${f(zips[1].byteLength / 1024)} KiB`,
  );
  console.log(`parse alone                ${f(parsed.rate)} rows/s`);
  console.log(`postgres store alone       ${f(pg.store)} rows/s  ${vsTarget(pg.store)}`);
  console.log(`postgres end to end        ${f(pg.endToEnd)} rows/s  ${vsTarget(pg.endToEnd)}`);
  console.log(
    `postgres overlapped        ${f(pg.overlapped)} rows/s  ${
      vsTarget(pg.overlapped)
    } (5 days as a backfill takes them)`,
  );
  console.log(`postgres first day         ${f(pg.first)} rows/s  (creates the series)`);
  console.log(`postgres COPY, same rows   ${f(copy)} rows/s`);
  console.log(`postgres store / COPY      ${x(pg.store / copy)}`);
  console.log(`postgres end to end / COPY ${x(pg.endToEnd / copy)}`);
  console.log(`postgres overlapped / COPY ${x(pg.overlapped / copy)}`);
  console.log(
    `embedded store alone       ${f(em.store)} rows/s  (${x(em.store / pg.store)} × postgres)`,
  );
  console.log(
    `embedded end to end        ${f(em.endToEnd)} rows/s  (${
      x(em.endToEnd / pg.endToEnd)
    } × postgres)`,
  );
  console.log(
    `embedded first day         ${f(em.first)} rows/s  (${x(em.first / pg.first)} × postgres)`,
  );
}
