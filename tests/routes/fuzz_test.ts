/**
 * Generated requests for every operation in `/api/openapi.json`, anonymous
 * and as a signed-in user: no 5xx, and every 4xx is `application/problem+json`.
 * An SQL-injection corpus on every string parameter of the reads changes no
 * table.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Sql } from "../../db/client.ts";
import { withDatabase } from "../_db.ts";
import { accountApp, bearer, signUp } from "./_accounts.ts";

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
};
type Param = { name: string; in: "query" | "path" | "header"; schema?: Schema; required?: boolean };
interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: Schema;
}

/** Streams and session-ending calls are left out: they hang or revoke the caller's token. */
const SKIPPED = new Set([
  "get /api/v1/stream",
  "post /api/auth/logout",
  "post /api/auth/logout-all",
]);

const INJECTION = [
  "' or 1=1 --",
  "'; drop table users; --",
  "1; select pg_sleep(5)",
  "\u2019 or \u20181\u2019=\u20181",
  '" or ""="',
  "%27%20or%201%3D1",
  "1' union select password_hash from users --",
  "\\'; truncate observations; --",
];

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }) {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (SKIPPED.has(`${method} ${path}`)) continue;
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> })
        ?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []) as Param[],
        body: content?.["application/json"]?.schema,
      });
    }
  }
  return ops;
}

/** Values fitting `schema` (roughly), mixed with values that do not. */
function valueOf(
  schema: Schema | undefined,
  refs: Record<string, Schema>,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.anything({ maxDepth: 1 });
  if (schema.$ref) return valueOf(refs[schema.$ref.split("/").pop()!], refs, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueOf(s, refs, depth + 1)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "integer":
      return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1e6, 1e6) });
    case "number":
      return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(valueOf(schema.items, refs, depth + 1), { maxLength: 3 });
    case "object": {
      const shape = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, valueOf(s, refs, depth + 1)]),
      );
      return fc.record(shape, { requiredKeys: [] });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...INJECTION));
  }
}

function paramValue(p: Param, refs: Record<string, Schema>): fc.Arbitrary<string> {
  return fc.oneof(
    valueOf(p.schema, refs).map((v) => typeof v === "string" ? v : JSON.stringify(v) ?? ""),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(...INJECTION, "", "-1", "1e309", "2026-13-45", "\u0000"),
  );
}

interface Call {
  url: string;
  body?: string;
}

function callOf(op: Operation, refs: Record<string, Schema>): fc.Arbitrary<Call> {
  const pathParams = op.params.filter((p) => p.in === "path");
  const queryParams = op.params.filter((p) => p.in === "query");
  return fc.record({
    path: fc.tuple(...pathParams.map((p) => paramValue(p, refs))),
    query: fc.tuple(...queryParams.map((p) => fc.option(paramValue(p, refs), { nil: undefined }))),
    body: op.body
      ? fc.oneof(valueOf(op.body, refs), fc.anything({ maxDepth: 2 })).map((v) => JSON.stringify(v))
      : fc.constant(undefined),
  }).map(({ path, query, body }) => {
    let url = op.path;
    pathParams.forEach((p, i) => url = url.replace(`{${p.name}}`, encodeURIComponent(path[i])));
    const search = new URLSearchParams();
    queryParams.forEach((p, i) => query[i] !== undefined && search.set(p.name, query[i]!));
    return { url: search.size ? `${url}?${search}` : url, body: body ?? undefined };
  });
}

async function send(app: OpenAPIHono, op: Operation, call: Call, headers: Record<string, string>) {
  const res = await app.request(call.url, {
    method: op.method,
    headers: {
      ...headers,
      ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: call.body,
  });
  const type = res.headers.get("content-type") ?? "";
  await res.body?.cancel();
  const what = `${op.method} ${call.url} ${call.body ?? ""}`;
  assert.ok(res.status < 500, `${what} answered ${res.status}`);
  if (res.status >= 400) assert.match(type, /^application\/problem\+json/, `${what}: ${type}`);
  return res.status;
}

/** Row counts of every table, and the users' rows. */
async function fingerprint(sql: Sql): Promise<string> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not in ('rate_limit_counters', 'api_usage', 'audit_log', 'events')
    order by table_name`;
  const counts: string[] = [];
  for (const { name } of tables) {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(name)}`;
    counts.push(`${name}=${n}`);
  }
  const [{ users }] = await sql<{ users: string }[]>`
    select md5(coalesce(string_agg(u::text, ',' order by u.id), '')) as users from users u`;
  return `${counts.join(" ")} users:${users}`;
}

Deno.test("every documented operation survives generated input: no 5xx, problems for 4xx", async (t) => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
    const user = await signUp(app, "fuzz@example.com");
    const doc = await (await app.request("/api/openapi.json")).json();
    const refs = doc.components?.schemas ?? {};
    const ops = operations(doc);
    assert.ok(ops.length > 30, `only ${ops.length} operations documented`);
    for (
      const [who, headers] of [["anonymously", {}], ["as a user", bearer(user.access)]] as const
    ) {
      await t.step(who, async () => {
        for (const op of ops) {
          await fc.assert(
            fc.asyncProperty(callOf(op, refs), async (call) => {
              await send(app, op, call, headers);
            }),
            { numRuns: 6, seed: 20260101 },
          );
        }
      });
    }
  });
});

Deno.test("an SQL-injection corpus on every string parameter of the reads changes no table", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
    const user = await signUp(app, "inject@example.com");
    const doc = await (await app.request("/api/openapi.json")).json();
    const reads = operations(doc).filter((op) => op.method === "GET");
    const before = await fingerprint(db.db.sql);
    for (const op of reads) {
      const strings = op.params.filter((p) => p.in !== "header");
      for (const target of strings) {
        for (const bad of INJECTION) {
          let url = op.path;
          const search = new URLSearchParams();
          for (const p of op.params) {
            const value = p === target ? bad : p.in === "path" ? "1" : undefined;
            if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(value!));
            else if (value !== undefined) search.set(p.name, value);
          }
          const call = { url: search.size ? `${url}?${search}` : url };
          const started = Date.now();
          for (const headers of [{}, bearer(user.access)]) await send(app, op, call, headers);
          assert.ok(Date.now() - started < 4_000, `${call.url} took ${Date.now() - started} ms`);
        }
      }
    }
    assert.equal(await fingerprint(db.db.sql), before);
    const series = await app.request("/api/v1/series?q=%27%20or%201%3D1%20--");
    assert.deepEqual((await series.json()).series ?? [], []);
  });
});
