/**
 * `deno task openapi:types` — regenerates `web/lib/api_schema.ts`, the
 * TypeScript types of every operation (openapi-typescript) that the browser
 * UI's typed client (`web/lib/client.ts`, openapi-fetch) is checked against.
 * `tests/cli/openapi_types_test.ts` fails when the committed file is stale.
 *
 * @module
 */
import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "./openapi.ts";

/** Where the generated types live. */
export const SCHEMA_FILE = new URL("../web/lib/api_schema.ts", import.meta.url);

const HEADER =
  `// Generated from GET /api/openapi.json by \`deno task openapi:types\` (openapi-typescript).
// Do not edit: change the routes' schemas and regenerate; a test fails when this file is stale.
// deno-fmt-ignore-file
// deno-lint-ignore-file
`;

/** The generated module's text for the current routes. */
export async function apiSchemaText(): Promise<string> {
  const ast = await openapiTS(await openApiDocument(), {
    rootTypes: false,
    alphabetize: false,
  });
  return HEADER + astToString(ast);
}

if (import.meta.main) {
  await Deno.writeTextFile(SCHEMA_FILE, await apiSchemaText());
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
  Deno.exit(0);
}
