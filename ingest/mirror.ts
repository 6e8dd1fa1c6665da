/**
 * Serves a recordings folder laid out like `shared/fixtures/ercot` at ERCOT's
 * URL paths, so ingestion can run against recorded payloads:
 *
 * - `GET /misapp/servlets/IceDocListJsonWS?reportTypeId=N`: the newest
 *   `mis-doclist/IceDocListJsonWS_reportTypeId-N_*.json` (verbatim), with
 *   synthetic documents added for recorded files of report N it does not
 *   list; with no recorded listing, only synthetic ones. Other query
 *   parameters (the `&_<digits>` cache-buster) are ignored.
 * - `GET /misdownload/servlets/mirDownload?doclookupId=ID`: the recorded
 *   file of that document (a bare `.csv` is zipped, as ERCOT serves ZIPs).
 *   A listed document maps to a file by its ConstructedName without the
 *   milliseconds; listed documents without a file answer 404.
 * - `GET /api/1/services/read/dashboards/<name>.json`: the newest recording
 *   by the stamp in its name, from `dashboard-<name>/` or any
 *   `dashboard-*` file named `<name>_<stamp>.json`.
 * - `GET /api/public-reports/archive/<emil>` (listing, filtered by
 *   `postDatetimeFrom/To`, paged by `page`/`size`) and `?download=<docId>`,
 *   from `public-api-archive-<emil>/` listing JSON and `<docId>.….zip` files.
 *   These need a bearer token from the mirror and a subscription key.
 * - `POST …/oauth2/v2.0/token`: answers `{ id_token, expires_in: 3600 }`.
 *
 * A recorded MIS file (`mis-*` folders, `.zip` or `.csv`) belongs to a report
 * by its `cdr.<8-digit RTID>.` name, else by an EMIL id in its folder
 * (`mis-np6-346-cd`) or file name. A file with no listed document gets a
 * stable DocID: `9` and 10 digits of a hash of `<folder>/<file>` (real DocIDs
 * have 10 digits, so the two never collide). The folder is re-scanned when
 * its files change, so hand-written recordings just work.
 *
 * Every 200 to a GET carries ETag and Last-Modified and conditional requests
 * get 304. Unknown paths get a plain-text 404.
 *
 * @module
 */

import { zipSync } from "fflate";
import {
  type ConstructedName,
  formatCentral,
  listingDocuments,
  parseConstructedName,
  readPostingTime,
  REPORT_TYPE_IDS,
} from "./mis.ts";
import { digestHex } from "../util/digest.ts";

/** What a fault hook answers: a response to send instead, a way to break the real one, or nothing. */
export type Fault = Response | "truncate" | "hang" | undefined;

/** Options of {@linkcode createMirror}. */
export interface MirrorOptions {
  /** The recordings folder. */
  dir: string;
  /**
   * Test hook called first for every request: a `Response` is sent as is
   * (e.g. 429 with Retry-After, 500); `"truncate"` sends half the real body
   * under the full Content-Length; `"hang"` sends headers and then nothing
   * until the client gives up.
   */
  faults?: (req: Request) => Fault;
}

/** A `fetch`-style handler, for `Deno.serve` or direct calls. */
export type MirrorHandler = (req: Request) => Promise<Response>;

interface RecFile {
  path: string;
  folder: string;
  name: string;
  mtime: number;
}

type Doc = Record<string, unknown>;

interface MisEntry {
  file: RecFile;
  rtid: number;
  doc: Doc;
  synthetic: boolean;
  zipped?: Uint8Array<ArrayBuffer>;
}

interface Archive {
  docId: number;
  friendlyName: string;
  postDatetime: string;
}

interface ArchiveSet {
  product: Doc;
  entries: Map<number, Archive>;
  zips: Map<number, RecFile>;
  mtime: number;
}

interface Index {
  listings: Map<number, { file: RecFile; docs: Doc[] }>;
  mis: Map<string, MisEntry>;
  listed: Map<string, Doc>;
  dashboards: { file: RecFile; names: string[]; stamp: string }[];
  archives: Map<string, ArchiveSet>;
}

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
const json = (status: number, value: unknown) => Response.json(value, { status });
const STAMP = /_(\d{4}-\d{2}-\d{2}(?:T\d{4,6})?)\.json$/;

