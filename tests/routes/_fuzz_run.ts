/**
 * The OpenAPI fuzz's parts: every field of every operation in
 * `/api/openapi.json` (path and query parameters, and every member of the JSON
 * body at any depth) set to each of `MUTATIONS` in turn as one identity, and
 * fast-check's whole requests. Each identity runs from its own test file
 * (`fuzz_test.ts` anonymously, `fuzz_key_test.ts`, `fuzz_admin_test.ts`), so
 * the suite runs them side by side.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type TestDatabase } from "../_db.ts";
import { accountApp, bearer, jsonBody, signUp } from "../_accounts.ts";
import {
  asText,
  baseOf,
  bodyFields,
  type Field,
  forbiddenText,
  MUTATIONS,
  type Operation,
  operations,
  resolver,
  type Schema,
  withValue,
} from "./_fuzz.ts";

/** Requests the fuzz sends per identity, at least (over 20,000 in each run of the suite). */
export const MINIMUM_PER_IDENTITY = 6_000;

export const INJECTION = [
  "' or 1=1 --",
  "'; drop table users; --",
  "1; select pg_sleep(5)",
  "\u2019 or \u20181\u2019=\u20181",
  '" or ""="',
  "%27%20or%201%3D1",
  "1' union select password_hash from users --",
  "\\'; truncate observations; --",
];

export interface Call {
  url: string;
  body?: string;
}

/** Ending sessions goes last: the admin's token is revoked by it. */
export function ordered(ops: Operation[]): Operation[] {
  const last = (op: Operation) => op.path.includes("/logout") ? 1 : 0;
  return [...ops].sort((a, b) => last(a) - last(b));
}

export function fieldsOf(op: Operation, resolve: (s?: Schema) => Schema): Field[] {
  const params = op.params.filter((p) => p.in !== "header")
    .map((p) => ({ in: p.in as "path" | "query", name: p.name }));
  const body = op.body
    ? [{ path: [], base: baseOf(op.body, resolve) }, ...bodyFields(op.body, resolve)]
    : [];
  return [...params, ...body.map((f) => ({ in: "body" as const, ...f }))];
}

/** The request with `field` set to `value` and every other part at its base. */
export function callWith(
  op: Operation,
  resolve: (s?: Schema) => Schema,
  field: Field | undefined,
  value: unknown,
): Call {
  let url = op.path;
  const search = new URLSearchParams();
  for (const p of op.params) {
    const mutated = field?.in === p.in && field.name === p.name;
    const text = mutated ? asText(value) : asText(baseOf(p.schema ?? {}, resolve));
    if (p.in === "path") {
      url = url.replace(`{${p.name}}`, encodeURIComponent(text.toWellFormed()));
    } else if (p.in === "query" && (mutated || p.required)) search.set(p.name, text);
  }
  const body = field?.in === "body"
    ? JSON.stringify(withValue(field.base, field.path, value))
    : op.body
    ? JSON.stringify(baseOf(op.body, resolve))
    : undefined;
  return { url: search.size ? `${url}?${search}` : url, body };
}

export function fieldName(field: Field): string {
  return field.in === "body" ? field.path.join(".") || "body" : field.name;
}

