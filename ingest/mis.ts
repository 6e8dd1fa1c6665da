/**
 * ERCOT MIS report listings: URLs, the `IceDocListJsonWS` listing parser, and
 * the choice of which documents to fetch (CSV only, one per data interval,
 * not already known), and the Central wall-clock reading of posting times.
 *
 * @module
 */

import { ParseError } from "../domain/errors.ts";
import { centralOffsetMinutes } from "../domain/central.ts";
import { parseCentralTimestamp } from "../domain/ercot_time.ts";

/** One document of an MIS listing. */
export interface MisDocument {
  /** `DocID`, a string of digits; the `doclookupId` of the download. */
  docId: string;
  /** e.g. `SPPHLZNP6905_20230608_1545_csv` or `LFCCONGESTNP3560_csv`. */
  friendlyName: string;
  /** e.g. `cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip`. */
  constructedName: string;
  /** Posting instant: the wall-clock time re-read as US Central (the listed offset can be wrong). */
  publishDate: Date;
  reportTypeId: number;
  /** Bytes of the ZIP. */
  contentSize: number;
}

/** Report type IDs (RTIDs) of the MIS products this service knows, by EMIL ID. */
export const REPORT_TYPE_IDS: Readonly<Record<string, number>> = {
  "NP3-560-CD": 12311,
  "NP3-561-CD": 12312,
  "NP3-565-CD": 14837,
  "NP3-911-ER": 13057,
  "NP4-180-ER": 13060,
  "NP4-188-CD": 12329,
  "NP4-190-CD": 12331,
  "NP4-523-CD": 13113,
  "NP4-732-CD": 13028,
  "NP4-737-CD": 13483,
  "NP4-742-CD": 14787,
  "NP4-745-CD": 21809,
  "NP6-235-CD": 12340,
  "NP6-322-CD": 13114,
  "NP6-323-CD": 13221,
  "NP6-331-CD": 24898,
  "NP6-332-CD": 24891,
  "NP6-345-CD": 13101,
  "NP6-346-CD": 14836,
  "NP6-785-ER": 13061,
  "NP6-788-CD": 12300,
  "NP6-905-CD": 12301,
};

function trimBase(base: string): string {
  return base.replace(/\/+$/, "");
}

/** The JSON listing URL of a report type, e.g. `…/IceDocListJsonWS?reportTypeId=12301`. */
export function misListingUrl(base: string, reportTypeId: number): string {
  if (!Number.isInteger(reportTypeId) || reportTypeId <= 0) {
    throw new TypeError(`Invalid MIS reportTypeId: ${reportTypeId} is not a positive integer`);
  }
  return `${trimBase(base)}/misapp/servlets/IceDocListJsonWS?reportTypeId=${reportTypeId}`;
}

/** The download URL of one document (a ZIP). */
export function misDownloadUrl(base: string, docId: string): string {
  if (!/^\d+$/.test(docId)) throw new TypeError(`Invalid MIS docId: "${docId}" is not digits`);
  return `${trimBase(base)}/misdownload/servlets/mirDownload?doclookupId=${docId}`;
}

/**
 * `instant` as Central wall-clock `yyyy-MM-ddTHH:mm:ss` (the form the Public
 * API takes and MIS listings show), with `±hh:mm` appended when `offset` is set.
 */
export function formatCentral(instant: Date, options: { offset?: boolean } = {}): string {
  const minutes = centralOffsetMinutes(instant);
  const wall = new Date(Math.floor(instant.getTime() / 1000) * 1000 + minutes * 60_000);
  const text = wall.toISOString().slice(0, 19);
  if (!options.offset) return text;
  const abs = Math.abs(minutes);
  const two = (n: number) => String(n).padStart(2, "0");
  const hhmm = `${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${text}${minutes < 0 ? "-" : "+"}${hhmm}`;
}

