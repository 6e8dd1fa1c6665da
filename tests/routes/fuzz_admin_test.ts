/**
 * The OpenAPI fuzz as an admin (session) (`_fuzz_run.ts`), in a file of its own so the
 * suite runs it beside the other identities.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { MINIMUM_PER_IDENTITY, mutateEveryField } from "./_fuzz_run.ts";

Deno.test("every field of every documented operation survives every mutation as an admin: no 5xx, problems for 4xx", async () => {
  await withDatabase(async (db) => {
    const sent = await mutateEveryField(db, "as an admin");
    assert.ok(sent >= MINIMUM_PER_IDENTITY, `only ${sent} requests sent`);
  });
});
