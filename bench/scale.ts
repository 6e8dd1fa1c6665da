/**
 * Scale benchmark (issue #24): a year of every settlement point. Generated NP6-905-CD and
 * NP4-190-CD days in ERCOT's column formats (`--points` settlement points, 1,000; `--days`
 * days from 2025-01-01, 365; the DST days have 23 and 25 hours) are ingested end to end,
 * parse + `storeDocument` with resource nodes on, one transaction per document, into a scratch
 * database on plain PostgreSQL, as a backfill runs them: the next document is parsed on the
 * parse worker's thread (ingest/parse_worker.ts) while the current one is stored. Documents are generated ten days at a time outside the timing. The
 * rows of the first 20 days are also loaded with a plain `COPY` into an equivalent table on the
 * same server (same columns and primary key), the reference; every day's rows are loaded with
 * `COPY` into `observations` of a scratch TimescaleDB database, whose chunks are then
 * compressed explicitly (jobs paused).
 *
 * Printed: rows/s end to end and of `COPY`, their ratio; bytes per row; p50 of a node-year
 * read, of a cross-section of all points at one instant and of the top 10 by average over a
 * day, on PostgreSQL and on compressed TimescaleDB.
 *
 * With `--ingest-days N` only the first N days go through the ingest path (the rate is theirs)
 * and the rest of the year, the last ingested day's rows shifted day by day with the
 * generator's daily price offset, is loaded by `COPY` into `observations` too, so storage and reads
 * see the full year; the rollups of the copied days are then not built, so the node-year read
 * through the 1 d rollup is not printed.
 *
 * Run: `deno task bench scale [--days N] [--points N] [--ingest-days N]` (DATABASE_URL: the PostgreSQL server,
 * default 127.0.0.1:5432; TIMESCALE_URL: the TimescaleDB server, default 127.0.0.1:5433).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import type { Sql } from "../db/client.ts";
import { loadConfig } from "../config.ts";
import { type ParseWorker, startParseWorker } from "../ingest/parse_worker.ts";
import { pipeline } from "../util/pipeline.ts";
import { storeDocument } from "../ingest/store.ts";
import type { Observation } from "../ingest/types.ts";
import { queryObservations } from "../db/query.ts";
import { crossSectionAt, topPoints } from "../db/cross_section.ts";
import { generateDamDay, generateDay } from "./_np6905.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    days: { type: "string", default: "365" },
    points: { type: "string", default: "1000" },
    "ingest-days": { type: "string" },
  },
});
const DAYS = Number(args.days), POINTS = Number(args.points);
const INGEST_DAYS = Number(args["ingest-days"] ?? args.days);
if (
  !(DAYS >= 2 && DAYS <= 366 && POINTS >= 30 && POINTS <= 5000 && INGEST_DAYS >= 1 &&
    INGEST_DAYS <= DAYS)
) {
  throw new RangeError(
    `--days ${args.days} must be 2 to 366, --points ${args.points} 30 to 5000 and ` +
      `--ingest-days ${args["ingest-days"]} 1 to --days`,
  );
}
const DAY_MS = 86_400_000;
/** Days generated, then ingested, at a time: the first document of each waits for its parse. */
const CHUNK_DAYS = 30;
/** Days whose rows are also loaded by plain `COPY` into `copy_observations`, the reference. */
const COPY_DAYS = 20;
const FIRST = Date.UTC(2025, 0, 1);
const env = Deno.env.toObject();
const PG = loadConfig(env).databaseUrl ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TS = env.TIMESCALE_URL ?? "postgres://postgres@127.0.0.1:5433/postgres";

