/**
 * One run of one feed: find what is new, fetch it, parse it, store each
 * document in its own transaction, and keep the run in `ingest_runs`.
 * A bad document is recorded with its error and the rest proceed.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../db/client.ts";
import type { Variant } from "../db/migrate.ts";
import { type Feed, type FeedId, FEEDS, parseGridCondition } from "./feeds/mod.ts";
import type { SettlementPoints } from "./feeds/points.ts";
import type { HttpClient, HttpResponse } from "./http.ts";
import {
  type MisDocument,
  misDownloadUrl,
  misListingUrl,
  parseListing,
  selectNewDocuments,
} from "./mis.ts";
import { ercotDashboardUrl } from "./ercot_dashboards.ts";
import { knownDocuments, recordFailedDocument, storeDocument, type StoreResult } from "./store.ts";
import { refreshPending } from "../db/aggregates.ts";
import { isConnectionLost } from "../db/client.ts";
import { describeCause } from "../util/cause.ts";
import { startHeartbeat } from "./runs.ts";
import type { Observation } from "./types.ts";
import { recordGridStatus } from "../db/grid_status.ts";
import { publishGridStatus } from "../bus/publish.ts";
import type { EventBus } from "../bus/events.ts";
import { SchemaChangedError, UpstreamError } from "../domain/errors.ts";
import { digestHex } from "../util/digest.ts";

/** What a run needs. */
export interface IngestDeps {
  sql: Sql;
  variant: Variant;
  http: HttpClient;
  /** ERCOT website base (dashboards, MIS). */
  ercotBaseUrl: string;
  clock: () => Date;
  /** At most this many new MIS documents per run, oldest first (24). */
  maxDocumentsPerRun?: number;
  /** Called after each stored document has committed (events, metrics). */
  onStored?: (e: StoredEvent) => Promise<void> | void;
  /** Where a changed grid condition is published as a `grid_status` event, when given. */
  bus?: EventBus;
  /** Settlement points the price feeds keep (default `zones`: hubs, load zones, DC ties). */
  settlementPoints?: SettlementPoints;
}

/** A committed document, for listeners. */
export interface StoredEvent {
  feed: FeedId;
  docId: string;
  observations: Observation[];
  result: StoreResult;
  ingestedAt: Date;
}

/** Run status, as kept in `ingest_runs`. */
export type RunStatus = "success" | "partial" | "failed" | "empty" | "schema_changed" | "skipped";

/** One document's outcome within a run. */
export interface DocumentOutcome {
  docId: string;
  name?: string;
  status: "success" | "empty" | "failed" | "schema_changed";
  rows: number;
  error?: string;
}

/** What a run did. */
export interface RunSummary {
  feed: FeedId;
  runId: number;
  status: RunStatus;
  /** Rows inserted or revised. */
  rows: number;
  documents: DocumentOutcome[];
  error?: string;
  /** Newest observation instant written by this run. */
  lastDataAt?: Date;
  /** TimescaleDB: rollups owed after commit that could not be refreshed (kept for the next run). */
  refreshError?: string;
  /**
   * For a `failed` run, whether the source failed (unreachable, 5xx, refused)
   * or this service did (e.g. its database connection was lost): only the
   * source's failures call for backing off from it.
   */
  failedAt?: "source" | "service";
}

interface Candidate {
  docId: string;
  name?: string;
  publishedAt?: Date;
  fetch: () => Promise<Uint8Array>;
  /** Keeps the conditional-GET validators; called only once the document has committed. */
  committed?: () => void;
}

/**
 * Runs one feed once, now. Never throws for upstream or document failures:
 * they end up in the summary and in `ingest_runs`.
 */
