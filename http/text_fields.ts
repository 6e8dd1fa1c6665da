/**
 * One check for every text a request carries: path parameters, query
 * parameters, and every string and member name of a JSON body. NUL and the
 * other control characters (U+0000–U+001F but tab, line feed and carriage
 * return; U+007F–U+009F) and unpaired surrogates answer 400 naming the field,
 * before any route sees them: PostgreSQL cannot store NUL in `text` or
 * `jsonb`, and nothing a person types needs the others.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { ValidationError } from "../domain/errors.ts";
import type { OperationTable } from "./operations.ts";

// deno-lint-ignore no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A JSON body text that may hold one: an escape of a control or surrogate, or a raw C1/DEL. */
const MAYBE_IN_JSON = /\\u00[01]|\\u00[89]|\\u007f|\\ud[89a-f]|\\[bf]|[\u007f-\u009f]/i;
/** A query string that may hold one once decoded. */
const MAYBE_IN_QUERY = /%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])/i;
const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

/** What is wrong with `text`, or undefined when it may be stored. */
export function textProblem(text: string): string | undefined {
  const bad = FORBIDDEN.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return `contains the control character U+${code}${code === "0000" ? " (NUL)" : ""}`;
  }
  if (!text.isWellFormed()) return "contains an unpaired surrogate (not valid Unicode)";
  return undefined;
}

function fail(field: string, problem: string): never {
  throw new ValidationError(`${field} ${problem}`, { parameter: field });
}

/**
 * The check, after access control so that only callers allowed to reach an
 * operation have their bodies read. `operations` names path parameters.
 *
 * @example
 * app.use(textFields(operationTable(app)));
 */
export function textFields(operations: OperationTable): MiddlewareHandler {
  return async function textFields(c, next) {
    checkPath(c, operations);
    const url = c.req.url;
    const q = url.indexOf("?");
    if (q >= 0 && MAYBE_IN_QUERY.test(url.slice(q + 1))) {
      for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
        const inName = textProblem(name);
        if (inName) fail(`Query parameter name ${JSON.stringify(name)}`, inName);
        const problem = textProblem(value);
        if (problem) fail(name, problem);
      }
    }
    if (c.req.raw.body && JSON_TYPE.test(c.req.header("content-type") ?? "")) {
      const text = await c.req.text();
      if (MAYBE_IN_JSON.test(text)) checkJson(text);
    }
    await next();
  };
}

/** Hono's `c.req.path` is already percent-decoded; path parameters are decoded once more. */
function checkPath(c: Context, operations: OperationTable): void {
  const params = operations(c.req.method, c.req.path)?.params ?? {};
  for (const [name, raw] of Object.entries(params)) {
    const problem = textProblem(decoded(raw));
    if (problem) fail(name, problem);
  }
  const problem = textProblem(c.req.path);
  if (problem) fail("path", problem);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Walks a JSON body without recursion (a deeply nested body cannot exhaust the stack). */
function checkJson(text: string): void {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return; // the route's validator answers malformed JSON
  }
  const stack: [unknown, string][] = [[root, ""]];
  while (stack.length > 0) {
    const [value, field] = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) fail(field || "body", problem);
    } else if (value !== null && typeof value === "object") {
      for (const [key, member] of Object.entries(value)) {
        const path = field ? `${field}.${key}` : key;
        const problem = textProblem(key);
        if (problem) fail(field ? `${field}.${JSON.stringify(key)}` : JSON.stringify(key), problem);
        stack.push([member, path]);
      }
    }
  }
}
