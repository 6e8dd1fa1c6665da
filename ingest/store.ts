/**
 * Storing one ingested document: its observations, its ledger row, all in one
 * transaction, so a document is either wholly in the database or not at all.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { Variant } from "../db/migrate.ts";
import { ensureSeries, type SeriesDef } from "../db/series.ts";
import { upsertObservations, type WriteResult } from "../db/observations.ts";
import { refreshPending } from "../db/aggregates.ts";
import { findSeries } from "../ai/catalog.ts";
import type { Observation } from "./types.ts";
import { ParseError } from "../errors.ts";

/** What storing needs. */
export interface StoreDeps {
  sql: Sql;
  /** Rollup path of the schema. */
  variant: Variant;
}

/** One document to store. */
export interface StoredDocument {
  feed: string;
  /** Stable id: the MIS DocID, or a content hash for dashboards. */
  docId: string;
  name?: string;
  publishedAt?: Date;
  runId?: number;
  observations: Observation[];
}

/** Outcome of storing a document. */
export interface StoreResult extends WriteResult {
  status: "success" | "empty";
  /** Series key → id for every series of the document. */
  ids: Map<string, number>;
}

const PREFIX_DEFAULTS: [string, Omit<SeriesDef, "key" | "name" | "feed">][] = [
  ["spp.rt.", { unit: "$/MWh", intervalSeconds: 900 }],
  ["lmp.rt.", { unit: "$/MWh", intervalSeconds: 300 }],
  ["spp.da.", { unit: "$/MWh", intervalSeconds: 3600 }],
];

/**
 * The catalog definition of a series key; resource-node prices (not in the
 * catalog) take their family's unit and interval.
 */
export function seriesDef(key: string, feed: string): SeriesDef {
  const info = findSeries(key);
  // A series fed by several feeds is attributed to its primary one, not the last writer.
  if (info) {
    const primary = info.feeds[0] ?? feed;
    return { key, name: info.name, unit: info.unit, intervalSeconds: info.interval, feed: primary };
  }
  const family = PREFIX_DEFAULTS.find(([p]) => key.startsWith(p));
  if (!family) throw new ParseError(`Series "${key}" is not in the catalog`);
  const point = key.slice(family[0].length).toUpperCase();
  return { key, name: `${point} ${family[0].slice(0, -1)}`, feed, ...family[1] };
}

/**
 * Stores a parsed document in one transaction: series rows, observations
 * (idempotent upsert with revisions, rollups, coverage) and its
 * `ingest_documents` row. A document with no observations is recorded as
 * `empty`. A transaction aborted as a deadlock victim or a serialization
 * failure is run again; one whose connection is lost (see
 * {@linkcode isConnectionLost}) is rolled back by the server and thrown. On
 * TimescaleDB the continuous aggregates are refreshed after commit; a failure
 * is returned as `refreshError` and stays owed.
 */
export async function storeDocument(deps: StoreDeps, doc: StoredDocument): Promise<StoreResult> {
  const result = await documentTransaction(deps.sql, async (tx) => {
    const keys = [...new Set(doc.observations.map((o) => o.series))];
    const ids = await ensureSeries(tx, keys.map((k) => seriesDef(k, doc.feed)));
    const written = await upsertObservations(
      tx,
      doc.observations.map((o) => ({
        seriesId: ids.get(o.series)!,
        ts: o.ts,
        value: o.value,
        publishedAt: o.publishedAt ?? doc.publishedAt ?? null,
      })),
      { variant: deps.variant },
    );
    const status = doc.observations.length === 0 ? "empty" as const : "success" as const;
    await recordDocument(tx, { ...doc, status, rows: written.inserted + written.revised });
    return { ...written, status, ids };
  });
  if (deps.variant === "timescale") {
    const { error } = await refreshPending(deps.sql);
    if (error) result.refreshError = error;
  }
  return result;
}

const RETRYABLE = new Set(["40P01", "40001"]);

/**
 * Runs `fn` in a transaction on a connection of its own, up to three times
 * when PostgreSQL aborts it as a deadlock victim or a serialization failure.
 *
 * Not `sql.begin`: when the connection dies mid-transaction, postgres.js
 * 3.4 sends its ROLLBACK to the closed socket from a timer, which throws
 * outside any promise and ends the process (porsager/postgres#1208). Here
 * nothing more is sent on a lost connection (the server has rolled back
 * already) and it is not handed back: the pool has already taken it back
 * as closed, and reopens it when next needed.
 */
async function documentTransaction<T>(sql: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  for (let attempt = 1;; attempt++) {
    const conn = await sql.reserve();
    let lost = false;
    try {
      await conn`begin`;
      const result = await fn(conn);
      await conn`commit`;
      return result;
    } catch (err) {
      lost = isConnectionLost(err);
      if (!lost) await conn`rollback`.catch((e) => lost = isConnectionLost(e));
      const code = String((err as { code?: unknown }).code ?? "");
      if (lost || attempt >= 3 || !RETRYABLE.has(code)) throw err;
    } finally {
      if (!lost) conn.release();
    }
    await new Promise((r) => setTimeout(r, 25 * attempt * (1 + Math.random())));
  }
}

/** A document that could not be stored, with why. */
export interface FailedDocument {
  feed: string;
  docId: string;
  name?: string;
  publishedAt?: Date;
  runId?: number;
  status: "failed" | "schema_changed";
  error: string;
}

/** Records a failed document in the ledger; no observation of it is written. */
export async function recordFailedDocument(sql: Sql, doc: FailedDocument): Promise<void> {
  await recordDocument(sql, { ...doc, rows: 0 });
}

async function recordDocument(
  sql: Sql,
  d: {
    feed: string;
    docId: string;
    name?: string;
    publishedAt?: Date;
    runId?: number;
    status: string;
    rows: number;
    error?: string;
  },
): Promise<void> {
  await sql`
    insert into ingest_documents (feed, doc_id, name, published_at, status, rows, error, run_id)
    values (${d.feed}, ${d.docId}, ${d.name ?? null}, ${d.publishedAt ?? null}, ${d.status},
            ${d.rows}, ${d.error ?? null}, ${d.runId ?? null})
    on conflict (feed, doc_id) do update set
      name = excluded.name, published_at = excluded.published_at, fetched_at = now(),
      status = excluded.status, rows = excluded.rows, error = excluded.error,
      run_id = excluded.run_id`;
}

/** Which of `docIds` the ledger already holds for a feed (successfully or empty). */
export async function knownDocuments(
  sql: Sql,
  feed: string,
  docIds: string[],
): Promise<Set<string>> {
  if (docIds.length === 0) return new Set();
  const rows = await sql<{ doc_id: string }[]>`
    select doc_id from ingest_documents
    where feed = ${feed} and doc_id = any(${docIds}::text[]) and status in ('success', 'empty')`;
  return new Set(rows.map((r) => r.doc_id));
}

/** postgres.js and PostgreSQL codes meaning the session is gone, not that the statement was bad. */
const CONNECTION_LOST = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown, e.g. pg_terminate_backend
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);

/** Whether `err` says the database connection was lost (as opposed to a failed statement). */
export function isConnectionLost(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? "");
  return CONNECTION_LOST.has(code) || code.startsWith("08");
}

/** A store failure in one line: its first message line and its code, e.g. `boom (P0001)`. */
export function describeStoreError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = String(e?.message ?? err).split("\n")[0];
  return e?.code && !message.includes(String(e.code)) ? `${message} (${e.code})` : message;
}
