import assert from "node:assert/strict";
import { TimeoutError, withTimeout } from "../../resilience/mod.ts";

Deno.test("withTimeout() resolves with the operation when it finishes in time", async () => {
  assert.equal(await withTimeout(5_000, () => Promise.resolve(42)), 42);
});

Deno.test("withTimeout() aborts a fetch to a server that never answers", async () => {
  const release = Promise.withResolvers<void>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
    await release.promise;
    return new Response("late");
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}/`;
    let signalled: AbortSignal | undefined;
    await assert.rejects(
      withTimeout(50, (signal) => {
        signalled = signal;
        return fetch(url, { signal });
      }),
      (err) => {
        assert.ok(err instanceof TimeoutError);
        assert.equal(err.name, "TimeoutError");
        assert.equal(err.message, "Timed out after 50 ms");
        return true;
      },
    );
    assert.ok(signalled?.aborted);
  } finally {
    release.resolve();
    await server.shutdown();
  }
});

Deno.test("withTimeout() gives up at the deadline even when the operation ignores the signal", async () => {
  const never = new Promise<never>(() => {});
  await assert.rejects(withTimeout(20, () => never), TimeoutError);
});

Deno.test("withTimeout() stops when an outer signal aborts", async () => {
  const outer = new AbortController();
  const running = withTimeout(60_000, () => new Promise<never>(() => {}), outer.signal);
  outer.abort(new Error("shutting down"));
  await assert.rejects(running, /shutting down/);
});

Deno.test("withTimeout() rejects a deadline that is not positive", () => {
  assert.throws(() => withTimeout(0, () => Promise.resolve()), RangeError);
});
