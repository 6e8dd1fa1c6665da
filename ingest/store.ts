/**
 * Storing one ingested document: its observations, its ledger row, all in one
 * transaction, so a document is either wholly in the database or not at all.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { retryTransaction } from "../db/transaction.ts";
import type { Variant } from "../db/migrate.ts";
import { ensureSeries, type SeriesDef } from "../db/series.ts";
import { upsertObservations, type WriteResult } from "../db/observations.ts";
import { refreshPending } from "../db/aggregates.ts";
import { findSeries, priceFamilyOf } from "../domain/catalog.ts";
import type { Observation } from "./types.ts";
import { ParseError } from "../domain/errors.ts";

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

/**
 * The catalog definition of a series key; resource-node prices (not in the
 * catalog) take their family's unit and interval, and a name of the point's
 * ERCOT name (`point`, else the key's upper-cased) and the family's label.
 *
 * @example seriesDef("spp.rt.alvin_rn", "np6_905", "ALVIN_RN").name // "ALVIN_RN real-time price"
 */
export function seriesDef(key: string, feed: string, point?: string): SeriesDef {
  const info = findSeries(key);
  // A series fed by several feeds is attributed to its primary one, not the last writer.
  if (info) {
    const primary = info.feeds[0] ?? feed;
    return { key, name: info.name, unit: info.unit, intervalSeconds: info.interval, feed: primary };
  }
  const family = priceFamilyOf(key);
  if (!family) throw new ParseError(`Series "${key}" is not in the catalog`);
  const ercotName = point ?? key.slice(family.prefix.length + 1).toUpperCase();
  const { unit, interval: intervalSeconds } = family;
  return { key, name: `${ercotName} ${family.label}`, feed, unit, intervalSeconds };
}

/**
 * Stores a parsed document in one transaction: series rows, observations
 * (idempotent upsert with revisions, rollups, coverage) and its
 * `ingest_documents` row. A document with no observations is recorded as
 * `empty`. A transaction aborted as a deadlock victim or a serialization
 * failure is run again; one whose connection is lost is rolled back by the
 * server and thrown (the client's guarded `begin` sends nothing more on it). On
 * TimescaleDB the continuous aggregates are refreshed after commit; a failure
 * is returned as `refreshError` and stays owed.
 */
export async function storeDocument(deps: StoreDeps, doc: StoredDocument): Promise<StoreResult> {
  const result = await retryTransaction(deps.sql, async (tx) => {
    const points = new Map(doc.observations.map((o) => [o.series, o.point]));
    const defs = [...points].map(([key, point]) => seriesDef(key, doc.feed, point));
    const ids = await ensureSeries(tx, defs);
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