const mdy = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()}`;
};

/**
 * ERCOT's DST days: spring forward (2nd Sunday of March) has no hour 3; fall back (1st Sunday
 * of November) repeats hour 2, the second pass flagged `Y`.
 */
function fixDst(csvZip: Uint8Array, date: string, regen: (hours: string[]) => Uint8Array) {
  const [m, d] = date.split("/").map(Number);
  if (m === 3 && d >= 8 && d <= 14 && new Date(Date.UTC(2025, 2, d)).getUTCDay() === 0) {
    return regen(["skip"]);
  }
  if (m === 11 && d <= 7 && new Date(Date.UTC(2025, 10, d)).getUTCDay() === 0) {
    return regen(["repeat"]);
  }
  return csvZip;
}

async function dayDocs(i: number): Promise<{ rt: Uint8Array; da: Uint8Array }> {
  const date = mdy(FIRST + i * DAY_MS);
  const seed = i % 30;
  const { unzipSync, zipSync } = await import("fflate");
  const edit =
    (zip: Uint8Array, hourCol: number, hourOf: (h: number) => string) =>
    (how: string[]): Uint8Array => {
      const [name, bytes] = Object.entries(unzipSync(zip))[0];
      const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
      const out = [lines[0]];
      for (const line of lines.slice(1)) {
        const cols = line.split(",");
        if (how[0] === "skip" && cols[hourCol] === hourOf(3)) continue;
        out.push(line);
        if (how[0] === "repeat" && cols[hourCol] === hourOf(2)) {
          out.push([...cols.slice(0, -1), "Y"].join(","));
        }
      }
      const enc = new TextEncoder().encode(out.join("\r\n") + "\r\n");
      return zipSync({ [name]: enc });
    };
  const rt = generateDay(date, seed, POINTS);
  const da = generateDamDay(date, seed, POINTS);
  const pad = (h: number) => String(h).padStart(2, "0");
  return {
    rt: fixDst(rt, date, edit(rt, 1, pad)),
    da: fixDst(da, date, edit(da, 1, (h) => `${pad(h)}:00`)),
  };
}

async function copyRows(sql: Sql, table: string, ids: Map<string, number>, obs: Observation[]) {
  const text = obs.map((o) => `${ids.get(o.series)}\t${o.ts.toISOString()}\t${o.value}\n`)
    .join("");
  const t0 = performance.now();
  const stream = await sql`copy ${sql(table)} (series_id, ts, value) from stdin`.writable();
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    stream.end(text);
  });
  return (performance.now() - t0) / 1000;
}

/**
 * Loads the days after the ingested ones inside each server: the last ingested day's rows,
 * shifted day by day, with the generator's daily price offset.
 */
async function fillDays(psql: Sql, tsql: Sql, count: (rows: number) => void) {
  // The last ingested Central day (ingested days start in January: UTC-6).
  const last = FIRST + (INGEST_DAYS - 1) * DAY_MS + 6 * 3600_000;
  const [from, to] = [new Date(last), new Date(last + DAY_MS)];
  const t0 = performance.now();
  let total = 0;
  for (let d = 1; d <= DAYS - INGEST_DAYS; d += 10) {
    const upTo = Math.min(d + 9, DAYS - INGEST_DAYS);
    const fillSql = (sql: Sql) =>
      sql`insert into observations (series_id, ts, value)
        select o.series_id, o.ts + g * interval '1 day',
               round((o.value + (${INGEST_DAYS - 1} + g) % 30 - ${
        (INGEST_DAYS - 1) % 30
      })::numeric, 2)
        from observations o, generate_series(${d}::int, ${upTo}::int) g
        where o.ts >= ${from} and o.ts < ${to}`;
    const [r] = await Promise.all([fillSql(psql), fillSql(tsql)]);
    total += r.count;
    count(r.count);
    console.error(`scale: filled to day ${INGEST_DAYS + upTo}/${DAYS}`);
  }
  return { rows: total, seconds: (performance.now() - t0) / 1000 };
}

async function p50(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** The three reads' p50 in ms on one database. */
async function reads(sql: Sql, node: string, seriesId: number, auto: boolean) {
  const end = new Date(FIRST + DAYS * DAY_MS);
  const nodeYearAuto = auto
    ? await p50(
      21,
      () => queryObservations(sql, { keys: [node], start: new Date(FIRST), end, maxPoints: 1000 }),
    )
    : NaN;
  const nodeYearRaw = await p50(
    11,
    () =>
      sql`select ts, value from observations where series_id = ${seriesId}
        and ts >= ${new Date(FIRST)} and ts < ${end} order by ts`,
  );
  const at = (i: number) => new Date(FIRST + ((i * 7919) % (DAYS * 96)) * 900_000 + 60_000);
  const xsect = await p50(
    31,
    (i) => crossSectionAt(sql, { family: "spp.rt", at: at(i), intervalSeconds: 900 }),
  );
  const top = await p50(21, (i) => {
    const start = new Date(FIRST + ((i * 37) % (DAYS - 1)) * DAY_MS + 6 * 3600_000);
    const stop = new Date(start.getTime() + DAY_MS);
    return topPoints(sql, { family: "spp.rt", start, end: stop, n: 10, order: "desc", agg: "avg" });
  });
  return { nodeYearAuto, nodeYearRaw, xsect, top };
}

const f = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function relationBytes(sql: Sql, names: string[]): Promise<number> {
  const [{ b }] = await sql<{ b: string }[]>`
    select sum(pg_total_relation_size(c.oid))::bigint::text as b
    from pg_class c where c.relname = any(${names}::text[]) and c.relkind in ('r', 'p')`;
  return Number(b ?? 0);
}

async function main() {
  let pg: ScratchDatabase | undefined, ts: ScratchDatabase | undefined;
  let parser: ParseWorker | undefined;
  try {
    pg = await openScratchDatabase({ baseUrl: PG });
    ts = await openScratchDatabase({ baseUrl: TS });
    const psql = pg.db.sql, tsql = ts.db.sql;
    await psql`create table copy_observations (like observations including all)`;
    await tsql`select alter_job(job_id, scheduled => false) from timescaledb_information.jobs
      where job_id >= 1000`;
    const deps = { sql: psql, variant: pg.migration.variant };
    parser = startParseWorker();
    let rows = 0, ingested = 0, ingestS = 0, parseS = 0, copied = 0, copyS = 0, tsCopyS = 0;
    let rss = 0;
    const tsIds = new Map<string, number>();
    const pgIds = new Map<string, number>();
    for (let c = 0; c < INGEST_DAYS; c += CHUNK_DAYS) {
      // Generated outside the timing: ERCOT's side of the work.
      const docs: { feed: "np6_905" | "np4_190"; day: number; bytes: Uint8Array }[] = [];
      for (let i = c; i < Math.min(c + CHUNK_DAYS, INGEST_DAYS); i++) {
        const day = await dayDocs(i);
        docs.push({ feed: "np6_905", day: i, bytes: day.rt }, {
          feed: "np4_190",
          day: i,
          bytes: day.da,
        });
      }
      const work = parser;
      const parse = (d: typeof docs[number]) =>
        work.parse(d.feed, d.bytes, { settlementPoints: "all" });
      // As ingest/backfill.ts runs (util/pipeline.ts): the next document is parsed, on the
      // parse worker's thread, while this one is stored.
      const stored: Observation[][] = [];
      const t0 = performance.now();
      const { waitedMs } = await pipeline(docs, parse, async (obs, { feed, day }) => {
        const result = await storeDocument(deps, {
          feed,
          docId: `${feed}-${day}`,
          observations: obs,
        });
        if (result.inserted !== obs.length) {
          throw new Error(`Stored ${result.inserted} of ${obs.length}`);
        }
        for (const [key, id] of result.ids) pgIds.set(key, id);
        stored.push(obs);
      });
      parseS += waitedMs / 1000;
      ingestS += (performance.now() - t0) / 1000;
      for (const [k, obs] of stored.entries()) {
        rows += obs.length;
        ingested += obs.length;
        // The reference: the same rows by plain COPY, over the first days only.
        if (c < COPY_DAYS) {
          copyS += await copyRows(psql, "copy_observations", pgIds, obs);
          copied += obs.length;
        }
        const feed = docs[k].feed;
        const missing = [...new Set(obs.map((o) => o.series))].filter((key) => !tsIds.has(key));
        if (missing.length) {
          const got = await tsql<{ id: number; key: string }[]>`
              insert into series (key, name, unit, interval_seconds, feed)
              select k, k, '$/MWh', ${feed === "np6_905" ? 900 : 3600}, ${feed}
              from unnest(${missing}::text[]) k returning id, key`;
          for (const r of got) tsIds.set(r.key, r.id);
        }
        tsCopyS += await copyRows(tsql, "observations", tsIds, obs);
      }
      rss = Math.max(rss, Deno.memoryUsage().rss);
      console.error(
        `scale: day ${Math.min(c + CHUNK_DAYS, INGEST_DAYS)}/${DAYS}, ${f(rows)} rows, ingest ${
          f(ingested / ingestS)
        } rows/s`,
      );
    }
    const fill = await fillDays(psql, tsql, (n) => rows += n);
    await psql`vacuum analyze observations`;
    await psql`vacuum analyze copy_observations`;
    await tsql`analyze observations`;
    const obsBytes = await relationBytes(psql, ["observations"]);
    const copyBytes = await relationBytes(psql, ["copy_observations"]);
    const rollupBytes = await relationBytes(psql, [
      "observations_15m",
      "observations_1h",
      "observations_1d",
      "coverage",
    ]);
    const [{ idx }] = await psql<{ idx: string }[]>`
      select pg_indexes_size('observations')::text as idx`;
    const [{ raw }] = await tsql<{ raw: string }[]>`
      select hypertable_size('observations')::text as raw`;
    const t0 = performance.now();
    await tsql`select compress_chunk(c, if_not_compressed => true)
      from show_chunks('observations') c`;
    const compressS = (performance.now() - t0) / 1000;
    await tsql`vacuum analyze observations`;
    const [{ packed }] = await tsql<{ packed: string }[]>`
      select hypertable_size('observations')::text as packed`;

    const node = "spp.rt.alvin0_rn";
    const [{ id: pid }] = await psql<{ id: number }[]>`select id from series where key = ${node}`;
    const pgReads = await reads(psql, node, pid, INGEST_DAYS === DAYS);
    const tsReads = await reads(tsql, node, tsIds.get(node)!, false);

    const perRow = (b: number) => (b / rows).toFixed(1);
    const year = (b: number) => `${(b / rows * rows * 365 / DAYS / 2 ** 30).toFixed(2)} GiB/year`;
    console.log(
      `scale bench: ${f(POINTS)} settlement points × ${DAYS} days: NP6-905 + NP4-190 = ` +
        `${f(rows)} rows in ${DAYS * 2} documents; the first ${INGEST_DAYS} days ` +
        `(${f(ingested)} rows) through the ingest path, the rest by COPY`,
    );
    console.log(
      `ingest end to end (parse + store)  ${f(ingested / ingestS)} rows/s  (target ≥ 100,000: ×${
        (ingested / ingestS / 1e5).toFixed(2)
      })`,
    );
    console.log(
      `  waiting on the parse worker      ${(100 * parseS / ingestS).toFixed(0)} % of the time`,
    );
    console.log(
      `COPY, same rows, equivalent table  ${f(copied / copyS)} rows/s (first ${
        Math.min(COPY_DAYS, INGEST_DAYS)
      } days)`,
    );
    console.log(
      `ingest / COPY                      ${((ingested / ingestS) / (copied / copyS)).toFixed(2)}`,
    );
    console.log(`COPY into TimescaleDB hypertable   ${f(ingested / tsCopyS)} rows/s`);
    if (fill.rows) {
      console.log(
        `insert … select fill, ${DAYS - INGEST_DAYS} days     ${f(fill.rows)} rows, ` +
          `${f(fill.rows / fill.seconds)} rows/s on both servers at once`,
      );
    }
    console.log(
      `peak RSS of the bench process     ${
        f(rss / 2 ** 20)
      } MiB (holding ${CHUNK_DAYS} days of parsed rows for the reference loads)`,
    );
    console.log(
      `postgres observations              ${perRow(obsBytes)} bytes/row (${
        year(obsBytes)
      }; primary key index ${perRow(Number(idx))} bytes/row)`,
    );
    console.log(
      `postgres rollups + coverage        ${
        (rollupBytes / ingested).toFixed(1)
      } bytes per ingested row (copied days have none)`,
    );
    console.log(`postgres COPY table                ${(copyBytes / copied).toFixed(1)} bytes/row`);
    console.log(`timescaledb uncompressed           ${perRow(Number(raw))} bytes/row`);
    console.log(
      `timescaledb compressed             ${perRow(Number(packed))} bytes/row (${
        year(Number(packed))
      }; compressing took ${compressS.toFixed(0)} s)`,
    );
    console.log(
      `node-year read, auto (1d rollup)   ${
        Number.isNaN(pgReads.nodeYearAuto)
          ? "not measured: the copied days have no rollups"
          : `p50 ${ms(pgReads.nodeYearAuto)}  (target ≤ 50 ms)`
      }`,
    );
    console.log(
      `node read, raw rows, all ${DAYS} days p50 ${ms(pgReads.nodeYearRaw)} postgres, ${
        ms(tsReads.nodeYearRaw)
      } timescaledb compressed  (target ≤ 50 ms)`,
    );
    console.log(
      `cross-section, all points, 1 instant p50 ${ms(pgReads.xsect)} postgres, ${
        ms(tsReads.xsect)
      } timescaledb compressed  (target ≤ 50 ms)`,
    );
    console.log(
      `top 10 by average over a day       p50 ${ms(pgReads.top)} postgres, ${
        ms(tsReads.top)
      } timescaledb compressed  (target ≤ 200 ms)`,
    );
  } finally {
    parser?.close();
    await pg?.close();
    await ts?.close();
  }
}

if (import.meta.main) await main();
