import assert from "node:assert/strict";
import { FAKE_START as START, fakeTime } from "../_time.ts";
import { UpstreamError } from "../../domain/errors.ts";
import { createHttpClient, DEFAULT_USER_AGENT, parseRetryAfter } from "../../ingest/http.ts";

/**
 * Runs `fn` against a 127.0.0.1 server on an ephemeral port, always shut
 * down; `seen` holds a copy of each request's headers.
 */
async function withServer(
  handler: (req: Request, hit: number) => Response | Promise<Response>,
  fn: (base: string, hits: () => number, seen: Headers[]) => Promise<void>,
) {
  const requests: Headers[] = [];
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    (req) => handler(req, requests.push(new Headers(req.headers))),
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`, () => requests.length, requests);
  } finally {
    await server.shutdown();
  }
}

const stalled = () =>
  new Response(new ReadableStream({ pull: () => new Promise<void>(() => {}) }), { status: 200 });

function truncated(full: string): Response {
  const bytes = new TextEncoder().encode(full);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes.slice(0, 5));
      c.close();
    },
  });
  return new Response(body, { headers: { "content-length": String(bytes.byteLength) } });
}

const text = (body: Uint8Array) => new TextDecoder().decode(body);

Deno.test("get() retries a 500 with exponential backoff and full jitter, then succeeds", async () => {
  const time = fakeTime();
  await withServer(
    (_req, hit) => hit <= 2 ? new Response("boom", { status: 500 }) : new Response("ok"),
    async (base, hits) => {
      const http = createHttpClient({ ...time, random: () => 0.5, baseDelayMs: 100 });
      const res = await http.get(`${base}/x`);
      assert.equal(res.status, 200);
      assert.equal(text(res.body), "ok");
      assert.equal(hits(), 3);
      assert.deepEqual(time.sleeps, [50, 100]);
    },
  );
});

Deno.test("get() honours Retry-After on 429 and 503", async (t) => {
  const cases = [
    { name: "seconds on 429", status: 429, value: "7", maxDelayMs: 30_000, expected: 7_000 },
    {
      name: "an HTTP-date on 503",
      status: 503,
      value: new Date(START + 12_000).toUTCString(),
      maxDelayMs: 30_000,
      expected: 12_000,
    },
    { name: "capped by maxDelayMs", status: 429, value: "120", maxDelayMs: 9_000, expected: 9_000 },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const time = fakeTime();
      await withServer(
        (_req, hit) =>
          hit === 1
            ? new Response("slow down", { status: c.status, headers: { "retry-after": c.value } })
            : new Response("ok"),
        async (base) => {
          const http = createHttpClient({ ...time, random: () => 0.99, maxDelayMs: c.maxDelayMs });
          assert.equal(text((await http.get(base)).body), "ok");
          assert.deepEqual(time.sleeps, [c.expected]);
        },
      );
    });
  }
});

Deno.test("parseRetryAfter() reads seconds and HTTP-dates and ignores junk", () => {
  assert.equal(parseRetryAfter("3", START), 3000);
  assert.equal(parseRetryAfter(new Date(START - 5000).toUTCString(), START), 0);
  assert.equal(parseRetryAfter("soon", START), undefined);
  assert.equal(parseRetryAfter(null, START), undefined);
});

Deno.test("get() times out a hanging server and retries", async () => {
  const time = fakeTime();
  await withServer(
    (_req, hit) => hit === 1 ? stalled() : new Response("ok"),
    async (base, hits) => {
      const http = createHttpClient({ ...time, timeoutMs: 100, random: () => 0 });
      assert.equal(text((await http.get(base)).body), "ok");
      assert.equal(hits(), 2);
    },
  );
});

Deno.test("get() reports the timeout when attempts run out", async () => {
  await withServer(stalled, async (base) => {
    const http = createHttpClient({ ...fakeTime(), timeoutMs: 50, retries: 0 });
    await assert.rejects(
      http.get(`${base}/slow`),
      (err) =>
        err instanceof UpstreamError &&
        /failed after 1 attempts: timed out after 50 ms/.test(err.message),
    );
  });
});

Deno.test("get() retries a truncated body", async () => {
  await withServer(
    (_req, hit) => hit === 1 ? truncated("0123456789") : new Response("0123456789"),
    async (base, hits) => {
      const http = createHttpClient({ ...fakeTime(), random: () => 0 });
      assert.equal(text((await http.get(base)).body), "0123456789");
      assert.equal(hits(), 2);
    },
  );
});

Deno.test("get() does not retry a 404 and names the URL and status", async () => {
  await withServer(() => new Response("no", { status: 404 }), async (base, hits) => {
    const http = createHttpClient(fakeTime());
    await assert.rejects(http.get(`${base}/missing`), (err) => {
      assert.ok(err instanceof UpstreamError);
      assert.equal(err.message, `GET ${base}/missing answered HTTP 404`);
      assert.equal(err.extra.status, 404);
      return true;
    });
    assert.equal(hits(), 1);
  });
});

Deno.test("get() gives up after retries + 1 attempts with an UpstreamError naming the URL", async () => {
  const time = fakeTime();
  await withServer(() => new Response("down", { status: 502 }), async (base, hits) => {
    const http = createHttpClient({ ...time, retries: 2, random: () => 1 - 1e-9, baseDelayMs: 10 });
    await assert.rejects(http.get(`${base}/a`), {
      name: "UpstreamError",
      message: `GET ${base}/a failed after 3 attempts: HTTP 502`,
    });
    assert.equal(hits(), 3);
    assert.deepEqual(time.sleeps, [9, 19]);
  });
});

Deno.test("the circuit opens after N consecutive failures, fails fast, then half-opens", async (t) => {
  const time = fakeTime();
  let healthy = false;
  await withServer(
    () => healthy ? new Response("ok") : new Response("down", { status: 500 }),
    async (base, hits) => {
      const host = new URL(base).host;
      const http = createHttpClient({
        ...time,
        retries: 0,
        breaker: { failureThreshold: 3, cooldownMs: 10_000 },
      });
      await t.step("three failures open it", async () => {
        for (let i = 0; i < 3; i++) await assert.rejects(http.get(base), /HTTP 500/);
        assert.equal(http.circuit(host), "open");
      });
      await t.step("an open circuit fails fast without a request", async () => {
        await assert.rejects(http.get(base), {
          name: "UpstreamError",
          message: `Circuit open for host ${host} until 2025-01-01T00:00:10.000Z`,
        });
        assert.equal(hits(), 3);
      });
      await t.step("a failed trial after the cooldown reopens it at once", async () => {
        time.advance(10_000);
        assert.equal(http.circuit(host), "half-open");
        await assert.rejects(http.get(base), /HTTP 500/);
        assert.equal(http.circuit(host), "open");
      });
      await t.step("a successful trial closes it", async () => {
        time.advance(10_000);
        healthy = true;
        assert.equal((await http.get(base)).status, 200);
        assert.equal(http.circuit(host), "closed");
      });
    },
  );
});

Deno.test("get() sends the remembered validators and surfaces a 304", async () => {
  await withServer(
    (req) =>
      req.headers.get("if-none-match") === '"v1"'
        ? new Response(null, { status: 304, headers: { etag: '"v1"' } })
        : new Response("data", {
          headers: { etag: '"v1"', "last-modified": "Wed, 01 Jan 2025 00:00:00 GMT" },
        }),
    async (base, _hits, seen) => {
      const http = createHttpClient(fakeTime());
      const first = await http.get(`${base}/d.json`);
      assert.equal(first.notModified, false);
      http.remember(`${base}/d.json`, first);
      const second = await http.get(`${base}/d.json`);
      assert.equal(second.status, 304);
      assert.equal(second.notModified, true);
      assert.equal(second.body.byteLength, 0);
      assert.equal(seen[1].get("if-modified-since"), "Wed, 01 Jan 2025 00:00:00 GMT");
      const fresh = await http.get(`${base}/d.json`, { conditional: false });
      assert.equal(text(fresh.body), "data");
    },
  );
});

Deno.test("get() keeps no validator the caller has not remembered", async () => {
  await withServer(
    (req) =>
      req.headers.has("if-none-match") || req.headers.has("if-modified-since")
        ? new Response(null, { status: 304 })
        : new Response("data", {
          headers: { etag: '"v1"', "last-modified": "Wed, 01 Jan 2025 00:00:00 GMT" },
        }),
    async (base, _hits, seen) => {
      const http = createHttpClient(fakeTime());
      assert.equal(text((await http.get(`${base}/d.json`)).body), "data");
      // The payload was not stored (say its transaction failed): it must come again in full.
      const again = await http.get(`${base}/d.json`);
      assert.equal(again.status, 200);
      assert.equal(text(again.body), "data");
      assert.equal(seen[1].get("if-none-match"), null);
      assert.equal(seen[1].get("if-modified-since"), null);
    },
  );
});

Deno.test("get() refuses a poll of the same key sooner than minIntervalMs", async () => {
  const time = fakeTime();
  await withServer(() => new Response("ok"), async (base, hits) => {
    const http = createHttpClient(time);
    const poll = { pollKey: "mis:12301", minIntervalMs: 60_000 };
    const first = await http.get(base, poll);
    assert.equal(first.skipped, false);
    time.advance(59_999);
    const second = await http.get(base, poll);
    assert.deepEqual(second, {
      skipped: true,
      pollKey: "mis:12301",
      nextAllowedAt: new Date(START + 60_000),
    });
    assert.equal((await http.get(base, { ...poll, pollKey: "mis:12300" })).skipped, false);
    time.advance(1);
    assert.equal((await http.get(base, poll)).skipped, false);
    assert.equal(hits(), 3);
  });
});

Deno.test("requests carry a User-Agent naming the project", async () => {
  await withServer(() => new Response("ok"), async (base, _hits, seen) => {
    await createHttpClient(fakeTime()).get(base);
    const agent = seen[0].get("user-agent") ?? "";
    assert.equal(agent, DEFAULT_USER_AGENT);
    assert.match(
      agent,
      /^ercot-analytics\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/ercot-analytics\)$/,
    );
  });
});

Deno.test("createHttpClient() rejects bad options at construction", async (t) => {
  const bad = [
    { retries: -1 },
    { retries: 1.5 },
    { timeoutMs: 0 },
    { baseDelayMs: 1000, maxDelayMs: 10 },
    { breaker: { failureThreshold: 0 } },
    { breaker: { cooldownMs: -1 } },
    { userAgent: " " },
    { fetch: "nope" as unknown as typeof fetch },
  ];
  for (const options of bad) {
    await t.step(JSON.stringify(options), () => {
      assert.throws(() => createHttpClient(options), TypeError);
    });
  }
});