async function scan(dir: string): Promise<RecFile[]> {
  const files: RecFile[] = [];
  for await (const folder of Deno.readDir(dir)) {
    if (!folder.isDirectory) continue;
    for await (const entry of Deno.readDir(`${dir}/${folder.name}`)) {
      const path = `${dir}/${folder.name}/${entry.name}`;
      const info = await Deno.stat(path);
      if (!info.isFile) continue;
      files.push({
        path,
        folder: folder.name,
        name: entry.name,
        mtime: info.mtime?.getTime() ?? 0,
      });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

function fnv1a(input: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(input)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

function reportOf(file: RecFile): number | undefined {
  const cdr = parseConstructedName(file.name);
  if (cdr) return cdr.reportTypeId;
  for (const name of [file.folder.replace(/^mis-/, ""), file.name]) {
    const emil = /^np\d+-\d+-[a-z]+/i.exec(name)?.[0].toUpperCase();
    if (emil && REPORT_TYPE_IDS[emil]) return REPORT_TYPE_IDS[emil];
  }
  return undefined;
}

function describe(file: RecFile, rtid: number): ConstructedName {
  const cdr = parseConstructedName(file.name);
  if (cdr) return { ...cdr, kind: cdr.kind ?? "csv" };
  const friendly = file.name.split(".")[0];
  const dated = /_(\d{8}|\d{6})(?=_|$)/.exec(friendly)?.[1];
  const postedDate = dated?.padEnd(8, "01") ??
    formatCentral(new Date(file.mtime)).slice(0, 10).replaceAll("-", "");
  return {
    reportTypeId: rtid,
    duns: "0".repeat(16),
    postedDate,
    postedTime: "000000",
    friendly,
    kind: "csv",
  };
}

const keyOf = (c: ConstructedName) =>
  `${c.reportTypeId}.${c.postedDate}.${c.postedTime}.${c.friendly}.${c.kind}`.toLowerCase();

/** `YYYYMMDD` + `HHMMSS` as `YYYY-MM-DDTHH:MM:SS`. */
function wall(date: string, time: string): string {
  return `${date}T${time}`.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)$/, "$1-$2-$3T$4:$5:$6");
}

function syntheticDoc(c: ConstructedName, docId: string, size: number, reportName: string): Doc {
  const posted = readPostingTime(wall(c.postedDate, c.postedTime));
  const d = c.postedDate;
  const expiry = new Date(Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6) + 7));
  const expiryDate = expiry.toISOString().slice(0, 10).replaceAll("-", "");
  const rtid = String(c.reportTypeId).padStart(8, "0");
  return {
    ExpiredDate: formatCentral(readPostingTime(wall(expiryDate, "235959")), { offset: true }),
    ILMStatus: "EXT",
    SecurityStatus: "P",
    ContentSize: String(size),
    Extension: "zip",
    ReportTypeID: String(c.reportTypeId),
    Prefix: "cdr",
    FriendlyName: `${c.friendly}_${c.kind}`,
    ConstructedName: `cdr.${rtid}.${c.duns}.${d}.${c.postedTime}000.${c.friendly}_${c.kind}.zip`,
    DocID: docId,
    PublishDate: formatCentral(posted, { offset: true }),
    ReportName: reportName,
    DUNS: c.duns,
    DocCount: "0",
  };
}

async function indexListings(files: RecFile[]): Promise<Index["listings"]> {
  const listings: Index["listings"] = new Map();
  const stampOf = (f: RecFile) => `${STAMP.exec(f.name)?.[1] ?? ""} ${f.name}`;
  for (const file of files) {
    const rtid = Number(/^IceDocListJsonWS_reportTypeId-(\d+)\D.*\.json$/.exec(file.name)?.[1]);
    if (file.folder !== "mis-doclist" || !rtid) continue;
    const seen = listings.get(rtid);
    if (seen && stampOf(seen.file) > stampOf(file)) continue;
    const docs = listingDocuments(JSON.parse(await Deno.readTextFile(file.path)));
    listings.set(rtid, { file, docs });
  }
  return listings;
}

async function misEntry(
  file: RecFile,
  rtid: number,
  recorded: Index["listings"],
  byKey: Map<string, Doc>,
) {
  const c = describe(file, rtid);
  const listedDoc = byKey.get(keyOf(c));
  const rtid8 = String(rtid).padStart(8, "0");
  const inner = `cdr.${rtid8}.${c.duns}.${c.postedDate}.${c.postedTime}.${c.friendly}.csv`;
  const zipped = /\.csv$/i.test(file.name)
    ? new Uint8Array(zipSync({ [inner]: [await Deno.readFile(file.path), { mtime: file.mtime }] }))
    : undefined;
  if (listedDoc) return { file, rtid, doc: listedDoc, synthetic: false, zipped };
  const docId = `9${String(fnv1a(`${file.folder}/${file.name}`)).padStart(10, "0")}`;
  const size = zipped?.byteLength ?? (await Deno.stat(file.path)).size;
  const reportName = String(recorded.get(rtid)?.docs[0]?.ReportName ?? "");
  return { file, rtid, doc: syntheticDoc(c, docId, size, reportName), synthetic: true, zipped };
}