export async function send(
  app: OpenAPIHono,
  op: Operation,
  call: Call,
  headers: Record<string, string>,
) {
  const res = await app.request(call.url, {
    method: op.method,
    headers: {
      ...headers,
      ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: call.body,
  });
  const type = res.headers.get("content-type") ?? "";
  const what = `${op.method} ${call.url} ${call.body?.slice(0, 200) ?? ""}`;
  const problem = res.status >= 400 && type.startsWith("application/problem+json")
    ? await res.json()
    : (await res.body?.cancel(), undefined);
  assert.ok(res.status < 500, `${what} answered ${res.status}`);
  if (res.status >= 400) assert.ok(problem, `${what}: ${res.status} as ${type}`);
  return { status: res.status, problem, what };
}

/** Whole requests from fast-check: every part at once, fitting the schemas roughly or not at all. */
export function generated(op: Operation, resolve: (s?: Schema) => Schema): fc.Arbitrary<Call> {
  const value = (schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> => {
    const s = resolve(schema);
    if (depth > 4) return fc.anything({ maxDepth: 1 });
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => value(a, depth + 1)));
    if (s.enum) return fc.constantFrom(...s.enum);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === "integer") return fc.integer({ min: -5, max: 1e6 });
    if (type === "number") return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
    if (type === "boolean") return fc.boolean();
    if (type === "array") return fc.array(value(s.items, depth + 1), { maxLength: 3 });
    if (type === "object") {
      const shape = Object.entries(s.properties ?? {}).map(([k, p]) => [k, value(p, depth + 1)]);
      return fc.record(Object.fromEntries(shape), { requiredKeys: [] });
    }
    return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...INJECTION));
  };
  const pathParams = op.params.filter((p) => p.in === "path");
  const queryParams = op.params.filter((p) => p.in === "query");
  const text = (schema?: Schema) =>
    fc.oneof(
      value(schema).map(asText),
      fc.string({ maxLength: 20 }),
      fc.constantFrom(...INJECTION),
    );
  return fc.record({
    path: fc.tuple(...pathParams.map((p) => text(p.schema))),
    query: fc.tuple(...queryParams.map((p) => fc.option(text(p.schema), { nil: undefined }))),
    body: op.body
      ? fc.oneof(value(op.body), fc.anything({ maxDepth: 2 })).map((v) => JSON.stringify(v))
      : fc.constant(undefined),
  }).map(({ path, query, body }) => {
    let url = op.path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(path[i].toWellFormed()));
    });
    const search = new URLSearchParams();
    queryParams.forEach((p, i) => query[i] !== undefined && search.set(p.name, query[i]!));
    return { url: search.size ? `${url}?${search}` : url, body: body ?? undefined };
  });
}

/** Who the fuzz calls as. */
export type Identity = "anonymously" | "with an API key holding every scope" | "as an admin";

/**
 * Sends every mutation of every field of every documented operation as `who`,
 * then each operation's base request; asserts no 5xx, problems for every 4xx
 * and, as an admin, a 400 naming the field for forbidden text. Resolves to the
 * requests sent.
 */
export async function mutateEveryField(db: TestDatabase, who: Identity): Promise<number> {
  const { app } = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
  const admin = await signUp(app, "fuzz@example.com");
  const doc = await (await app.request("/api/openapi.json")).json();
  const resolve = resolver(doc.components?.schemas ?? {});
  const ops = ordered(operations(doc));
  assert.ok(ops.length >= 68, `only ${ops.length} operations documented`);
  let headers: Record<string, string> = {};
  if (who === "as an admin") headers = bearer(admin.access);
  if (who === "with an API key holding every scope") {
    const created = await app.request(
      "/api/keys",
      jsonBody(
        "POST",
        { name: "fuzz", scopes: ["read", "write", "ai", "admin"] },
        bearer(admin.access),
      ),
    );
    headers = { "x-api-key": (await created.json()).key };
  }
  let sent = 0;
  for (const op of ops) {
    for (const field of fieldsOf(op, resolve)) {
      for (const value of MUTATIONS) {
        const r = await send(app, op, callWith(op, resolve, field, value), headers);
        sent++;
        // Path and query text travels as UTF-8, which cannot carry a lone surrogate.
        const text = field.in === "body" ? value : asText(value).toWellFormed();
        // A stream ticket is a credential: beside the admin's header it is refused first.
        const credential = field.in === "query" && field.name === "ticket";
        if (who === "as an admin" && forbiddenText(text) && !credential) {
          assert.equal(r.status, 400, `${r.what}: ${JSON.stringify(r.problem)}`);
          assert.equal(r.problem.parameter, fieldName(field), r.what);
        }
      }
    }
    // The base request last: on the logout routes it ends the admin's session.
    await send(app, op, callWith(op, resolve, undefined, undefined), headers);
    sent++;
  }
  return sent;
}