export async function runFeed(
  deps: IngestDeps,
  feedId: FeedId,
  opts: { signal?: AbortSignal } = {},
): Promise<RunSummary> {
  const feed = FEEDS[feedId];
  const [{ id }] = await onceMoreIfLost(() =>
    deps.sql<{ id: string }[]>`
      insert into ingest_runs (feed, started_at, heartbeat_at)
      values (${feedId}, ${deps.clock()}, now()) returning id`
  );
  const runId = Number(id);
  const summary: RunSummary = { feed: feedId, runId, status: "success", rows: 0, documents: [] };
  const stopHeartbeat = startHeartbeat(deps.sql, runId);
  // An abandoned run (the scheduler gave up on it) stops beating and stores nothing more.
  opts.signal?.addEventListener("abort", stopHeartbeat, { once: true });
  try {
    // Rollups an earlier run committed but could not refresh are repaired first.
    if (deps.variant === "timescale") summary.refreshError = (await refreshPending(deps.sql)).error;
    const candidates = await findCandidates(deps, feed);
    if (candidates === "skipped") summary.status = "skipped";
    else {
      for (const c of candidates) {
        opts.signal?.throwIfAborted();
        summary.documents.push(await ingestOne(deps, feed, c, summary));
      }
      summary.status = runStatus(summary.documents);
    }
    if (summary.refreshError && ["success", "empty"].includes(summary.status)) {
      summary.status = "partial";
    }
  } catch (err) {
    summary.status = "failed";
    summary.error = (err as Error).message;
    summary.failedAt = err instanceof UpstreamError ? "source" : "service";
  } finally {
    stopHeartbeat();
  }
  await onceMoreIfLost(() => finishRun(deps, summary));
  return summary;
}

/**
 * Runs a ledger write again once when its connection turns out lost: after a
 * connection dies, postgres.js fails the first query on its reopened
 * connection with the old error, though the database is back.
 */
async function onceMoreIfLost<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isConnectionLost(err)) throw err;
    return await write();
  }
}

async function findCandidates(deps: IngestDeps, feed: Feed): Promise<Candidate[] | "skipped"> {
  const minIntervalMs = (feed.cadenceMinutes * 60_000) / 3;
  if (feed.kind === "dashboard") {
    const url = ercotDashboardUrl(deps.ercotBaseUrl, feed.dashboard!);
    const res = await deps.http.get(url, { pollKey: `dashboard:${feed.id}`, minIntervalMs });
    if (res.skipped || res.notModified) return "skipped";
    const docId = `${feed.dashboard}@${await shortHash(res.body)}`;
    // Validators are kept only for a payload the ledger holds, so a 304 never hides a lost one.
    const committed = () => deps.http.remember(url, res);
    if ((await knownDocuments(deps.sql, feed.id, [docId])).has(docId)) {
      committed();
      return [];
    }
    return [{ docId, name: feed.dashboard, fetch: () => Promise.resolve(res.body), committed }];
  }
  const url = misListingUrl(deps.ercotBaseUrl, feed.reportTypeId!);
  const res = await deps.http.get(url, {
    pollKey: `mis:${feed.id}`,
    minIntervalMs,
    conditional: false,
  });
  if (res.skipped) return "skipped";
  const docs = parseListing(res.body);
  const known = await knownDocuments(deps.sql, feed.id, docs.map((d) => d.docId));
  const fresh = selectNewDocuments(docs, { known }).slice(0, deps.maxDocumentsPerRun ?? 24);
  return fresh.map((d: MisDocument) => ({
    docId: d.docId,
    name: d.constructedName,
    publishedAt: d.publishDate,
    fetch: async () =>
      ((await deps.http.get(misDownloadUrl(deps.ercotBaseUrl, d.docId), {
        conditional: false,
      })) as HttpResponse).body,
  }));
}

