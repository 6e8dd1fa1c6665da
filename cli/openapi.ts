/**
 * `deno task openapi [--out <file>]` — writes the OpenAPI document that
 * `GET /api/openapi.json` serves (stdout by default), without a database:
 * the routes are composed over a client that is never connected. CI lints
 * it with Redocly; `web/lib/api_schema.ts` is generated from it.
 *
 * @module
 */
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createApp } from "../routes/app.ts";
import { composeDeps } from "../routes/compose.ts";
import { loadConfig } from "../config.ts";

/** The document as the server serves it, pretty-printed. */
export async function openApiDocument(): Promise<string> {
  // postgres.js connects on the first query; composing routes runs none.
  const sql = postgres("postgres://openapi@127.0.0.1:1/none", { max: 1, connect_timeout: 1 });
  const app = createApp(composeDeps({
    config: loadConfig({ RATE_LIMIT_ENABLED: "false", INGEST_ENABLED: "false" }),
    sql: sql as never,
    database: "postgres",
    capabilities: { serverVersion: 170000, timescale: false },
    migration: { version: 0, variant: "portable" } as never,
    startedAt: new Date(0),
    clock: () => new Date(),
  }));
  const res = await app.request("/api/openapi.json");
  if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`);
  return JSON.stringify(await res.json(), null, 2) + "\n";
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { out: { type: "string" } } });
  const text = await openApiDocument();
  if (values.out) await Deno.writeTextFile(values.out, text);
  else await Deno.stdout.write(new TextEncoder().encode(text));
  Deno.exit(0);
}
