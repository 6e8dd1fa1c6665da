/**
 * The password hasher tests use: the production worker-backed argon2id
 * hasher at the lowest cost argon2 accepts, so a sign-up costs milliseconds.
 * `tests/auth/passwords_test.ts` and one test in `tests/auth/api_test.ts` check the
 * production cost.
 *
 * @module
 */
import { type Argon2Cost, createPasswordHasher, type PasswordHasher } from "../auth/passwords.ts";

/** m = 8 KiB, t = 1, p = 1: the smallest argon2id cost. */
export const TEST_ARGON2_COST: Readonly<Argon2Cost> = Object.freeze({
  memoryKiB: 8,
  iterations: 1,
  parallelism: 1,
});

/** A real argon2id hasher at {@link TEST_ARGON2_COST}. */
export function testPasswordHasher(): PasswordHasher {
  return createPasswordHasher({ cost: TEST_ARGON2_COST });
}
