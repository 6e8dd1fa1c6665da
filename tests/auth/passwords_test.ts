import assert from "node:assert/strict";
import {
  ARGON2_COST,
  checkPasswordPolicy,
  createPasswordHasher,
  PASSWORD_LENGTH,
} from "../../auth/passwords.ts";
import { ValidationError } from "../../domain/errors.ts";
import { assertThrowsWith } from "../_assert.ts";
import { TEST_ARGON2_COST, testPasswordHasher } from "../_auth.ts";

// The suite hashes at TEST_ARGON2_COST; the production cost is checked here and, through the
// app, in tests/auth/api_test.ts ("the stored password is argon2id with m=19456, t=2, p=1").

Deno.test("hash() stores argon2id with m=19456, t=2, p=1 and a 16-byte salt", async () => {
  const hasher = createPasswordHasher();
  const encoded = await hasher.hash("a perfectly long passphrase");
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/
    .exec(encoded);
  assert.ok(match, `unexpected encoding ${encoded}`);
  assert.deepEqual(match.slice(1, 4).map(Number), [19456, 2, 1]);
  assert.ok(Number(match[1]) >= 19 * 1024 && Number(match[2]) >= 2);
  assert.equal(atob(match[4] + "==".slice(0, (4 - match[4].length % 4) % 4)).length, 16);
  assert.deepEqual(ARGON2_COST, { memoryKiB: 19456, iterations: 2, parallelism: 1 });
});

Deno.test("a hasher given a cost records it, and verify() reads the cost from the hash", async () => {
  const encoded = await testPasswordHasher().hash("a perfectly long passphrase");
  const { memoryKiB: m, iterations: t, parallelism: p } = TEST_ARGON2_COST;
  assert.match(encoded, new RegExp(`^\\$argon2id\\$v=19\\$m=${m},t=${t},p=${p}\\$`));
  const production = createPasswordHasher();
  assert.equal(await production.verify("a perfectly long passphrase", encoded), true);
  assert.equal(await production.verify("a perfectly long passphrasE", encoded), false);
});

Deno.test("createPasswordHasher() refuses a cost argon2 cannot run, at construction", async (t) => {
  const cases: [string, Partial<typeof ARGON2_COST>, string][] = [
    ["fractional memory", { memoryKiB: 8.5 }, "m=8.5"],
    ["no passes", { iterations: 0 }, "t=0"],
    ["less than 8 KiB per lane", { memoryKiB: 15, parallelism: 2 }, "m=15, t=2, p=2"],
  ];
  for (const [name, change, detail] of cases) {
    await t.step(name, () => {
      assertThrowsWith(
        () => createPasswordHasher({ cost: { ...ARGON2_COST, ...change } }),
        ValidationError,
        detail,
      );
    });
  }
});

Deno.test("verify() accepts the password and rejects any other", async () => {
  const hasher = createPasswordHasher();
  const encoded = await hasher.hash("a perfectly long passphrase");
  assert.equal(await hasher.verify("a perfectly long passphrase", encoded), true);
  assert.equal(await hasher.verify("a perfectly long passphrasE", encoded), false);
});

Deno.test("hash() salts: the same password hashes differently twice", async () => {
  const hasher = createPasswordHasher();
  const [a, b] = await Promise.all([
    hasher.hash("same password here"),
    hasher.hash("same password here"),
  ]);
  assert.notEqual(a, b);
});

Deno.test("a running hash does not block the event loop", async () => {
  const hasher = createPasswordHasher();
  await hasher.hash("warm the module cache");
  let ticks = 0;
  let maxGap = 0;
  let done = false;
  const started = performance.now();
  const hashing = hasher.hash("a perfectly long passphrase").finally(() => done = true);
  let last = performance.now();
  while (!done) {
    await new Promise((r) => setTimeout(r, 1));
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }
  await hashing;
  const took = performance.now() - started;
  assert.ok(ticks >= 5, `only ${ticks} timer ticks ran during a ${took.toFixed(0)} ms hash`);
  assert.ok(maxGap < took / 2, `the loop stalled ${maxGap.toFixed(0)} ms of ${took.toFixed(0)} ms`);
});

Deno.test("checkPasswordPolicy() enforces length, common passwords and the email", async (t) => {
  await t.step("11 characters is too short", () => {
    assertThrowsWith(() => checkPasswordPolicy("abcdefghij1"), ValidationError, "got 11");
  });
  await t.step("257 characters is too long", () => {
    assertThrowsWith(() => checkPasswordPolicy("x".repeat(257)), ValidationError, "got 257");
  });
  await t.step("length counts characters, not UTF-16 units", () => {
    checkPasswordPolicy("🔒".repeat(PASSWORD_LENGTH.min));
  });
  await t.step("a common password is refused whatever its case", () => {
    assertThrowsWith(() => checkPasswordPolicy("Password1234"), ValidationError, "too common");
  });
  await t.step("the account's email is refused", () => {
    assertThrowsWith(
      () => checkPasswordPolicy("Someone@Example.com", "someone@example.com"),
      ValidationError,
      "too common",
    );
  });
  await t.step("a long unusual password passes", () => {
    checkPasswordPolicy("violet kettle under nine moons");
  });
});
