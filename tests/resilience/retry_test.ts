import assert from "node:assert/strict";
import fc from "fast-check";
import {
  backoffDelay,
  CircuitOpenError,
  createCircuitBreaker,
  parseRetryAfter,
  retry,
  retrySettings,
} from "../../resilience/mod.ts";

/** A 127.0.0.1 server answering the n-th request (from 1) with `answer(n)`. */
async function withServer(
  answer: (hit: number) => Response,
  fn: (url: string, hits: () => number) => Promise<void>,
) {
  let hits = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => answer(++hits),
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}/`, () => hits);
  } finally {
    await server.shutdown();
  }
}

/** One GET as an attempt: 429 and 5xx are retryable, other errors final. */
async function get(url: string, now = Date.now()) {
  const res = await fetch(url);
  const text = await res.text();
  if (res.ok) return { value: text };
  const retryable = res.status === 429 || res.status >= 500;
  const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), now);
  return { failure: `HTTP ${res.status}`, retryAfterMs, final: !retryable };
}

function recordedSleeps() {
  const sleeps: number[] = [];
  return { sleeps, sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };
}

Deno.test("backoffDelay() stays within full-jitter bounds and under the cap", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 0, max: 100_000 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (index, baseDelayMs, extra, r) => {
        const o = { baseDelayMs, maxDelayMs: baseDelayMs + extra, random: () => r };
        const delay = backoffDelay(index, o);
        const ceiling = Math.min(o.maxDelayMs, baseDelayMs * 2 ** index);
        assert.ok(Number.isInteger(delay));
        assert.ok(delay >= 0 && (delay < ceiling || delay === 0), `${delay} vs ${ceiling}`);
      },
    ),
  );
});

Deno.test("backoffDelay() takes a peer's Retry-After over the jitter, capped", () => {
  const o = { baseDelayMs: 100, maxDelayMs: 5_000, random: () => 0.5 };
  assert.equal(backoffDelay(3, o), 400);
  assert.equal(backoffDelay(3, o, 2_000), 2_000);
  assert.equal(backoffDelay(3, o, 0), 0);
  assert.equal(backoffDelay(3, o, 60_000), 5_000);
});

Deno.test("retry() retries a failing server with jittered backoff until it answers", async () => {
  const { sleeps, sleep } = recordedSleeps();
  await withServer(
    (hit) => hit <= 2 ? new Response("busy", { status: 502 }) : new Response("ok"),
    async (url, hits) => {
      const result = await retry(() => get(url), {
        baseDelayMs: 100,
        random: () => 0.5,
        sleep,
      });
      assert.deepEqual(result, { ok: true, value: "ok", attempts: 3 });
      assert.equal(hits(), 3);
      assert.deepEqual(sleeps, [50, 100]);
    },
  );
});

Deno.test("retry() waits as long as a server's Retry-After asks, in both forms", async (t) => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  for (
    const [name, value] of [["delta-seconds", "3"], ["HTTP-date", "Sun, 01 Mar 2026 12:00:03 GMT"]]
  ) {
    await t.step(name, async () => {
      const { sleeps, sleep } = recordedSleeps();
      await withServer(
        (hit) =>
          hit === 1
            ? new Response("slow down", { status: 429, headers: { "retry-after": value } })
            : new Response("ok"),
        async (url) => {
          const result = await retry(() => get(url, now), { sleep, random: () => 0 });
          assert.equal(result.ok, true);
          assert.deepEqual(sleeps, [3_000]);
        },
      );
    });
  }
});

Deno.test("retry() gives up after retries + 1 attempts and returns the last failure", async () => {
  const { sleeps, sleep } = recordedSleeps();
  await withServer(() => new Response("down", { status: 503 }), async (url, hits) => {
    const result = await retry(() => get(url), { retries: 2, sleep, random: () => 0 });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.last.failure, "HTTP 503");
    assert.equal(result.attempts, 3);
    assert.equal(hits(), 3);
    assert.deepEqual(sleeps, [0, 0]);
  });
});

Deno.test("retry() stops at once on a final failure or a thrown error", async (t) => {
  await t.step("a 404 is final", async () => {
    await withServer(() => new Response("no", { status: 404 }), async (url, hits) => {
      const result = await retry(() => get(url), recordedSleeps());
      assert.equal(result.ok, false);
      assert.equal(result.attempts, 1);
      assert.equal(hits(), 1);
    });
  });
  await t.step("a thrown error propagates", async () => {
    await assert.rejects(retry(() => Promise.reject(new Error("bug")), recordedSleeps()), /bug/);
  });
});

Deno.test("retry() with a breaker stops retrying when the circuit opens and then fails fast", async () => {
  let now = 0;
  const breaker = createCircuitBreaker("host test", {
    failureThreshold: 2,
    cooldownMs: 1_000,
    now: () => now,
  });
  await withServer(
    (hit) => hit <= 2 ? new Response("down", { status: 500 }) : new Response("ok"),
    async (url, hits) => {
      const options = { ...recordedSleeps(), breaker, retries: 5 };
      const first = await retry(() => get(url), options);
      assert.equal(first.ok, false);
      assert.equal(!first.ok && first.circuitOpen, true);
      assert.equal(first.attempts, 2);
      await assert.rejects(retry(() => get(url), options), CircuitOpenError);
      assert.equal(hits(), 2);
      now += 1_000;
      assert.equal((await retry(() => get(url), options)).ok, true);
      assert.equal(breaker.state(), "closed");
    },
  );
});

Deno.test("retrySettings() rejects bad options at construction", async (t) => {
  const bad = [{ retries: -1 }, { retries: 0.5 }, { baseDelayMs: -1 }, {
    baseDelayMs: 10,
    maxDelayMs: 5,
  }];
  for (const options of bad) {
    await t.step(
      JSON.stringify(options),
      () => assert.throws(() => retrySettings(options), TypeError),
    );
  }
});