async function indexMis(files: RecFile[], listings: Index["listings"]) {
  const listed = new Map<string, Doc>();
  const byKey = new Map<string, Doc>();
  for (const { docs } of listings.values()) {
    for (const doc of docs) {
      listed.set(String(doc.DocID), doc);
      const c = parseConstructedName(String(doc.ConstructedName ?? ""));
      if (c) byKey.set(keyOf(c), doc);
    }
  }
  const mis = new Map<string, MisEntry>();
  for (const file of files) {
    if (!/^mis-/.test(file.folder) || file.folder === "mis-doclist") continue;
    const rtid = /\.(zip|csv)$/i.test(file.name) ? reportOf(file) : undefined;
    if (rtid === undefined) continue;
    const entry = await misEntry(file, rtid, listings, byKey);
    mis.set(String(entry.doc.DocID), entry);
  }
  return { mis, listed };
}

function indexDashboards(files: RecFile[]): Index["dashboards"] {
  return files.filter((f) => f.folder.startsWith("dashboard-") && f.name.endsWith(".json"))
    .map((file) => {
      const stamp = STAMP.exec(file.name)?.[1] ?? "";
      const prefix = stamp ? file.name.slice(0, -(stamp.length + 6)) : file.name.slice(0, -5);
      return { file, names: [file.folder.slice("dashboard-".length), prefix], stamp };
    });
}

function archiveSet(sets: Map<string, ArchiveSet>, emil: string): ArchiveSet {
  let set = sets.get(emil);
  if (!set) {
    const product = { emilId: emil.toUpperCase(), name: emil.toUpperCase() };
    sets.set(emil, set = { product, entries: new Map(), zips: new Map(), mtime: 0 });
  }
  return set;
}

async function indexArchives(files: RecFile[]): Promise<Index["archives"]> {
  const sets = new Map<string, ArchiveSet>();
  const mine = files.filter((f) => f.folder.startsWith("public-api-archive-"));
  for (const file of mine.filter((f) => f.name.endsWith(".listing.json"))) {
    const body = JSON.parse(await Deno.readTextFile(file.path)) as Doc;
    const set = archiveSet(sets, file.folder.slice("public-api-archive-".length).toLowerCase());
    set.product = (body.product ?? set.product) as Doc;
    set.mtime = Math.max(set.mtime, file.mtime);
    for (const { docId, friendlyName, postDatetime } of (body.archives ?? []) as Archive[]) {
      set.entries.set(Number(docId), { docId: Number(docId), friendlyName, postDatetime });
    }
  }
  for (const file of mine) {
    const m = /^(\d+)\.ext\.(\d{8})\.\d+\.(\d{8})\.(\d{6})\.(.+)\.zip$/.exec(file.name);
    if (!m) continue;
    const set = archiveSet(sets, file.folder.slice("public-api-archive-".length).toLowerCase());
    const docId = Number(m[1]);
    set.zips.set(docId, file);
    set.mtime = Math.max(set.mtime, file.mtime);
    if (!set.entries.has(docId)) {
      set.entries.set(docId, {
        docId,
        friendlyName: m[5],
        postDatetime: `${wall(m[3], m[4])}.000`,
      });
    }
    set.product.reportTypeId ??= Number(m[2]);
  }
  return sets;
}

async function buildIndex(files: RecFile[]): Promise<Index> {
  const listings = await indexListings(files);
  const { mis, listed } = await indexMis(files, listings);
  const archives = await indexArchives(files);
  return { listings, mis, listed, dashboards: indexDashboards(files), archives };
}

interface Body {
  bytes: Uint8Array<ArrayBuffer>;
  mtime: number;
  type: string;
  headers?: Record<string, string>;
}

async function respond(req: Request, body: Body): Promise<Response> {
  const etag = `"${await digestHex(body.bytes, "SHA-1")}"`;
  const lastModified = new Date(Math.floor(body.mtime / 1000) * 1000);
  const headers = {
    etag,
    "last-modified": lastModified.toUTCString(),
    "content-type": body.type,
    ...body.headers,
  };
  const tags = req.headers.get("if-none-match");
  const since = Date.parse(req.headers.get("if-modified-since") ?? "");
  const fresh = tags !== null
    ? tags.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*")
    : lastModified.getTime() <= since;
  if (fresh) return new Response(null, { status: 304, headers });
  return new Response(body.bytes, { status: 200, headers });
}

