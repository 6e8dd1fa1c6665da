import assert from "node:assert/strict";
import { describeCause } from "../../util/cause.ts";

Deno.test("describeCause() names known connection codes and file-system errors in words", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
    code: "ECONNREFUSED",
  });
  assert.equal(describeCause(refused), "connection refused (ECONNREFUSED)");
  const noDb = Object.assign(new Error('database "x" does not exist'), { code: "3D000" });
  assert.equal(describeCause(noDb), "database does not exist (3D000)");
  assert.equal(describeCause(new Deno.errors.NotFound("open '/nope'")), "no such folder");
  assert.equal(describeCause(new Deno.errors.PermissionDenied("x")), "permission denied");
});

Deno.test("describeCause() keeps a first line and adds a code the message does not name", () => {
  const raised = Object.assign(new Error("boom\n  at line 2"), { code: "P0001" });
  assert.equal(describeCause(raised), "boom (P0001)");
  const named = Object.assign(new Error("P0001: boom"), { code: "P0001" });
  assert.equal(describeCause(named), "P0001: boom");
  assert.equal(describeCause("plain text"), "plain text");
});
