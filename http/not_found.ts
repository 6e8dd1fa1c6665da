/**
 * The answer when no route matches: 405 with `Allow` when the path exists
 * under other methods, else 404, both as problem+json.
 *
 * @module
 */
import type { NotFoundHandler } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { problem } from "./problem.ts";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/**
 * A not-found handler for `app` that knows which methods each path takes.
 * Routes mounted later are picked up: the method table is rebuilt whenever
 * the route count changes.
 *
 * @example
 * app.notFound(notFoundOrNotAllowed(app));
 */
export function notFoundOrNotAllowed(
  app: { routes: readonly { method: string; path: string }[] },
): NotFoundHandler {
  let router = new TrieRouter<string>();
  let seen = -1;
  return (c) => {
    if (app.routes.length !== seen) {
      router = new TrieRouter<string>();
      for (const r of app.routes) if (r.method !== "ALL") router.add(r.method, r.path, r.method);
      seen = app.routes.length;
    }
    const allowed = METHODS.filter((m) =>
      m !== c.req.method && router.match(m === "HEAD" ? "GET" : m, c.req.path)[0].length > 0
    );
    if (allowed.length === 0) {
      return problem(c, 404, "Not found", `No route for ${c.req.method} ${c.req.path}`);
    }
    const res = problem(
      c,
      405,
      "Method not allowed",
      `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(", ")}`,
    );
    res.headers.set("Allow", allowed.join(", "));
    return res;
  };
}
