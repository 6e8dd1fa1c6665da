/**
 * Backfill of one MIS feed from the ERCOT Public API archive: every document
 * posted on the given Central-time days is downloaded, parsed and stored in
 * its own transaction together with an `archive:<docId>` row in
 * `ingest_documents`. That ledger is the checkpoint: a re-run skips stored
 * documents, and a run stopped midway resumes where it stopped with identical
 * data. The run is kept in `ingest_runs` (feed = the feed id) with
 * `details.kind = "backfill"`, its range and its progress.
 *
 * A document that cannot be parsed, or that the API refuses with a 4xx, is
 * recorded as failed and the run goes on; an unreachable API stops the run.
 *
 * @module
 */
import type postgres from "postgres";
import { unzipSync } from "fflate";
import type { Sql } from "../db/client.ts";
import type { Variant } from "../db/migrate.ts";
import { type Feed, FEED_IDS, type FeedId, FEEDS, isFeedId } from "./feeds/mod.ts";
import { type DocumentOutcome, type RunStatus, runStatus, type StoredEvent } from "./job.ts";
import type { ArchiveEntry, PublicApiClient } from "./public_api.ts";
import type { Observation } from "./types.ts";
import type { SettlementPoints } from "./feeds/points.ts";
import { knownDocuments, recordFailedDocument, storeDocument } from "./store.ts";
import { startHeartbeat } from "./runs.ts";
import { type ParseWorker, startParseWorker } from "./parse_worker.ts";
import { pipeline } from "../util/pipeline.ts";
import { refreshPending } from "../db/aggregates.ts";
import {
  ParseError,
  SchemaChangedError,
  UpstreamError,
  ValidationError,
} from "../domain/errors.ts";
import { type CentralDate, centralDayEnd, centralDayStart } from "../domain/central.ts";
import { parseCentralDate } from "../domain/ercot_time.ts";

/** Feeds the Public API archives: the MIS feeds with an EMIL id. */
export const BACKFILL_FEEDS: readonly FeedId[] = FEED_IDS.filter((id) =>
  FEEDS[id].kind === "mis" && FEEDS[id].emilId !== undefined
);

/** A feed that can be backfilled. */
export type ArchivedFeed = Feed & { emilId: string };

/**
 * The feed `id` names, when it can be backfilled. Throws a `ValidationError`
 * naming the feeds that can otherwise.
 */
export function backfillFeed(id: string): ArchivedFeed {
  const feed = isFeedId(id) ? FEEDS[id] : undefined;
  if (feed?.emilId && feed.kind === "mis") return feed as ArchivedFeed;
  const why = feed ? "it has no ERCOT Public API archive" : "it is not a feed";
  throw new ValidationError(
    `Cannot backfill "${id}": ${why}; feeds that can be backfilled: ${BACKFILL_FEEDS.join(", ")}`,
  );
}

/** Central-time posting days, first to last inclusive, and the instants they span. */
export interface BackfillRange {
  from: string;
  to: string;
  /** Local midnight starting `from`. */
  postedFrom: Date;
  /** Local midnight ending `to` (exclusive). */
  postedTo: Date;
}

function readDay(name: string, text: string): CentralDate {
  const message = `Invalid --${name} "${text}": expected a date as YYYY-MM-DD`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new ValidationError(message);
  try {
    return parseCentralDate(text);
  } catch {
    throw new ValidationError(message);
  }
}

/** Reads `YYYY-MM-DD` bounds; a bad date or `from` after `to` is a `ValidationError`. */
export function parseBackfillRange(from: string, to: string): BackfillRange {
  const first = readDay("from", from);
  const last = readDay("to", to);
  if (from > to) throw new ValidationError(`Invalid range: --from ${from} is after --to ${to}`);
  return { from, to, postedFrom: centralDayStart(first), postedTo: centralDayEnd(last) };
}

/** What a backfill needs. */
export interface BackfillDeps {
  sql: Sql;
  variant: Variant;
  /** The Public API client; it keeps to the request limit. */
  api: PublicApiClient;
  clock: () => Date;
  /** Called once the archive is listed and after each document. */
  onProgress?: (p: BackfillProgress) => void;
  /** Aborting stops the run before its next document; stored documents stay. */
  signal?: AbortSignal;
  /** Called after each stored document has committed (events), as in an ingest run. */
  onStored?: (e: StoredEvent) => Promise<void> | void;
}

/** Options of {@linkcode runBackfill}. */
export interface BackfillOptions {
  /** First Central posting day, `YYYY-MM-DD`. */
  from: string;
  /** Last Central posting day, `YYYY-MM-DD`, inclusive. */
  to: string;
  /** Settlement points the price feeds keep (default `zones`: hubs, load zones, DC ties). */
  settlementPoints?: SettlementPoints;
}

