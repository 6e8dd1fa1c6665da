/**
 * The OpenAPI fuzz, anonymously (`_fuzz_run.ts`; the API key and the admin
 * run from `fuzz_key_test.ts` and `fuzz_admin_test.ts`): no 5xx, every 4xx is
 * `application/problem+json`. Also fast-check's whole requests, and an
 * SQL-injection corpus on every string parameter of the reads that changes no
 * table.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Sql } from "../../db/client.ts";
import { withDatabase } from "../_db.ts";
import { accountApp, bearer, signUp } from "../_accounts.ts";
import { operations, resolver } from "./_fuzz.ts";
import {
  generated,
  INJECTION,
  MINIMUM_PER_IDENTITY,
  mutateEveryField,
  ordered,
  send,
} from "./_fuzz_run.ts";

Deno.test("every field of every documented operation survives every mutation anonymously: no 5xx, problems for 4xx", async () => {
  await withDatabase(async (db) => {
    const sent = await mutateEveryField(db, "anonymously");
    assert.ok(sent >= MINIMUM_PER_IDENTITY, `only ${sent} requests sent`);
  });
});

Deno.test("generated whole requests to every documented operation: no 5xx, problems for 4xx", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db, { RATE_LIMIT_ENABLED: "false" });
    const doc = await (await app.request("/api/openapi.json")).json();
    const resolve = resolver(doc.components?.schemas ?? {});
    for (const op of ordered(operations(doc)).filter((o) => !o.path.includes("/logout"))) {
      await fc.assert(
        fc.asyncProperty(generated(op, resolve), async (call) => {
          await send(app, op, call, {});
        }),
        { numRuns: 20, seed: 20260101 },
      );
    }
  });
});

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
