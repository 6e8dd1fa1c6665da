/**
 * What an ingestion stored, as comparable sets, and a clean reference load to
 * compare with: the same feeds ingested once, in process, through the
 * recordings mirror into a fresh embedded database, with nothing killed.
 *
 * @module
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { openScratchDatabase } from "../../dev/scratch.ts";
import { runFeed } from "../../ingest/job.ts";
import type { FeedId } from "../../ingest/feeds/mod.ts";
import { ingestDeps, withMirror } from "../_ingest.ts";

/** What a load left in the database, each entry one line, sorted. */
export interface Snapshot {
  /** `key|ts|value` per observation (a `(series, ts)` appears once per row it has). */
  observations: string[];
  /** `feed|doc_id|status|rows` per ledger document. */
  documents: string[];
  /** `key|day|expected|received` per coverage row. */
  coverage: string[];
  /** `resolution|key|bucket|count|sum|min|max|first|last` per rollup row. */
  rollups: string[];
  /** `key|ts` per kept revision. */
  revisions: string[];
}

const ROLLUPS = ["observations_15m", "observations_1h", "observations_1d"] as const;

/**
 * Reads a {@link Snapshot} of the series whose keys are in `keys` (all when
 * absent) and the documents of `feeds`.
 */
export async function snapshot(
  sql: Sql,
  opts: { feeds: readonly FeedId[]; keys?: ReadonlySet<string> },
): Promise<Snapshot> {
  const keep = (line: string) => !opts.keys || opts.keys.has(line.slice(0, line.indexOf("|")));
  const lines = async (query: Promise<{ line: string }[]>) =>
    (await query).map((r) => r.line).filter(keep).sort();
  const observations = await lines(sql<{ line: string }[]>`
    select s.key || '|' || to_char(o.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      || '|' || o.value::text as line
    from observations o join series s on s.id = o.series_id`);
  const coverage = await lines(sql<{ line: string }[]>`
    select s.key || '|' || c.day::text || '|' || c.expected || '|' || c.received as line
    from coverage c join series s on s.id = c.series_id`);
  const revisions = await lines(sql<{ line: string }[]>`
    select s.key || '|' || r.ts::text as line
    from observation_revisions r join series s on s.id = r.series_id`);
  const rollups: string[] = [];
  for (const table of ROLLUPS) {
    const rows = await lines(sql<{ line: string }[]>`
      select s.key || '|' || ${table} || '|' || r.bucket::text || '|' || r.count || '|'
        || round(r.sum::numeric, 6) || '|' || r.min || '|' || r.max || '|' || r.first || '|'
        || r.last as line
      from ${sql(table)} r join series s on s.id = r.series_id`);
    rollups.push(...rows);
  }
  const documents = (await sql<{ line: string }[]>`
    select feed || '|' || doc_id || '|' || status || '|' || rows as line
    from ingest_documents where feed = any(${[...opts.feeds]}::text[])`)
    .map((r) => r.line).sort();
  return { observations, documents, coverage, rollups: rollups.sort(), revisions };
}

/** One row of `ingest_runs`. */
export interface RunRow {
  feed: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
}

/** A {@link Snapshot} with the run ledger and what the schema says about it. */
export interface Ledgers extends Snapshot {
  /** Runs of the feeds, oldest first. */
  runs: RunRow[];
  /** Rollup refreshes still owed (TimescaleDB; 0 otherwise). */
  owed: number;
  /** Whether runs may have the status `interrupted`. */
  interrupted: boolean;
  /** Whether the rollups are TimescaleDB continuous aggregates. */
  timescale: boolean;
}

/** Reads a {@link Snapshot} (see {@link snapshot}) with the run ledger of `feeds`. */
export async function readLedgers(
  sql: Sql,
  opts: { feeds: readonly FeedId[]; keys?: ReadonlySet<string> },
): Promise<Ledgers> {
  const snap = await snapshot(sql, opts);
  const runs = await sql<RunRow[]>`
    select feed, status, started_at, finished_at from ingest_runs
    where feed = any(${[...opts.feeds]}::text[]) order by id`;
  const [{ timescale }] = await sql<{ timescale: boolean }[]>`
    select to_regclass('rollup_refresh_pending') is not null as timescale`;
  const owed = timescale
    ? (await sql<{ n: number }[]>`select count(*)::int as n from rollup_refresh_pending`)[0].n
    : 0;
  const checks = await sql<{ def: string }[]>`
    select pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = 'ingest_runs'::regclass and contype = 'c'`;
  const interrupted = checks.some((c) => c.def.includes("'interrupted'"));
  return { ...snap, runs, owed, interrupted, timescale };
}

/** The series keys a snapshot holds observations of. */
export function seriesKeys(s: Snapshot): Set<string> {
  return new Set(s.observations.map((l) => l.slice(0, l.indexOf("|"))));
}

/** `(series, ts)` pairs that appear more than once in a snapshot's observations. */
export function duplicatedRows(s: Snapshot): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const line of s.observations) {
    const at = line.slice(0, line.lastIndexOf("|"));
    if (seen.has(at)) twice.push(at);
    seen.add(at);
  }
  return twice;
}

/** Lines of `expected` missing from `actual` and lines of `actual` not in `expected`. */
export function difference(
  expected: readonly string[],
  actual: readonly string[],
): { missing: string[]; extra: string[] } {
  const a = new Set(actual), e = new Set(expected);
  return {
    missing: expected.filter((l) => !a.has(l)),
    extra: actual.filter((l) => !e.has(l)),
  };
}

const loads = new Map<string, Promise<Snapshot>>();

/**
 * The clean reference load of `feeds` from the recordings in `dir`, made
 * once per process and set of feeds: every run must succeed.
 */
export function referenceLoad(dir: string, feeds: readonly FeedId[]): Promise<Snapshot> {
  const id = `${dir}|${feeds.join(",")}`;
  let load = loads.get(id);
  if (!load) {
    load = (async () => {
      const db = await openScratchDatabase();
      try {
        return await withMirror(dir, async (base) => {
          const deps = ingestDeps(db, base);
          for (const feed of feeds) {
            const r = await runFeed(deps, feed);
            assert.equal(r.status, "success", `reference ${feed}: ${r.error}`);
          }
          return await snapshot(db.db.sql, { feeds });
        });
      } finally {
        await db.close();
      }
    })();
    loads.set(id, load);
  }
  return load;
}

/**
 * Waits until the PostgreSQL database at `url` has no run left `running`: on
 * PostgreSQL a dead process's run is closed once its heartbeat is 15 s old, at
 * the leader's next sweep (each half minute, on a tick).
 */
export async function noRunLeftOpen(url: string, timeoutMs: number): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ n }] = await sql<{ n: number }[]>`
        select count(*)::int as n from ingest_runs where status = 'running'`;
      if (n === 0) return;
      if (Date.now() > deadline) assert.fail(`${n} run(s) still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await sql.end();
  }
}