/** Where a backfill stands. */
export interface BackfillProgress {
  feed: FeedId;
  /** Archived documents in the range. */
  total: number;
  /** Documents handled: stored before this run, stored or failed in it. */
  done: number;
  /** Documents already stored before this run. */
  skipped: number;
  /** Documents that failed in this run. */
  failed: number;
  /** Rows inserted or revised by this run. */
  rows: number;
  /** Time since the run started. */
  elapsedMs: number;
}

/** What a backfill did. */
export interface BackfillSummary extends BackfillProgress {
  runId: number;
  status: RunStatus;
  from: string;
  to: string;
  /** This run's documents. */
  documents: DocumentOutcome[];
  /** Why the run stopped early, if it did. */
  error?: string;
}

/** The ledger id of an archived document. */
export function archiveDocId(docId: number): string {
  return `archive:${docId}`;
}

/**
 * Backfills `feedId` over `options.from`..`options.to`. Throws a
 * `ValidationError` for a feed or range it cannot take; an upstream failure
 * ends the run with status `failed` (or `partial` when documents were stored)
 * and is reported in the summary, not thrown.
 */
export async function runBackfill(
  deps: BackfillDeps,
  feedId: string,
  options: BackfillOptions,
): Promise<BackfillSummary> {
  const feed = backfillFeed(feedId);
  const range = parseBackfillRange(options.from, options.to);
  const started = deps.clock();
  const s = await startRun(deps, feed.id, range);
  const stopHeartbeat = startHeartbeat(deps.sql, s.runId);
  const progress = () => {
    s.elapsedMs = deps.clock().getTime() - started.getTime();
    deps.onProgress?.({ ...s });
  };
  let parser: ParseWorker | undefined;
  try {
    const pending = await pendingEntries(deps, feed, range, s);
    progress();
    // The next document downloads and parses, on a second thread, while this one is stored.
    parser = pending.length > 0 ? startParseWorker() : undefined;
    await pipeline(
      pending,
      (entry) => fetchOne(deps, parser!, feed, entry, s.runId, options),
      async (fetched) => {
        const outcome = await storeOne(deps, fetched);
        s.documents.push(outcome);
        s.done++;
        s.rows += outcome.rows;
        if (outcome.error) s.failed++;
        await saveRun(deps, s);
        progress();
      },
      {
        check: () => {
          if (deps.signal?.aborted) throw new Error("Interrupted");
        },
      },
    );
    s.status = runStatus(s.documents);
    await repairRollups(deps, s);
  } catch (err) {
    s.status = s.documents.some((d) => d.status === "success") ? "partial" : "failed";
    s.error = `${(err as Error).message} at ${s.done} of ${s.total} documents; run again to resume`;
  } finally {
    stopHeartbeat();
    parser?.close();
  }
  await saveRun(deps, s, true);
  return s;
}

/**
 * TimescaleDB: rollups a document committed but could not refresh are tried
 * once more, and a failure is the run's error, as in an ingest run.
 */
async function repairRollups(deps: BackfillDeps, s: BackfillSummary): Promise<void> {
  if (deps.variant !== "timescale") return;
  const { error } = await refreshPending(deps.sql);
  if (!error) return;
  s.error = error;
  if (s.status === "success" || s.status === "empty") s.status = "partial";
}

async function startRun(deps: BackfillDeps, feed: FeedId, range: BackfillRange) {
  // A bigint: postgres.js returns it as text.
  const [{ id }] = await deps.sql<{ id: string }[]>`
    insert into ingest_runs (feed, started_at, heartbeat_at)
    values (${feed}, ${deps.clock()}, now()) returning id`;
  const s: BackfillSummary = {
    feed,
    runId: Number(id),
    status: "success",
    from: range.from,
    to: range.to,
    total: 0,
    done: 0,
    skipped: 0,
    failed: 0,
    rows: 0,
    elapsedMs: 0,
    documents: [],
  };
  await saveRun(deps, s);
  return s;
}

/** Archived documents of the range not yet in the ledger, oldest first. */
async function pendingEntries(
  deps: BackfillDeps,
  feed: ArchivedFeed,
  range: BackfillRange,
  s: BackfillSummary,
): Promise<ArchiveEntry[]> {
  const listed = await deps.api.listArchives(feed.emilId, range);
  // The listing's upper bound is inclusive; the range ends at midnight, exclusive.
  const entries = listed.filter((e) => e.postDatetime < range.postedTo);
  const ids = entries.map((e) => archiveDocId(e.docId));
  const known = await knownDocuments(deps.sql, feed.id, ids);
  s.total = entries.length;
  s.skipped = s.done = known.size;
  return entries.filter((e) => !known.has(archiveDocId(e.docId)));
}