/**
 * Reads an ERCOT posting time as Central wall-clock time, ignoring any
 * offset: listings show offsets that are wrong across DST changes. `repeated`
 * picks the second (CST) pass of the fall-back hour. A wall time that cannot
 * exist (spring-forward gap) falls back to the offset as written. `field`
 * names the value in errors (default `PublishDate`).
 */
export function readPostingTime(
  text: string,
  options: { repeated?: boolean; field?: string } = {},
): Date {
  const wall = text.trim().replace(/(Z|[+-]\d{2}:?\d{2})$/, "");
  try {
    const field = options.field ?? "PublishDate";
    return parseCentralTimestamp(wall, { repeated: options.repeated, field });
  } catch (err) {
    const exact = Date.parse(text);
    if (wall !== text.trim() && !Number.isNaN(exact)) return new Date(exact);
    throw err;
  }
}

/**
 * The raw `Document` objects of a parsed listing, from either wrapper
 * (`ListDocsByRptTypeRes.DocumentList` or `ListDocsByRptType.RespData`),
 * entries with or without the `{ Document: … }` envelope, list or lone object.
 */
export function listingDocuments(json: unknown): Record<string, unknown>[] {
  const root = (json ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const wrapper = root.ListDocsByRptTypeRes ?? root.ListDocsByRptType;
  const resp = (wrapper?.RespData ?? wrapper) as Record<string, unknown> | unknown[] | undefined;
  const list = Array.isArray(resp) ? resp : resp?.DocumentList;
  if (list === undefined || list === null) {
    throw new ParseError(
      "Cannot parse MIS listing: no ListDocsByRptTypeRes.DocumentList or ListDocsByRptType.RespData",
    );
  }
  return (Array.isArray(list) ? list : [list]).map((entry) => {
    const outer = (entry ?? {}) as Record<string, unknown>;
    return (outer.Document ?? outer) as Record<string, unknown>;
  });
}

function field(doc: Record<string, unknown>, name: string, index: number): string {
  const value = doc[name];
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (typeof value === "number") return String(value);
  throw new ParseError(`Cannot parse MIS listing document ${index}: ${name} is missing`);
}

function toDocument(doc: Record<string, unknown>, index: number): MisDocument {
  const docId = field(doc, "DocID", index);
  const friendlyName = field(doc, "FriendlyName", index);
  const constructedName = typeof doc.ConstructedName === "string" ? doc.ConstructedName : "";
  const rtid = Number(doc.ReportTypeID ?? /^cdr\.(\d{8})\./.exec(constructedName)?.[1]);
  if (!Number.isInteger(rtid)) {
    throw new ParseError(`Cannot parse MIS listing document ${index}: ReportTypeID is missing`);
  }
  const size = Number(doc.ContentSize);
  return {
    docId,
    friendlyName,
    constructedName,
    publishDate: readPostingTime(field(doc, "PublishDate", index), {
      repeated: /xhr/i.test(friendlyName),
    }),
    reportTypeId: rtid,
    contentSize: Number.isFinite(size) ? size : 0,
  };
}

/**
 * Parses an `IceDocListJsonWS` response. Accepts the real wrapper
 * `ListDocsByRptTypeRes.DocumentList[].Document` and the variant
 * `ListDocsByRptType.RespData`, string or number values, and a lone document
 * instead of an array. `PublishDate` is re-read as Central wall-clock time
 * because ERCOT's offset is wrong on DST days; names carrying `xhr` are the
 * second pass of the repeated hour.
 */
export function parseListing(bytes: Uint8Array | string): MisDocument[] {
  const text = typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ParseError(`Cannot parse MIS listing: ${(err as Error).message}`);
  }
  return listingDocuments(json).map(toDocument);
}

/** True for the CSV member of a `_csv` / `_xml` twin pair. */
export function isCsvDocument(doc: MisDocument): boolean {
  return /_csv$/i.test(doc.friendlyName) || /csv\.zip$/i.test(doc.constructedName);
}

