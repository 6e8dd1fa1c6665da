/**
 * Content coding: Brotli or gzip, as the caller's `Accept-Encoding` prefers,
 * for text answers (JSON, problem+json, CSV, HTML, JavaScript, CSS, SVG,
 * plain text) of at least {@link MIN_COMPRESS_BYTES}. Parquet (already
 * compressed column by column), event streams and tiny bodies go out as they
 * are. An `Accept-Encoding` we cannot read, or one that accepts neither
 * coding, gets the uncompressed answer: never an error.
 *
 * Cached answers carry their compressed variants (see `cache.ts`), so a
 * repeated read costs no compression; {@link compression} covers the rest,
 * streaming what is streamed (CSV exports).
 *
 * @module
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";

/** The codings we produce, best first. */
export type Coding = "br" | "gzip";

/** Bodies smaller than this are sent as they are: the coding would cost more than it saves. */
export const MIN_COMPRESS_BYTES = 1024;

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const QVALUE = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

const memo = new Map<string, Coding | undefined>();

/**
 * The coding to answer with for an `Accept-Encoding` header: the acceptable
 * one with the highest weight (Brotli on a tie), or undefined for identity.
 * Unknown codings, malformed entries and `q=0` are ignored.
 *
 * @example negotiateCoding("gzip, br;q=0.5") // "gzip"
 * @example negotiateCoding("identity") // undefined
 */
export function negotiateCoding(header: string | null | undefined): Coding | undefined {
  if (!header) return undefined;
  if (memo.has(header)) return memo.get(header);
  const chosen = parse(header);
  if (memo.size >= 256) memo.clear();
  if (header.length <= 256) memo.set(header, chosen);
  return chosen;
}

function parse(header: string): Coding | undefined {
  const weights = new Map<string, number>();
  for (const entry of header.slice(0, 1024).split(",")) {
    const [name, ...params] = entry.split(";").map((p) => p.trim().toLowerCase());
    if (!name || !TOKEN.test(name)) continue;
    let q = 1;
    const weight = params.find((p) => p.startsWith("q="));
    if (weight !== undefined) {
      if (!QVALUE.test(weight.replaceAll(" ", ""))) continue;
      q = Number(weight.replaceAll(" ", "").slice(2));
    }
    weights.set(name, Math.max(q, weights.get(name) ?? 0));
  }
  const star = weights.get("*");
  const weightOf = (coding: Coding) =>
    weights.get(coding) ?? (coding === "gzip" ? weights.get("x-gzip") : undefined) ?? star ?? 0;
  const br = weightOf("br"), gzip = weightOf("gzip");
  if (br <= 0 && gzip <= 0) return undefined;
  return br >= gzip ? "br" : "gzip";
}

const COMPRESSIBLE =
  /^(application\/(json|problem\+json|javascript|xml)|text\/(csv|html|javascript|css|plain|xml)|image\/svg\+xml)\b/i;

/** Whether answers of this content type are worth compressing. */
export function compressible(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}

/**
 * Compresses a whole body. Brotli at quality 5: within a few percent of the
 * densest setting for JSON at a twentieth of the time (see BENCHMARKS.md).
 */
export function compressBytes(body: Uint8Array | string, coding: Coding): Uint8Array {
  const out = coding === "br"
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(body, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The entity tag of a coded variant: its own, as RFC 9110 wants for strong tags. */
export function codedEtag(etag: string, coding: Coding): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${coding === "br" ? "br" : "gz"}"` : etag;
}

/** The tag a coded variant's tag was made from (`"abc-br"` → `"abc"`). */
export function baseEtag(etag: string): string {
  return etag.replace(/-(br|gz)"$/, '"');
}

/** Adds `Accept-Encoding` to a `Vary` header, once. */
export function varyOnCoding(headers: Headers): void {
  const vary = headers.get("vary");
  if (!vary) headers.set("vary", "Accept-Encoding");
  else if (!/\baccept-encoding\b/i.test(vary)) headers.set("vary", `${vary}, Accept-Encoding`);
}

/** A fixed body whose compressed variants are made once, on first demand. */
export interface Precompressed {
  body: Uint8Array;
  coded: Partial<Record<Coding, Uint8Array>>;
}

/** Wraps a fixed body (the OpenAPI document, the docs page's assets) for {@link sendPrecompressed}. */
export function precompressed(body: Uint8Array | string): Precompressed {
  return { body: typeof body === "string" ? new TextEncoder().encode(body) : body, coded: {} };
}

/** Answers `200` with a fixed body, compressed as negotiated. */
export function sendPrecompressed(
  c: Context,
  fixed: Precompressed,
  headers: Record<string, string>,
): Response {
  const coding = negotiateCoding(c.req.header("accept-encoding"));
  const out = { ...headers, vary: "Accept-Encoding" };
  if (!coding || fixed.body.byteLength < MIN_COMPRESS_BYTES) {
    return c.body(fixed.body as Uint8Array<ArrayBuffer>, 200, out);
  }
  const coded = fixed.coded[coding] ??= compressBytes(fixed.body, coding);
  return c.body(coded as Uint8Array<ArrayBuffer>, 200, { ...out, "content-encoding": coding });
}

/**
 * Compresses answers the routes did not compress themselves. Register it
 * right after the request id middleware, so it sees every answer.
 *
 * @example
 * app.use(compression());
 */
export function compression(opts: { minBytes?: number } = {}): MiddlewareHandler {
  const minBytes = opts.minBytes ?? MIN_COMPRESS_BYTES;
  return async function compression(c, next) {
    await next();
    const res = c.res;
    if (!res.body || res.headers.has("content-encoding") || c.req.method === "HEAD") return;
    const type = res.headers.get("content-type");
    if (!compressible(type) || /^text\/event-stream/i.test(type ?? "")) return;
    const headers = new Headers(res.headers);
    varyOnCoding(headers);
    const coding = negotiateCoding(c.req.header("accept-encoding"));
    let body: BodyInit | null = res.body;
    if (coding && /^text\/csv/i.test(type!)) {
      // Exports are streamed: compressed as they go, never buffered whole.
      body = res.body.pipeThrough(new CompressionStream(coding === "br" ? "brotli" : "gzip"));
      codedHeaders(headers, coding);
    } else if (coding) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      body = bytes;
      if (bytes.byteLength >= minBytes) {
        body = compressBytes(bytes, coding) as Uint8Array<ArrayBuffer>;
        codedHeaders(headers, coding);
      }
    }
    c.res = undefined;
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}

function codedHeaders(headers: Headers, coding: Coding): void {
  headers.set("content-encoding", coding);
  headers.delete("content-length");
  const etag = headers.get("etag");
  if (etag) headers.set("etag", codedEtag(etag, coding));
}