/** Whether an error belongs to one document, so the run can go on without it. */
function isDocumentFault(err: unknown): boolean {
  if (err instanceof ParseError || err instanceof SchemaChangedError) return true;
  const status = err instanceof UpstreamError ? Number(err.extra.status) : NaN;
  return status >= 400 && status < 500;
}

/** A downloaded document: parsed, or refused for a fault of its own. */
type Fetched =
  & { base: { feed: FeedId; docId: string; name: string; publishedAt: Date; runId: number } }
  & (
    | { observations: Observation[] }
    | { status: "failed" | "schema_changed"; error: string }
  );

/**
 * Downloads and parses one archived document. A fault of the document
 * itself (it cannot be parsed, the API refuses it with a 4xx) is returned
 * for the ledger; anything else is thrown and stops the run.
 */
async function fetchOne(
  deps: BackfillDeps,
  parser: ParseWorker,
  feed: ArchivedFeed,
  entry: ArchiveEntry,
  runId: number,
  options: BackfillOptions,
): Promise<Fetched> {
  const docId = archiveDocId(entry.docId);
  const name = entry.friendlyName;
  const base = { feed: feed.id, docId, name, publishedAt: entry.postDatetime, runId };
  try {
    const doc = unwrapArchive(await deps.api.downloadArchive(feed.emilId, entry.docId), name);
    const observations = await parser.parse(feed.id, doc.bytes, {
      fileName: doc.fileName,
      settlementPoints: options.settlementPoints,
    });
    return { base, observations };
  } catch (err) {
    if (!isDocumentFault(err)) throw err;
    const status = err instanceof SchemaChangedError
      ? "schema_changed" as const
      : "failed" as const;
    return { base, status, error: `${docId} (${name}): ${(err as Error).message}` };
  }
}

/** Stores a fetched document, or records why it could not be. */
async function storeOne(deps: BackfillDeps, fetched: Fetched): Promise<DocumentOutcome> {
  const { base } = fetched;
  const { docId, name } = base;
  if (!("observations" in fetched)) {
    const { status, error } = fetched;
    await recordFailedDocument(deps.sql, { ...base, status, error });
    return { docId, name, status, rows: 0, error };
  }
  const { observations } = fetched;
  const result = await storeDocument(deps, { ...base, observations });
  await deps.onStored?.({ feed: base.feed, docId, observations, result, ingestedAt: deps.clock() });
  return { docId, name, status: result.status, rows: result.inserted + result.revised };
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;

/**
 * The document inside an archive download. An archive holding one ZIP and
 * nothing else (ERCOT's ZIP of ZIPs) gives that inner ZIP and its entry name;
 * anything else is returned as is, with `name`, for the feed parser to read.
 * A corrupt ZIP is a `ParseError`.
 */
export function unwrapArchive(
  bytes: Uint8Array,
  name: string,
): { bytes: Uint8Array; fileName: string } {
  if (!isZip(bytes)) return { bytes, fileName: name };
  const names: string[] = [];
  try {
    // Reads the directory only: the filter declines every entry, so nothing is inflated.
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
    const files = names.filter((n) => !n.endsWith("/"));
    if (files.length !== 1 || !/\.zip$/i.test(files[0])) return { bytes, fileName: name };
    const inner = unzipSync(bytes, { filter: (f) => f.name === files[0] })[files[0]];
    return { bytes: inner, fileName: files[0] };
  } catch (err) {
    throw new ParseError(
      `Cannot read archive ${name}: the ZIP is truncated or corrupt (${(err as Error).message})`,
    );
  }
}

async function saveRun(deps: BackfillDeps, s: BackfillSummary, finished = false): Promise<void> {
  const failures = s.documents.filter((d) => d.error).slice(0, 20)
    .map((d) => ({ doc_id: d.docId, error: d.error }));
  const details = {
    kind: "backfill",
    from: s.from,
    to: s.to,
    total: s.total,
    done: s.done,
    skipped: s.skipped,
    failed: s.failed,
    failures,
  };
  await deps.sql`
    update ingest_runs set
      finished_at = ${finished ? deps.clock() : null},
      status = ${finished ? s.status : "running"}, rows = ${s.rows},
      documents = ${s.documents.length}, error = ${s.error ?? null},
      details = ${deps.sql.json(details as unknown as postgres.JSONValue)}
    where id = ${s.runId}`;
}
