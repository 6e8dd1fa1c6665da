import assert from "node:assert/strict";
import { createAuthService } from "../../auth/service.ts";
import { createPasswordHasher, type PasswordHasher } from "../../auth/passwords.ts";
import { createApp } from "../_app.ts";
import { loadConfig } from "../../config.ts";
import { testPasswordHasher } from "../_auth.ts";
import { testDeps, withDatabase } from "../_db.ts";
import type { TestDatabase } from "../_db.ts";
import { assertProblem, jsonBody, PASSWORD, signUp } from "../_accounts.ts";

/**
 * An app whose password hasher counts verifications (the real argon2id hasher
 * underneath, at the test cost unless `inner` is given).
 */
function countingApp(db: TestDatabase, inner: PasswordHasher = testPasswordHasher()) {
  const counts = { verified: 0 };
  const hasher = {
    hash: inner.hash,
    verify: (password: string, encoded: string) => {
      counts.verified++;
      return inner.verify(password, encoded);
    },
  };
  const deps = testDeps(db, {
    config: loadConfig({ JWT_SECRET: "x".repeat(40), RATE_LIMIT_ENABLED: "false" }),
  });
  return { app: createApp({ ...deps, auth: createAuthService(deps, { hasher }) }), counts };
}

function guess(app: ReturnType<typeof createApp>, password: string) {
  return app.request("/api/auth/login", jsonBody("POST", { email: "a@example.com", password }));
}

/** Status counts of `responses`, checking every 429 carries Retry-After. */
function tally(responses: Response[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const res of responses) {
    out[res.status] = (out[res.status] ?? 0) + 1;
    if (res.status === 429) assert.match(res.headers.get("retry-after") ?? "", /^\d+$/);
  }
  return out;
}

Deno.test("50 concurrent wrong guesses: 10 are checked and answer 401, the other 40 answer 429", async () => {
  await withDatabase(async (db) => {
    const { app, counts } = countingApp(db);
    await signUp(app, "a@example.com");
    counts.verified = 0;
    const guesses = Array.from({ length: 50 }, (_, i) => guess(app, `wrong password ${i}`));
    const responses = await Promise.all(guesses);
    assert.deepEqual(tally(responses), { 401: 10, 429: 40 });
    assert.equal(counts.verified, 10);
    const [{ n }] = await db.db.sql`select count(*)::int as n from login_failures`;
    assert.equal(n, 10);
    for (const res of responses) await res.body?.cancel();
  });
});

Deno.test("after 9 failures a burst of 50 guesses holding the right password checks only one", async () => {
  await withDatabase(async (db) => {
    // Production cost: the right password's hash must still be running while the burst's other
    // 49 attempts are refused, or its success would reopen the door to them.
    const { app, counts } = countingApp(db, createPasswordHasher());
    await signUp(app, "a@example.com");
    for (let i = 0; i < 9; i++) await assertProblem(await guess(app, `wrong password ${i}`), 401);
    counts.verified = 0;
    const passwords = Array.from({ length: 50 }, (_, i) => i === 25 ? PASSWORD : `wrong ${i}`);
    const responses = await Promise.all(passwords.map((p) => guess(app, p)));
    const statuses = tally(responses);
    assert.equal(statuses[429], 49, JSON.stringify(statuses));
    assert.equal(counts.verified, 1);
    // The one attempt let through is the tenth: the right password gets tokens only if it was it.
    const through = responses.findIndex((res) => res.status !== 429);
    assert.equal(responses[through].status, through === 25 ? 200 : 401);
    for (const res of responses) await res.body?.cancel();
    const next = await guess(app, PASSWORD);
    assert.equal(next.status, through === 25 ? 200 : 429);
    await next.body?.cancel();
  });
});

Deno.test("a right password is not a failure: it does not count towards the limit", async () => {
  await withDatabase(async (db) => {
    const { app } = countingApp(db);
    await signUp(app, "a@example.com");
    for (let i = 0; i < 9; i++) await assertProblem(await guess(app, `wrong password ${i}`), 401);
    for (let i = 0; i < 3; i++) assert.equal((await guess(app, PASSWORD)).status, 200);
    await assertProblem(await guess(app, "wrong password 9"), 401);
    await assertProblem(await guess(app, PASSWORD), 429);
  });
});

Deno.test("a disabled account answers a right password exactly as a wrong one", async () => {
  await withDatabase(async (db) => {
    const { app, counts } = countingApp(db);
    await signUp(app, "admin@example.com");
    await signUp(app, "a@example.com");
    await db.db.sql`update users set disabled_at = now() where email = 'a@example.com'`;
    counts.verified = 0;
    const right = await guess(app, PASSWORD);
    const wrong = await guess(app, "wrong password 1");
    assert.equal(right.status, 401);
    // Every answer has its own request id; everything else must match.
    const same = (h: Headers) => [...h].filter(([k]) => k !== "x-request-id");
    assert.deepEqual(same(right.headers), same(wrong.headers));
    const body = async (r: Response) => ({ ...await r.json(), request_id: undefined });
    assert.deepEqual(await body(right), await body(wrong));
    // The hash is still verified, so the answer takes as long as a wrong password's.
    assert.equal(counts.verified, 2);
    const audit = await db.db.sql`
      select details->>'reason' as reason from audit_log where action = 'login_failed' order by id`;
    assert.deepEqual(audit.map((r) => r.reason), ["account_disabled", "wrong_password"]);
  });
});
