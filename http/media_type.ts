/**
 * `415 Unsupported Media Type` for a request body an operation does not
 * take: an operation that declares a JSON body refuses a form, text or
 * anything else with one clear problem, before its validator reads it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { problem } from "./problem.ts";
import type { OperationTable } from "./operations.ts";

/**
 * Checks a sent body's `Content-Type` against the operation's declared
 * request body types. A request without a body (or with an empty one and no
 * type) passes: operations whose body is optional take it so.
 *
 * @example
 * app.use(mediaTypes(operationTable(app)));
 */
export function mediaTypes(operations: OperationTable): MiddlewareHandler {
  return async function mediaTypes(c, next) {
    const accepted = c.req.raw.body ? operations(c.req.method, c.req.path)?.bodyTypes : undefined;
    const header = c.req.header("content-type");
    const length = c.req.header("content-length");
    const sent = header !== undefined || (length !== undefined && length !== "0");
    if (accepted && sent) {
      const type = (header ?? "").split(";")[0].trim().toLowerCase();
      if (!accepted.some((t) => t.toLowerCase() === type)) {
        const named = type ? `"${type.slice(0, 80)}"` : "no Content-Type";
        return problem(
          c,
          415,
          "Unsupported media type",
          `The request body has ${named}; send ${accepted.join(" or ")}`,
        );
      }
    }
    await next();
  };
}
