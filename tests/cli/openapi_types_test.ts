import assert from "node:assert/strict";
import { apiSchemaText, SCHEMA_FILE } from "../../cli/openapi_types.ts";

Deno.test("web/lib/api_schema.ts matches the routes (run deno task openapi:types when it fails)", async () => {
  const committed = await Deno.readTextFile(SCHEMA_FILE);
  const current = await apiSchemaText();
  assert.ok(
    committed === current,
    "web/lib/api_schema.ts is stale: the OpenAPI document changed; run deno task openapi:types",
  );
  assert.match(current, /getObservations: \{/);
});
