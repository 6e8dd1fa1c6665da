import assert from "node:assert/strict";
import { CircuitOpenError, createCircuitBreaker } from "../../resilience/mod.ts";

function clock(start = Date.parse("2026-01-01T00:00:00Z")) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

Deno.test("a circuit opens after N consecutive failures, half-opens after the cooldown and closes on a good trial", async (t) => {
  const time = clock();
  const breaker = createCircuitBreaker("host example", {
    failureThreshold: 3,
    cooldownMs: 1_000,
    now: time.now,
  });
  await t.step("failures below the threshold keep it closed", () => {
    for (let i = 0; i < 2; i++) {
      breaker.enter();
      assert.equal(breaker.failure(), false);
    }
    assert.equal(breaker.state(), "closed");
  });
  await t.step("a success resets the count", () => {
    breaker.enter();
    breaker.success();
    for (let i = 0; i < 2; i++) breaker.failure();
    assert.equal(breaker.state(), "closed");
  });
  await t.step("the third failure in a row opens it and calls fail fast", () => {
    assert.equal(breaker.failure(), true);
    assert.equal(breaker.state(), "open");
    assert.throws(() => breaker.enter(), (err) => {
      assert.ok(err instanceof CircuitOpenError);
      assert.equal(err.message, "Circuit open for host example until 2026-01-01T00:00:01.000Z");
      return true;
    });
  });
  await t.step("after the cooldown one trial goes through, a second waits", () => {
    time.advance(1_000);
    assert.equal(breaker.state(), "half-open");
    breaker.enter();
    assert.throws(
      () => breaker.enter(),
      /half-open for host example: a trial request is in flight/,
    );
  });
  await t.step("a failed trial reopens it at once", () => {
    assert.equal(breaker.failure(), true);
    assert.equal(breaker.state(), "open");
  });
  await t.step("a good trial closes it", () => {
    time.advance(1_000);
    breaker.enter();
    breaker.success();
    assert.equal(breaker.state(), "closed");
    breaker.enter();
  });
});

Deno.test("createCircuitBreaker() rejects bad options at construction", async (t) => {
  for (const options of [{ failureThreshold: 0 }, { failureThreshold: 1.5 }, { cooldownMs: -1 }]) {
    await t.step(JSON.stringify(options), () => {
      assert.throws(() => createCircuitBreaker("x", options), TypeError);
    });
  }
});
