import assert from "node:assert/strict";
import { pipeline } from "../../util/pipeline.ts";

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

Deno.test("pipeline() prepares the next item while this one is consumed, one ahead at most", async () => {
  const log: string[] = [];
  const gates = [0, 1, 2].map(() => deferred<void>());
  const done = pipeline(
    ["a", "b", "c"],
    (item) => {
      log.push(`prepare ${item}`);
      return Promise.resolve(item.toUpperCase());
    },
    async (prepared, _item, i) => {
      log.push(`consume ${prepared}`);
      await gates[i].promise;
      log.push(`consumed ${prepared}`);
    },
  );
  await new Promise((r) => setTimeout(r, 0));
  // B is under way while A is consumed; C waits until A is done.
  assert.deepEqual(log, ["prepare a", "prepare b", "consume A"]);
  gates[0].resolve();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(log.slice(3), ["consumed A", "prepare c", "consume B"]);
  gates[1].resolve();
  gates[2].resolve();
  await done;
  assert.deepEqual(log.slice(6), ["consumed B", "consume C", "consumed C"]);
});

Deno.test("pipeline() throws a failed preparation at its turn, after the items before it", async () => {
  const consumed: string[] = [];
  await assert.rejects(
    pipeline(
      ["a", "b", "c"],
      (item) => item === "b" ? Promise.reject(new Error("b is corrupt")) : Promise.resolve(item),
      async (prepared) => {
        await new Promise((r) => setTimeout(r, 10));
        consumed.push(prepared);
      },
    ),
    /b is corrupt/,
  );
  assert.deepEqual(consumed, ["a"]);
});

Deno.test("pipeline() stops on a failed consume or check, leaving no rejection unhandled", async () => {
  const next = deferred<string>();
  let prepared = 0;
  await assert.rejects(
    pipeline(
      ["a", "b"],
      (item) => (prepared++, item === "a" ? Promise.resolve(item) : next.promise),
      () => Promise.reject(new Error("store failed")),
    ),
    /store failed/,
  );
  // The abandoned preparation fails later: the test's sanitizer would report it if unhandled.
  next.reject(new Error("download failed after the run stopped"));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(prepared, 2);
  let checks = 0;
  await assert.rejects(
    pipeline(["a", "b"], (item) => Promise.resolve(item), () => Promise.resolve(), {
      check: () => {
        if (++checks === 2) throw new Error("Interrupted");
      },
    }),
    /Interrupted/,
  );
});

Deno.test("pipeline() reports the time spent waiting for preparations", async () => {
  const slow = await pipeline(
    [1, 2],
    (n) => new Promise<number>((r) => setTimeout(() => r(n), 30)),
    () => Promise.resolve(),
  );
  assert.ok(slow.waitedMs > 20, `waited ${slow.waitedMs} ms for two 30 ms preparations`);
  const empty = await pipeline([], () => Promise.resolve(0), () => Promise.resolve());
  assert.equal(empty.waitedMs, 0);
});
