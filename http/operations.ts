/**
 * The application's documented operations as a routing table: which one a
 * request will reach, its declaration and its path parameters, read from the
 * OpenAPI registry the document is generated from. Middleware that must know
 * the operation before Hono dispatches to it (access, field checks) share one.
 *
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { TrieRouter } from "hono/router/trie-router";

/** What a route declares about who may call it (its OpenAPI `security`). */
export type Security = Record<string, string[]>[];

/** The operation a request reaches. */
export interface OperationMatch {
  /** Its declared security; undefined when it declares none. */
  security?: Security;
  /** The media types its request body may have; undefined when it takes none. */
  bodyTypes?: string[];
  /** Path parameters by name, still percent-encoded. */
  params: Record<string, string>;
}

type Declared = Pick<OperationMatch, "security" | "bodyTypes">;

/** Finds the operation for a method and path, or undefined when none is documented. */
export type OperationTable = (method: string, path: string) => OperationMatch | undefined;

/**
 * A table over `app`'s registry. The first registered match wins, as in
 * Hono's dispatch; routes mounted later are picked up, since the table is
 * rebuilt whenever the registry grows. `HEAD` finds the `GET` operation.
 *
 * @example
 * const operations = operationTable(app);
 * operations("GET", "/api/keys/42")?.params // { id: "42" }
 */
export function operationTable(app: OpenAPIHono): OperationTable {
  let router = new TrieRouter<Declared>();
  let seen = -1;
  return (method, path) => {
    const definitions = app.openAPIRegistry.definitions;
    if (definitions.length !== seen) {
      router = new TrieRouter<Declared>();
      for (const d of definitions) {
        if (d.type !== "route") continue;
        const honoPath = d.route.path.replaceAll(/\{([^}]+)\}/g, ":$1");
        const body = d.route.request?.body?.content;
        router.add(d.route.method.toUpperCase(), honoPath, {
          security: d.route.security,
          bodyTypes: body ? Object.keys(body) : undefined,
        });
      }
      seen = definitions.length;
    }
    const [matches] = router.match(method === "HEAD" ? "GET" : method, path);
    if (matches.length === 0) return undefined;
    const [declared, params] = matches[0];
    return { ...declared, params: params as Record<string, string> };
  };
}
