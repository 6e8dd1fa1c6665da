/**
 * The recordings mirror's answers: ERCOT's MIS listing and download, the
 * dashboards, the public-API archive and its token endpoint, each built from
 * the index (see `mirror_index.ts`) with the conditional-request headers.
 *
 * @module
 */

import { digestHex } from "../util/digest.ts";
import type { ArchiveSet, Index } from "./mirror_index.ts";

/** A plain-text answer. */
export const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
/** A JSON answer. */
export const json = (status: number, value: unknown) => Response.json(value, { status });

/** A payload to answer with (200, or 304 to a conditional request). */
export interface Body {
  bytes: Uint8Array<ArrayBuffer>;
  mtime: number;
  type: string;
  headers?: Record<string, string>;
}

/** Answers `body` with ETag and Last-Modified, or 304 when the client has it. */
export async function respond(req: Request, body: Body): Promise<Response> {
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

/** The MIS listing of `reportTypeId`: only documents the mirror can serve. */
export function misListing(index: Index, params: URLSearchParams): Body | Response {
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

/** The MIS document `doclookupId`; 404 names a listed but unrecorded one. */
export async function misDownload(
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

/** The newest recording of dashboard `name`. */
export async function dashboard(index: Index, name: string, dir: string): Promise<Body | Response> {
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

/** A public-API archive listing, or one archive with `?download=`. */
export async function archive(
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

/** Answers an OAuth password grant with a new bearer token. */
export async function issueToken(req: Request, tokens: Set<string>): Promise<Response> {
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

/** A 401 when the subscription key or a known bearer token is missing. */
export function unauthorized(req: Request, url: URL, tokens: Set<string>): Response | undefined {
  const key = req.headers.get("ocp-apim-subscription-key") ??
    url.searchParams.get("subscription-key");
  if (!key) return json(401, { statusCode: 401, message: "Missing subscription key" });
  const bearer = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!bearer || !tokens.has(bearer)) {
    return json(401, { statusCode: 401, message: "Missing or unknown bearer token" });
  }
  return undefined;
}