function jsonBody(value: unknown, mtime: number): Body {
  return {
    bytes: new TextEncoder().encode(JSON.stringify(value)),
    mtime,
    type: "application/json",
  };
}

function misListing(index: Index, params: URLSearchParams): Body | Response {
  const rtid = Number(params.get("reportTypeId"));
  if (!Number.isInteger(rtid) || rtid <= 0) {
    return text(400, `reportTypeId "${params.get("reportTypeId")}" is not a positive integer`);
  }
  // Only documents the mirror can serve are listed, so that ingesting from it succeeds:
  // a recorded listing's entries without a recorded file are left out.
  const recorded = index.listings.get(rtid);
  const served = [...index.mis.values()].filter((e) => e.rtid === rtid);
  const mtime = Math.max(recorded?.file.mtime ?? 0, ...served.map((e) => e.file.mtime));
  const docs = served.map((e) => e.doc)
    .sort((a, b) => Date.parse(String(b.PublishDate)) - Date.parse(String(a.PublishDate)));
  const list = docs.map((Document) => ({ Document }));
  return jsonBody({ ListDocsByRptTypeRes: { DocumentList: list } }, mtime);
}

async function misDownload(
  index: Index,
  params: URLSearchParams,
  dir: string,
): Promise<Body | Response> {
  const docId = params.get("doclookupId") ?? "";
  const entry = index.mis.get(docId);
  if (!entry) {
    const listed = index.listed.get(docId);
    return text(
      404,
      listed
        ? `Document ${docId} (${listed.ConstructedName}) is listed but not recorded in ${dir}`
        : `No recorded document with doclookupId "${docId}" in ${dir}`,
    );
  }
  const name = String(entry.doc.ConstructedName).replace(/(\.\d{6})\d{3}\./, "$1.");
  return {
    bytes: entry.zipped ?? await Deno.readFile(entry.file.path),
    mtime: entry.file.mtime,
    type: "application/zip",
    headers: { "content-disposition": `attachment; filename=${name}` },
  };
}

async function dashboard(index: Index, name: string, dir: string): Promise<Body | Response> {
  const newest = index.dashboards.filter((d) => d.names.includes(name))
    .sort((a, b) => `${b.stamp} ${b.file.name}`.localeCompare(`${a.stamp} ${a.file.name}`))[0];
  if (!newest) return text(404, `No recording of dashboard ${name}.json in ${dir}`);
  return {
    bytes: await Deno.readFile(newest.file.path),
    mtime: newest.file.mtime,
    type: "application/json",
  };
}

function archivePage(set: ArchiveSet, emil: string, params: URLSearchParams, origin: string) {
  const from = params.get("postDatetimeFrom")?.slice(0, 19);
  const to = params.get("postDatetimeTo")?.slice(0, 19);
  const page = Number(params.get("page") ?? 1);
  const size = Number(params.get("size") ?? 1000);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
    return text(400, `page "${params.get("page")}" and size "${params.get("size")}" must be >= 1`);
  }
  const matching = [...set.entries.values()]
    .filter((a) => {
      const posted = a.postDatetime.slice(0, 19);
      return (!from || posted >= from) && (!to || posted <= to);
    })
    .sort((a, b) => b.postDatetime.localeCompare(a.postDatetime));
  const self = `${origin}/api/public-reports/archive/${emil}`;
  const parameters = Object.fromEntries(
    [["postDatetimeFrom", from], ["postDatetimeTo", to]].filter(([, v]) => v),
  );
  const query = {
    parameterCount: Object.keys(parameters).length,
    parameters,
    sortedBy: "postDatetime: DESC",
  };
  return jsonBody({
    _meta: {
      totalRecords: matching.length,
      pageSize: size,
      totalPages: Math.ceil(matching.length / size),
      currentPage: page,
      query,
    },
    product: set.product,
    archives: matching.slice((page - 1) * size, page * size).map((a) => ({
      ...a,
      _links: { endpoint: { href: `${self}?download=${a.docId}` } },
    })),
    _links: { self: { href: self }, parent: { href: `${origin}/api/public-reports` } },
  }, set.mtime);
}

async function archive(
  index: Index,
  emil: string,
  url: URL,
  dir: string,
): Promise<Body | Response> {
  const set = index.archives.get(emil.toLowerCase());
  if (!set) {
    return json(404, { statusCode: 404, message: `No recorded archives of ${emil} in ${dir}` });
  }
  const download = url.searchParams.get("download");
  if (download === null) return archivePage(set, emil.toLowerCase(), url.searchParams, url.origin);
  const file = set.zips.get(Number(download));
  if (!file) {
    return json(404, { statusCode: 404, message: `No recorded archive ${download} of ${emil}` });
  }
  return {
    bytes: await Deno.readFile(file.path),
    mtime: file.mtime,
    type: "application/zip",
    headers: { "content-disposition": `attachment; filename=${file.name}` },
  };
}

