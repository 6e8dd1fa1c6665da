/**
 * The browser UI, served from `web/dist` (built by `deno task web:build`, or
 * at start-up when missing): `/assets/*` with content-hashed names cached
 * for a year, and the page itself (`no-cache`) at every client route — `/`,
 * `/explore`, `/dashboards[/:id]`, `/dashboards/builtin/:uid`, `/alerts`, `/keys`, `/signin`,
 * `/register`. Only those paths answer with the page, so an unknown path is
 * still a 404 problem and an API typo never gets HTML. Mount it last.
 *
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { problem } from "./middleware/errors.ts";

/** Client routes the page answers (the SPA fallback). */
export const CLIENT_ROUTES = [
  "/",
  "/explore",
  "/dashboards",
  "/dashboards/:id",
  "/dashboards/builtin/:uid",
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
  // Hashed assets never change under their name, so each is read once.
  const assets = new Map<string, Uint8Array>();
  const app = new Hono();
  app.get("/assets/:name", async (c) => {
    const name = c.req.param("name");
    const ext = ASSET_NAME.exec(name)?.[1];
    let body = assets.get(name) ?? null;
    if (ext && !body) {
      body = await readOrNull(`${dir}/assets/${name}`);
      if (body) assets.set(name, body);
    }
    if (!ext || !body) return problem(c, 404, "Not found", `No asset named ${name}`);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": TYPES[ext],
      "cache-control": IMMUTABLE,
    });
  });
  app.get("/favicon.svg", async (c) => {
    const body = await readOrNull(`${dir}/favicon.svg`);
    if (!body) return notBuilt(c);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": TYPES.svg,
      "cache-control": "public, max-age=86400",
    });
  });
  const page = async (c: Context) => {
    const html = await readOrNull(`${dir}/index.html`);
    if (!html) return notBuilt(c);
    return c.body(html as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-cache",
    });
  };
  for (const path of CLIENT_ROUTES) app.get(path, page);
  return app;
}