async function ingestOne(
  deps: IngestDeps,
  feed: Feed,
  c: Candidate,
  summary: RunSummary,
): Promise<DocumentOutcome> {
  const base = {
    feed: feed.id,
    docId: c.docId,
    name: c.name,
    publishedAt: c.publishedAt,
    runId: summary.runId,
  };
  let observations: Observation[];
  let bytes: Uint8Array;
  try {
    bytes = await c.fetch();
    observations = feed.parse(bytes, {
      fileName: c.name,
      settlementPoints: deps.settlementPoints,
    });
  } catch (err) {
    const status = err instanceof SchemaChangedError
      ? "schema_changed" as const
      : "failed" as const;
    const error = `${c.name ?? c.docId}: ${(err as Error).message}`;
    await recordFailedDocument(deps.sql, { ...base, status, error });
    return { docId: c.docId, name: c.name, status, rows: 0, error };
  }
  let result: StoreResult;
  try {
    result = await storeDocument(deps, { ...base, observations });
  } catch (err) {
    return await storeFailed(deps, base, err);
  }
  c.committed?.();
  // Each refresh covers everything owed, so the latest one says whether anything still is.
  summary.refreshError = result.refreshError;
  if (feed.id === "daily_prc") {
    const status = parseGridCondition(bytes);
    if (await recordGridStatus(deps.sql, status) && deps.bus) {
      await publishGridStatus(deps.bus, status);
    }
  }
  const rows = result.inserted + result.revised;
  summary.rows += rows;
  if (result.window && (!summary.lastDataAt || result.window.end > summary.lastDataAt)) {
    summary.lastDataAt = result.window.end;
  }
  await deps.onStored?.({
    feed: feed.id,
    docId: c.docId,
    observations,
    result,
    ingestedAt: deps.clock(),
  });
  return { docId: c.docId, name: c.name, status: result.status, rows };
}

/**
 * A document whose transaction failed: nothing of it was kept and the ledger
 * does not hold it, so the next poll fetches it again. A lost database
 * connection ends the run with one line naming the document; any other
 * failure is recorded against the document and the run goes on.
 */
async function storeFailed(
  deps: IngestDeps,
  base: { feed: FeedId; docId: string; name?: string; publishedAt?: Date; runId: number },
  err: unknown,
): Promise<DocumentOutcome> {
  const label = `${base.name ?? base.docId}`;
  if (isConnectionLost(err)) {
    throw new Error(
      `${label}: database connection lost while storing (${describeCause(err)}); ` +
        "nothing of the document was kept, it is fetched again at the next poll",
    );
  }
  const error = `${label}: not stored (${describeCause(err)}); retried at the next poll`;
  await recordFailedDocument(deps.sql, { ...base, status: "failed", error });
  return { docId: base.docId, name: base.name, status: "failed", rows: 0, error };
}

/** A run's status from its documents: empty and failures are never reported as success. */
export function runStatus(docs: DocumentOutcome[]): RunStatus {
  if (docs.length === 0) return "success";
  const ok = docs.filter((d) => d.status === "success").length;
  const bad = docs.filter((d) => d.status === "failed" || d.status === "schema_changed");
  if (bad.length === 0) return ok > 0 ? "success" : "empty";
  if (ok > 0 || docs.some((d) => d.status === "empty")) return "partial";
  return bad.every((d) => d.status === "schema_changed") ? "schema_changed" : "failed";
}

async function finishRun(deps: IngestDeps, s: RunSummary): Promise<void> {
  const errors = s.documents.filter((d) => d.error).map((d) => d.error);
  if (s.refreshError) errors.push(s.refreshError);
  const error = s.error ?? (errors.length ? errors.join("; ").slice(0, 4000) : null);
  const details = {
    documents: s.documents,
    last_data_at: s.lastDataAt?.toISOString() ?? null,
  };
  await deps.sql`
    update ingest_runs set finished_at = ${deps.clock()}, status = ${s.status}, rows = ${s.rows},
      documents = ${s.documents.length}, error = ${error}, details = ${
    deps.sql.json(details as unknown as postgres.JSONValue)
  }
    where id = ${s.runId} and status = 'running'`;
}

async function shortHash(bytes: Uint8Array): Promise<string> {
  return (await digestHex(bytes)).slice(0, 24);
}
