/**
 * The browser UI, served from `web/dist` (built by `deno task web:build`, or
 * at start-up when missing): `/assets/*` with content-hashed names cached
 * for a year, and the page itself (`no-cache`) at every client route — `/`,
 * `/explore`, `/dashboards[/:id]`, `/dashboards/builtin/:uid`, `/shared/:token` (a share
 * link's read-only page), `/alerts`, `/keys`, `/signin`, `/register`. Only those paths answer with the page, so an unknown path is
 * still a 404 problem and an API typo never gets HTML. Mount it last. Files
 * the build precompressed go out as their `.br` or `.gz` sibling when the
 * caller accepts it.
 *
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { problem } from "../http/problem.ts";
import { negotiateCoding } from "../http/compress.ts";

/** Client routes the page answers (the SPA fallback). */
export const CLIENT_ROUTES = [
  "/",
  "/explore",
  "/dashboards",
  "/dashboards/:id",
  "/dashboards/builtin/:uid",
  "/shared/:token",
  "/alerts",
  "/keys",
  "/signin",
  "/register",
] as const;

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  map: "application/json",
};

const IMMUTABLE = "public, max-age=31536000, immutable";
const ASSET_NAME = /^[\w-]+(?:\.[\w-]+)*\.(js|css|svg|map)$/;

/** Options of {@link webRoutes}. */
export interface WebOptions {
  /** The built UI (`web/dist`). */
  distDir: string;
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return await Deno.readFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

/**
 * Reads `path` or, when the caller accepts a coding the build stored beside
 * it, that variant; `read` memoizes file reads (null when absent).
 */
async function variantOf(
  c: Context,
  path: string,
  read: (path: string) => Promise<Uint8Array | null>,
): Promise<{ body: Uint8Array | null; coding?: string }> {
  const coding = negotiateCoding(c.req.header("accept-encoding"));
  if (coding) {
    const coded = await read(`${path}.${coding === "br" ? "br" : "gz"}`);
    if (coded) return { body: coded, coding };
  }
  return { body: await read(path) };
}

/** The headers of a file answer, with its coding. */
function fileHeaders(type: string, cacheControl: string, coding?: string) {
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control": cacheControl,
    vary: "Accept-Encoding",
  };
  if (coding) headers["content-encoding"] = coding;
  return headers;
}

function notBuilt(c: Context): Response {
  return problem(
    c,
    503,
    "Web UI not built",
    "The browser UI has not been built on this server; run deno task web:build",
  );
}

/**
 * The UI routes.
 *
 * @example
 * app.route("/", webRoutes({ distDir: DIST_DIR })); // after every API route
 */
export function webRoutes(opts: WebOptions): Hono {
  const dir = opts.distDir.replace(/\/$/, "");
  // Hashed assets never change under their name, so each (and each variant) is read once.
  const assets = new Map<string, Uint8Array>();
  const readAsset = async (path: string) => {
    if (assets.has(path)) return assets.get(path)!;
    const bytes = await readOrNull(path);
    // Only files that exist are kept: made-up names must not grow the map.
    if (bytes) assets.set(path, bytes);
    return bytes;
  };
  const app = new Hono();
  app.get("/assets/:name", async (c) => {
    const name = c.req.param("name");
    const ext = ASSET_NAME.exec(name)?.[1];
    const { body, coding } = ext
      ? await variantOf(c, `${dir}/assets/${name}`, readAsset)
      : { body: null };
    if (!ext || !body) return problem(c, 404, "Not found", `No asset named ${name}`);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, fileHeaders(TYPES[ext], IMMUTABLE, coding));
  });
  app.get("/favicon.svg", async (c) => {
    const { body, coding } = await variantOf(c, `${dir}/favicon.svg`, readOrNull);
    if (!body) return notBuilt(c);
    return c.body(
      body as Uint8Array<ArrayBuffer>,
      200,
      fileHeaders(TYPES.svg, "public, max-age=86400", coding),
    );
  });
  const page = async (c: Context) => {
    const { body, coding } = await variantOf(c, `${dir}/index.html`, readOrNull);
    if (!body) return notBuilt(c);
    return c.body(
      body as Uint8Array<ArrayBuffer>,
      200,
      fileHeaders("text/html; charset=utf-8", "no-cache", coding),
    );
  };
  for (const path of CLIENT_ROUTES) app.get(path, page);
  return app;
}
