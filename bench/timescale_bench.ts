/**
 * TimescaleDB against plain PostgreSQL, same machine, same data, one run
 * (issue 16). Each figure is printed for both and as a ratio TimescaleDB ÷
 * plain:
 *
 * 1. Upsert of a generated NP6-905 day (1,000 settlement points × 96 =
 *    96,000 rows) with `storeDocument` (on TimescaleDB including the
 *    continuous-aggregate refresh after commit), into a database already
 *    holding a first day; median of five days, the two databases taking
 *    turns. Target ratio ≥ 0.9. A replay of a stored day (nothing changes) too,
 *    median of three.
 * 2. A year of 15-minute data for 20 series (702,720 rows) written in twelve
 *    monthly writes, then on TimescaleDB every chunk compressed: rows/s of
 *    the whole, and bytes per stored value of `observations` (table, indexes
 *    and TOAST; on TimescaleDB `hypertable_size`, compressed chunks included).
 *    Target: compressed ≤ 1/10 of plain.
 * 3. One series over that year through `queryObservations`: raw (M4 to 1,000
 *    points, reading every row, from compressed chunks on TimescaleDB) and
 *    auto (the daily rollup); p50 of 40. Target raw p50 ≤ plain's.
 *
 * Background policies are paused on the TimescaleDB scratch databases so
 * that only the benchmark's own work is timed.
 *
 * Run: `deno run -A bench/timescale_bench.ts`. Plain PostgreSQL is
 * DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres);
 * TimescaleDB is TIMESCALEDB_URL, else the cluster `../shared/tools/timescaledb
 * start` runs.
 *
 * @module
 */
import { loadConfig } from "../config.ts";
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import { ensureSeries } from "../db/series.ts";
import { type ObservationRow, writeObservations } from "../db/observations.ts";
import { queryObservations, type Resolution } from "../db/query.ts";
import { parseNp6905 } from "../ingest/feeds/np6_905.ts";
import { storeDocument } from "../ingest/store.ts";
import { generateDay, POINTS } from "./_np6905.ts";

const DAYS = ["06/10/2025", "06/11/2025", "06/12/2025", "06/13/2025", "06/14/2025", "06/15/2025"];
const YEAR_SERIES = 20;
const YEAR_START = Date.parse("2024-01-01T06:00:00Z");
const YEAR_ROWS = 366 * 96;
const QH = 900_000;

async function timescaleUrl(): Promise<string> {
  const given = loadConfig(Deno.env.toObject()).timescaledbUrl;
  if (given) return given;
  const tool = new URL("../../shared/tools/timescaledb", import.meta.url).pathname;
  const out = await new Deno.Command(tool, { args: ["start"], stderr: "inherit" }).output();
  if (!out.success) throw new Error(`Cannot start TimescaleDB with ${tool}; set TIMESCALEDB_URL`);
  return new TextDecoder().decode(out.stdout).trim();
}

async function open(baseUrl: string, timescale: boolean): Promise<ScratchDatabase> {
  const db = await openScratchDatabase({ baseUrl });
  if ((db.migration.variant === "timescale") !== timescale) {
    await db.close();
    throw new Error(`${baseUrl} gave the ${db.migration.variant} path; expected the other one`);
  }
  if (timescale) {
    await db.db.sql`select alter_job(job_id, scheduled => false) from timescaledb_information.jobs
      where hypertable_schema is not null`;
  }
  return db;
}

async function seconds<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, (performance.now() - t0) / 1000];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rows/s of storing days 2..6 on both databases in turn, and of replaying day 2 (medians). */
async function upserts(plainUrl: string, tsdbUrl: string) {
  const docs = DAYS.map((d, i) => parseNp6905(generateDay(d, i), { resourceNodes: true }));
  const dbs = [await open(plainUrl, false), await open(tsdbUrl, true)];
  try {
    const store = async (db: ScratchDatabase, day: number, docId: string) => {
      const deps = { sql: db.db.sql, variant: db.migration.variant };
      const [r, s] = await seconds(() =>
        storeDocument(deps, { feed: "np6_905", docId, observations: docs[day] })
      );
      if (r.refreshError) throw new Error(r.refreshError);
      return docs[day].length / s;
    };
    for (const db of dbs) await store(db, 0, "day-1");
    const rates: number[][] = [[], []];
    for (let day = 1; day < DAYS.length; day++) {
      for (const [k, db] of dbs.entries()) rates[k].push(await store(db, day, `day-${day + 1}`));
    }
    const replays: number[][] = [[], []];
    for (let round = 0; round < 3; round++) {
      for (const [k, db] of dbs.entries()) {
        replays[k].push(await store(db, 1, `day-2 again ${round}`));
      }
    }
    const ratios = rates[1].map((r, i) => r / rates[0][i]);
    return { rows: docs[1].length, store: rates.map(median), replay: replays.map(median), ratios };
  } finally {
    for (const db of dbs) await db.close();
  }
}

/** A year of 15-minute prices for `ids`: a two-decimal random walk with rare spikes. */
function yearOfPrices(ids: number[]): ObservationRow[][] {
  const months: ObservationRow[][] = Array.from({ length: 12 }, () => []);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (const id of ids) {
    let price = 30;
    for (let i = 0; i < YEAR_ROWS; i++) {
      price = Math.max(-20, price + (random() - 0.5) * 3 + (30 - price) * 0.02);
      const value = random() < 0.002 ? price * 20 : price;
      months[Math.min(11, Math.floor(i / (YEAR_ROWS / 12)))].push({
        seriesId: id,
        ts: new Date(YEAR_START + i * QH),
        value: Math.round(value * 100) / 100,
      });
    }
  }
  return months;
}