async function issueToken(req: Request, tokens: Set<string>): Promise<Response> {
  const form = new URLSearchParams(await req.text());
  const missing = ["username", "password"].filter((k) => !form.get(k));
  if (form.get("grant_type") !== "password" || missing.length > 0) {
    const problem = missing.length
      ? `missing ${missing.join(", ")}`
      : "grant_type must be password";
    return json(400, { error: "invalid_request", error_description: problem });
  }
  const token = `mirror.${crypto.randomUUID()}`;
  tokens.add(token);
  return json(200, { id_token: token, token_type: "Bearer", expires_in: 3600 });
}

function unauthorized(req: Request, url: URL, tokens: Set<string>): Response | undefined {
  const key = req.headers.get("ocp-apim-subscription-key") ??
    url.searchParams.get("subscription-key");
  if (!key) return json(401, { statusCode: 401, message: "Missing subscription key" });
  const bearer = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!bearer || !tokens.has(bearer)) {
    return json(401, { statusCode: 401, message: "Missing or unknown bearer token" });
  }
  return undefined;
}

function breakBody(res: Response, fault: "truncate" | "hang", bytes: Uint8Array): Response {
  const headers = new Headers(res.headers);
  const body = new ReadableStream<Uint8Array>(
    fault === "hang" ? { pull: () => new Promise<void>(() => {}) } : {
      start(controller) {
        controller.enqueue(bytes.slice(0, Math.floor(bytes.byteLength / 2)));
        controller.close();
      },
    },
  );
  if (fault === "truncate") headers.set("content-length", String(bytes.byteLength));
  else headers.delete("content-length");
  return new Response(body, { status: res.status, headers });
}

/**
 * Creates the mirror handler. Throws a `TypeError` when `dir` is not a
 * readable folder or `faults` is not a function.
 *
 * @example
 * ```ts
 * const mirror = createMirror({ dir: "../shared/fixtures/ercot" });
 * Deno.serve({ port: 8081, hostname: "127.0.0.1" }, mirror);
 * ```
 */
export function createMirror(options: MirrorOptions): MirrorHandler {
  const { dir, faults } = options;
  let isDir = false;
  try {
    isDir = Deno.statSync(dir).isDirectory;
  } catch { /* reported below */ }
  if (!isDir) throw new TypeError(`Mirror dir "${dir}" is not a readable folder`);
  if (faults !== undefined && typeof faults !== "function") {
    throw new TypeError(`Mirror option faults: ${String(faults)} is not a function`);
  }
  const tokens = new Set<string>();
  let cached: { signature: string; index: Promise<Index> } | undefined;

  async function currentIndex(): Promise<Index> {
    const files = await scan(dir);
    const signature = files.map((f) => `${f.path} ${f.mtime}`).join("\n");
    if (cached?.signature !== signature) cached = { signature, index: buildIndex(files) };
    return cached.index;
  }

  async function route(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname;
    if (req.method === "POST" && path.endsWith("/oauth2/v2.0/token")) {
      return issueToken(req, tokens);
    }
    if (req.method !== "GET") return text(404, `No mirror route for ${req.method} ${path}`);
    const dashboardName = /^\/api\/1\/services\/read\/dashboards\/([\w-]+)\.json$/.exec(path)?.[1];
    const emil = /^\/api\/public-reports\/archive\/([\w-]+)$/.exec(path)?.[1];
    const index = await currentIndex();
    let result: Body | Response;
    if (path === "/misapp/servlets/IceDocListJsonWS") {
      result = await misListing(index, url.searchParams);
    } else if (path === "/misdownload/servlets/mirDownload") {
      result = await misDownload(index, url.searchParams, dir);
    } else if (dashboardName) result = await dashboard(index, dashboardName, dir);
    else if (emil) result = unauthorized(req, url, tokens) ?? await archive(index, emil, url, dir);
    else return text(404, `No mirror route for GET ${path}`);
    return result instanceof Response ? result : respond(req, result);
  }

  return async (req) => {
    const fault = faults?.(req);
    if (fault instanceof Response) return fault;
    let res: Response;
    try {
      res = await route(req);
    } catch (err) {
      return text(500, `Mirror cannot serve ${req.method} ${new URL(req.url).pathname}: ${err}`);
    }
    if (fault === undefined) return res;
    return breakBody(res, fault, new Uint8Array(await res.arrayBuffer()));
  };
}
