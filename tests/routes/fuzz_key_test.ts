/**
 * The OpenAPI fuzz with an API key holding every scope (`_fuzz_run.ts`), in a file of its own so the
 * suite runs it beside the other identities.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { MINIMUM_PER_IDENTITY, mutateEveryField } from "./_fuzz_run.ts";

Deno.test("every field of every documented operation survives every mutation with an API key holding every scope: no 5xx, problems for 4xx", async () => {
  await withDatabase(async (db) => {
    const sent = await mutateEveryField(db, "with an API key holding every scope");
    assert.ok(sent >= MINIMUM_PER_IDENTITY, `only ${sent} requests sent`);
  });
});
