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

import { buildIndex, type Index, scan } from "./mirror_index.ts";
import {
  archive,
  type Body,
  dashboard,
  issueToken,
  misDownload,
  misListing,
  respond,
  text,
  unauthorized,
} from "./mirror_responses.ts";

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