/** Writes (and on TimescaleDB compresses) the year; returns rows/s, bytes/value and query p50s. */
async function year(db: ScratchDatabase) {
  const sql = db.db.sql;
  const defs = Array.from({ length: YEAR_SERIES }, (_, i) => ({
    key: `spp.rt.year_${i}`,
    name: `Year ${i}`,
    unit: "$/MWh",
    intervalSeconds: 900,
    feed: "np6_905",
  }));
  const ids = [...(await ensureSeries(sql, defs)).values()];
  const months = yearOfPrices(ids);
  const [, write] = await seconds(async () => {
    for (const rows of months) {
      const r = await writeObservations(sql, rows, { variant: db.migration.variant });
      if (r.refreshError) throw new Error(r.refreshError);
    }
  });
  const timescale = db.migration.variant === "timescale";
  const [, compress] = timescale
    ? await seconds(() =>
      sql`select count(compress_chunk(c, if_not_compressed => true))
        from show_chunks('observations') c`
    )
    : [null, 0];
  await sql`analyze`;
  const rows = months.reduce((n, m) => n + m.length, 0);
  const [{ bytes }] = timescale
    ? await sql`select hypertable_size('observations')::float8 as bytes`
    : await sql`select pg_total_relation_size('observations')::float8 as bytes`;
  const p50 = async (resolution: Resolution) => {
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const [[s], t] = await seconds(() =>
        queryObservations(sql, {
          keys: ["spp.rt.year_7"],
          start: new Date(YEAR_START),
          end: new Date(YEAR_START + YEAR_ROWS * QH),
          resolution,
          maxPoints: 1000,
        })
      );
      if (s.t.length === 0 || s.t.length > 1000) throw new Error(`${s.t.length} points`);
      times.push(t * 1000);
    }
    return median(times);
  };
  return {
    rows,
    writeRate: rows / (write + compress),
    write,
    compress,
    bytesPerValue: bytes / rows,
    raw: await p50("raw"),
    auto: await p50("auto"),
  };
}

async function years(plainUrl: string, tsdbUrl: string) {
  const out = [];
  for (const [url, timescale] of [[plainUrl, false], [tsdbUrl, true]] as const) {
    const db = await open(url, timescale);
    try {
      out.push(await year(db));
    } finally {
      await db.close();
    }
  }
  return out;
}

if (import.meta.main) {
  const plainUrl = loadConfig(Deno.env.toObject()).databaseUrl ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const tsdbUrl = await timescaleUrl();
  const up = await upserts(plainUrl, tsdbUrl);
  const [p, t] = await years(plainUrl, tsdbUrl);
  const f = (n: number) => Math.round(n).toLocaleString("en-US");
  const line = (name: string, plain: string, tsdb: string, ratio: number, target = "") =>
    console.log(
      `${name.padEnd(40)} plain ${plain.padStart(16)}  timescale ${tsdb.padStart(16)}  ratio ${
        ratio.toFixed(2)
      }${target}`,
    );
  const vs = (ratio: number, goal: number, atLeast: boolean) =>
    `  (target ${atLeast ? "≥" : "≤"} ${goal}: ${
      (atLeast ? ratio >= goal : ratio <= goal) ? "met" : "NOT met"
    })`;
  const host = (u: string) => new URL(u).host;
  console.log(
    `timescale bench: plain PostgreSQL at ${host(plainUrl)} vs TimescaleDB at ${host(tsdbUrl)}; ` +
      `ratio = TimescaleDB ÷ plain`,
  );
  const r1 = up.store[1] / up.store[0];
  line(
    `NP6-905 day upsert (${f(up.rows)} rows, ${POINTS} points)`,
    `${f(up.store[0])} rows/s`,
    `${f(up.store[1])} rows/s`,
    r1,
    vs(r1, 0.9, true),
  );
  console.log(`  ratio day by day: ${up.ratios.map((r) => r.toFixed(2)).join(", ")}`);
  line(
    "NP6-905 day replay (nothing changes)",
    `${f(up.replay[0])} rows/s`,
    `${f(up.replay[1])} rows/s`,
    up.replay[1] / up.replay[0],
  );
  line(
    `year of 15-min data, ${YEAR_SERIES} series (${f(p.rows)} rows)`,
    `${f(p.writeRate)} rows/s`,
    `${f(t.writeRate)} rows/s`,
    t.writeRate / p.writeRate,
  );
  console.log(
    `  of which: plain write ${p.write.toFixed(1)} s; TimescaleDB write ${
      t.write.toFixed(1)
    } s + compress ${t.compress.toFixed(1)} s`,
  );
  const r2 = t.bytesPerValue / p.bytesPerValue;
  line(
    "bytes per stored value (table + indexes)",
    `${p.bytesPerValue.toFixed(1)} B`,
    `${t.bytesPerValue.toFixed(1)} B`,
    r2,
    vs(r2, 0.1, false),
  );
  const r3 = t.raw / p.raw;
  line(
    "one-year query, raw/M4 p50 (compressed)",
    `${p.raw.toFixed(2)} ms`,
    `${t.raw.toFixed(2)} ms`,
    r3,
    vs(r3, 1, false),
  );
  line(
    "one-year query, auto p50 (daily rollup)",
    `${p.auto.toFixed(2)} ms`,
    `${t.auto.toFixed(2)} ms`,
    t.auto / p.auto,
  );
}
