/**
 * The recordings mirror's index: what a scan of the recordings folder holds,
 * sorted into MIS listings and documents (synthetic listing entries for
 * unlisted files), dashboards and public-API archives. See `mirror.ts`.
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
} from "../ingest/mis.ts";

/** A recorded file: its path, folder, name and modification time (epoch ms). */
export interface RecFile {
  path: string;
  folder: string;
  name: string;
  mtime: number;
}

/** A document or product object as ERCOT writes it in JSON. */
export type Doc = Record<string, unknown>;

/** A MIS document the mirror serves, with its listing entry (recorded or synthetic). */
export interface MisEntry {
  file: RecFile;
  rtid: number;
  doc: Doc;
  synthetic: boolean;
  zipped?: Uint8Array<ArrayBuffer>;
}

/** One archive of a public-API product. */
export interface Archive {
  docId: number;
  friendlyName: string;
  postDatetime: string;
}

/** A public-API product's archives and their recorded ZIP files. */
export interface ArchiveSet {
  product: Doc;
  entries: Map<number, Archive>;
  zips: Map<number, RecFile>;
  mtime: number;
}

/** Everything the mirror serves, indexed from one scan of the recordings folder. */
export interface Index {
  listings: Map<number, { file: RecFile; docs: Doc[] }>;
  mis: Map<string, MisEntry>;
  listed: Map<string, Doc>;
  dashboards: { file: RecFile; names: string[]; stamp: string }[];
  archives: Map<string, ArchiveSet>;
}

const STAMP = /_(\d{4}-\d{2}-\d{2}(?:T\d{4,6})?)\.json$/;

/** Every file one level down in `dir`, sorted by path. */
export async function scan(dir: string): Promise<RecFile[]> {
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

/** Indexes the recorded listings, MIS files, dashboards and public-API archives. */
export async function buildIndex(files: RecFile[]): Promise<Index> {
  const listings = await indexListings(files);
  const { mis, listed } = await indexMis(files, listings);
  const archives = await indexArchives(files);
  return { listings, mis, listed, dashboards: indexDashboards(files), archives };
}