/**
 * The identity of the data a document carries: the friendly name without
 * `_retry`, `_csv`/`_xml` and `xhr`, plus its data-interval time
 * (`…_YYYYMMDD_HHMM[SS]`) or, for products with none, the posting time from
 * the constructed name. The second pass of the repeated hour (`xhr`) is a
 * different key.
 *
 * @example
 * ```ts
 * intervalKey({ friendlyName: "SPPHLZNP6905_retry_20230608_1545_csv", ... })
 * // "SPPHLZNP6905|20230608_1545" — same as SPPHLZNP6905_20230608_1545_csv
 * ```
 */
export function intervalKey(
  doc: Pick<MisDocument, "friendlyName" | "constructedName" | "docId">,
): string {
  const name = doc.friendlyName.replace(/_(csv|xml)$/i, "");
  const pass = /xhr/i.test(name) ? "|xhr" : "";
  const base = name.replace(/_retry/gi, "").replace(/xhr/gi, "").replace(/__+/g, "_")
    .replace(/_$/, "");
  const interval = /^(.*)_(\d{8}_\d{4}(?:\d{2})?)$/.exec(base);
  if (interval) return `${interval[1]}|${interval[2]}${pass}`;
  const posted = parseConstructedName(doc.constructedName);
  const when = posted ? `${posted.postedDate}.${posted.postedTime}` : `doc ${doc.docId}`;
  return `${base}|${when}${pass}`;
}

/**
 * Chooses the documents to fetch: `_csv` only (their `_xml` twins dropped),
 * one per {@linkcode intervalKey} keeping the latest `publishDate` (so a
 * `_retry` repost replaces the original), minus docIds in `known`, oldest
 * first.
 */
export function selectNewDocuments(
  docs: readonly MisDocument[],
  options: { known: ReadonlySet<string> },
): MisDocument[] {
  const latest = new Map<string, MisDocument>();
  for (const doc of docs) {
    if (!isCsvDocument(doc)) continue;
    const key = intervalKey(doc);
    const seen = latest.get(key);
    if (!seen || doc.publishDate > seen.publishDate) latest.set(key, doc);
  }
  return [...latest.values()]
    .filter((doc) => !options.known.has(doc.docId))
    .sort((a, b) =>
      a.publishDate.getTime() - b.publishDate.getTime() ||
      a.constructedName.localeCompare(b.constructedName)
    );
}

/** The parts of an MIS constructed (or recorded file) name. */
export interface ConstructedName {
  reportTypeId: number;
  duns: string;
  /** Posting date `YYYYMMDD` and time `HHMMSS` (Central), milliseconds dropped. */
  postedDate: string;
  postedTime: string;
  /** The friendly name without `_csv` / `_xml`, e.g. `LMPSROSNODENP6788_20260625_004018`. */
  friendly: string;
  /** `csv` or `xml` from the `_csv`/`_xml` suffix, else from a `.csv` / `.xml` extension. */
  kind: "csv" | "xml" | undefined;
}

/**
 * Parses `cdr.<RTID 8>.<DUNS>.<YYYYMMDD>.<HHMMSS[mmm]>.<FRIENDLY>[_csv|_xml][.…]`.
 * The ZIP's inner CSV drops the milliseconds and the `_csv`, so both
 * `….123000586.LFCCONGESTNP3560_csv.zip` and `….123000.LFCCONGESTNP3560.csv`
 * parse to the same posting and friendly name. Returns undefined for other names.
 */
export function parseConstructedName(name: string): ConstructedName | undefined {
  const m = /^cdr\.(\d{8})\.(\d+)\.(\d{8})\.(\d{6})\d*\.([^.]+?)(?:_(csv|xml))?(?:\..*)?$/i
    .exec(name);
  if (!m) return undefined;
  const suffix = (m[6] ?? /\.(csv|xml)$/i.exec(name)?.[1] ?? "").toLowerCase();
  return {
    reportTypeId: Number(m[1]),
    duns: m[2],
    postedDate: m[3],
    postedTime: m[4],
    friendly: m[5],
    kind: suffix === "csv" || suffix === "xml" ? suffix : undefined,
  };
}
