import assert from "node:assert/strict";
import {
  ANONYMOUS,
  assertOwner,
  effectiveScopes,
  roleScopes,
  type UserPrincipal,
} from "../../domain/principal.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { assertThrowsWith } from "../_assert.ts";

const alice: UserPrincipal = { kind: "user", userId: "a", role: "user", scopes: ["read"] };
const admin: UserPrincipal = { kind: "user", userId: "z", role: "admin", scopes: ["admin"] };

Deno.test("roleScopes() grants viewers read, users read/write/ai and admins everything", () => {
  assert.deepEqual(roleScopes("viewer"), ["read"]);
  assert.deepEqual(roleScopes("user"), ["read", "write", "ai"]);
  assert.deepEqual(roleScopes("admin"), ["read", "write", "ai", "admin"]);
});

Deno.test("effectiveScopes() drops key scopes the owner's role no longer grants", () => {
  assert.deepEqual(effectiveScopes(["read", "write", "admin"], "user"), ["read", "write"]);
  assert.deepEqual(effectiveScopes(["write", "ai"], "viewer"), []);
  assert.deepEqual(effectiveScopes(["admin", "read"], "admin"), ["read", "admin"]);
});

Deno.test("assertOwner() passes the owner and 404s everyone else alike", async (t) => {
  await t.step("owner passes", () => assertOwner(alice, { user_id: "a" }, "Thing 1 not found"));
  await t.step("another user gets 404", () => {
    assertThrowsWith(
      () => assertOwner(alice, { user_id: "b" }, "Thing 1 not found"),
      NotFoundError,
      "Thing 1 not found",
    );
  });
  await t.step("a missing resource gets the same 404", () => {
    assertThrowsWith(() => assertOwner(alice, undefined, "Thing 1 not found"), NotFoundError);
  });
  await t.step("anonymous gets 404", () => {
    assertThrowsWith(() => assertOwner(ANONYMOUS, { user_id: "a" }, "x"), NotFoundError);
  });
  await t.step("an admin passes only with allowAdmin", () => {
    assertThrowsWith(() => assertOwner(admin, { user_id: "a" }, "x"), NotFoundError);
    assertOwner(admin, { user_id: "a" }, "x", { allowAdmin: true });
  });
});
