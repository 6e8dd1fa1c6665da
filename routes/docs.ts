/**
 * `GET /api/openapi.json` (OpenAPI 3.1 generated from every route's zod
 * schemas, completed by `openapi.ts`) and `GET /api/docs` (also at `/docs`),
 * an interactive reference served entirely
 * from this process: a static page plus `/api/docs/app.js` and
 * `/api/docs/app.css`, no inline script or style and no CDN, under a
 * `Content-Security-Policy` of `script-src 'self'`.
 *
 * @module
 */
import { Hono } from "hono";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type Precompressed, precompressed, sendPrecompressed } from "../http/compress.ts";
import { completeDocument } from "./openapi.ts";

/** The policy the docs page is served with. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ERCOT Analytics API</title>
<link rel="stylesheet" href="/api/docs/app.css">
<script src="/api/docs/app.js" defer></script>
</head>
<body>
<main id="app"><noscript>This reference needs JavaScript; the raw description is at
<a href="/api/openapi.json">/api/openapi.json</a>.</noscript></main>
</body>
</html>
`;

const ASSETS = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
} as const;

/**
 * The OpenAPI document and the docs page for `root`, the application whose
 * routes they describe. The document is generated on first request, once
 * every route is mounted.
 */
export function docsRoutes(root: OpenAPIHono, opts: { version?: string } = {}): Hono {
  const app = new Hono();
  let document: Precompressed | undefined;
  const assets = new Map<string, Promise<Precompressed>>();
  app.get("/api/openapi.json", (c) => {
    document ??= precompressed(JSON.stringify(completeDocument(root.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "ERCOT Analytics API",
        version: opts.version ?? "1",
        description:
          "ERCOT grid data: series catalog, observations (JSON, CSV, Parquet), live events over " +
          "Server-Sent Events, and the original dashboard's endpoints. Errors are " +
          "application/problem+json naming the parameter at fault.",
      },
    }))));
    return sendPrecompressed(c, document, {
      "content-type": "application/json",
      "cache-control": "no-cache",
    });
  });
  // `/docs` is where the README has always pointed; both serve the same page.
  for (const path of ["/api/docs", "/docs"]) {
    app.get(path, (c) =>
      c.html(PAGE, 200, {
        "content-security-policy": DOCS_CSP,
        "x-content-type-options": "nosniff",
      }));
  }
  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/api/docs/${name}`, async (c) => {
      if (!assets.has(name)) {
        const path = new URL(`./docs_assets/${name}`, import.meta.url);
        assets.set(name, Deno.readFile(path).then(precompressed));
      }
      return sendPrecompressed(c, await assets.get(name)!, {
        "content-type": type,
        "cache-control": "public, max-age=300",
        "x-content-type-options": "nosniff",
      });
    });
  }
  return app;
}
