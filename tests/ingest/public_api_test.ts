import assert from "node:assert/strict";
import { FAKE_START as START, fakeTime } from "../_time.ts";
import { createHttpClient } from "../../ingest/http.ts";
import { createMirror, type Fault } from "../../dev/mirror.ts";
import {
  CLIENT_ID,
  createPublicApiClient,
  createSlidingWindowLimiter,
  DEFAULT_TOKEN_URL,
  type PublicApiOptions,
  tokenUrlFor,
} from "../../ingest/public_api.ts";

const FIXTURES = Deno.env.get("FIXTURES_DIR") ??
  decodeURIComponent(new URL("../../../shared/fixtures/ercot", import.meta.url).pathname);
const HAS_FIXTURES = (() => {
  try {
    return Deno.statSync(`${FIXTURES}/public-api-archive-np3-911-er`).isDirectory;
  } catch {
    return false;
  }
})();
if (!HAS_FIXTURES) {
  console.warn(
    `SKIPPED: no recordings at ${FIXTURES}/public-api-archive-np3-911-er; API tests ignored`,
  );
}

const OCTOBER_TO_NOVEMBER = {
  postedFrom: new Date("2024-10-01T05:00:00Z"),
  postedTo: new Date("2024-12-01T06:00:00Z"),
};

interface Seen {
  at: number;
  method: string;
  path: string;
  query: URLSearchParams;
}

/**
 * Serves the recordings on an ephemeral port and hands `fn` a Public API
 * client on the mirror, every request the mirror saw (stamped with the
 * injected clock) and every request body the client sent. `fault` may answer
 * a request instead of the mirror.
 */
async function withApi(
  time: ReturnType<typeof fakeTime>,
  fn: (
    api: ReturnType<typeof createPublicApiClient>,
    seen: Seen[],
    sent: string[],
  ) => Promise<void>,
  extra: Partial<PublicApiOptions> = {},
  fault: (seen: Seen[]) => Fault = () => undefined,
): Promise<void> {
  const seen: Seen[] = [];
  const sent: string[] = [];
  const faults = (req: Request) => {
    const url = new URL(req.url);
    seen.push({ at: time.now(), method: req.method, path: url.pathname, query: url.searchParams });
    return fault(seen);
  };
  const recordingFetch: typeof fetch = (input, init) => {
    if (init?.body) sent.push(String(init.body));
    return fetch(input, init);
  };
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    createMirror({ dir: FIXTURES, faults }),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  try {
    const api = createPublicApiClient({
      http: createHttpClient({ fetch: recordingFetch, now: time.now, sleep: time.sleep }),
      apiBase: `${origin}/api/public-reports`,
      username: "analyst@example.com",
      password: "secret",
      subscriptionKey: "key",
      now: time.now,
      sleep: time.sleep,
      ...extra,
    });
    await fn(api, seen, sent);
  } finally {
    await server.shutdown();
  }
}

const tokenCalls = (seen: Seen[]) => seen.filter((s) => s.path === "/oauth2/v2.0/token");
const apiCalls = (seen: Seen[]) => seen.filter((s) => s.path.startsWith("/api/public-reports/"));

function apiTest(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, ignore: !HAS_FIXTURES, fn });
}

apiTest("the client gets a token, lists archives and downloads one from the mirror", async () => {
  await withApi(fakeTime(), async (api, seen, sent) => {
    const archives = await api.listArchives("NP3-911-ER", OCTOBER_TO_NOVEMBER);
    assert.deepEqual(archives, [
      {
        docId: 1045038225,
        friendlyName: "2_Day_AS_Disclosure",
        postDatetime: new Date("2024-10-18T08:13:31Z"),
      },
      {
        docId: 1049861718,
        friendlyName: "2_Day_AS_Disclosure",
        postDatetime: new Date("2024-11-05T09:16:10Z"),
      },
    ]);
    const zip = await api.downloadArchive("NP3-911-ER", 1049861718);
    const file = "1049861718.ext.00013057.0000000000000000.20241105.031610.2_Day_AS_Disclosure.zip";
    assert.deepEqual(zip, await Deno.readFile(`${FIXTURES}/public-api-archive-np3-911-er/${file}`));

    assert.equal(tokenCalls(seen).length, 1);
    assert.equal(tokenCalls(seen)[0].method, "POST");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sent[0])), {
      grant_type: "password",
      username: "analyst@example.com",
      password: "secret",
      response_type: "id_token",
      scope: `openid ${CLIENT_ID} offline_access`,
      client_id: CLIENT_ID,
    });
    const [list] = apiCalls(seen);
    assert.equal(list.path, "/api/public-reports/archive/np3-911-er");
    assert.equal(list.query.get("postDatetimeFrom"), "2024-10-01T00:00:00");
    assert.equal(list.query.get("postDatetimeTo"), "2024-12-01T00:00:00");
  });
});

apiTest("listArchives() pages through _meta.totalPages", async () => {
  await withApi(fakeTime(), async (api, seen) => {
    const archives = await api.listArchives("np3-911-er", OCTOBER_TO_NOVEMBER);
    assert.equal(archives.length, 2);
    assert.deepEqual(apiCalls(seen).map((s) => s.query.get("page")), ["1", "2"]);
    assert.ok(apiCalls(seen).every((s) => s.query.get("size") === "1"));
  }, { pageSize: 1 });
});

apiTest("the limiter holds API calls to 30 a minute on the injected clock", async () => {
  const time = fakeTime();
  await withApi(time, async (api, seen) => {
    for (let i = 0; i < 31; i++) await api.downloadArchive("NP3-911-ER", 1045038225);
    const stamps = apiCalls(seen).map((s) => s.at - START);
    assert.deepEqual(stamps, [...Array(30).fill(0), 60_000]);
    assert.deepEqual(time.sleeps, [60_000]);
    assert.equal(tokenCalls(seen).length, 1);
  });
});

apiTest("the id_token is reused for 55 minutes and then renewed", async () => {
  const time = fakeTime();
  await withApi(time, async (api, seen) => {
    await api.downloadArchive("NP3-911-ER", 1045038225);
    time.advance(54 * 60_000);
    await api.downloadArchive("NP3-911-ER", 1045038225);
    assert.equal(tokenCalls(seen).length, 1);
    time.advance(2 * 60_000);
    await api.downloadArchive("NP3-911-ER", 1045038225);
    assert.equal(tokenCalls(seen).length, 2);
  });
});

apiTest("a 401 from the API fetches a new token and retries once", async () => {
  const rejectFirstApiCall = (seen: Seen[]) =>
    apiCalls(seen).length === 1 && seen.at(-1)!.path.startsWith("/api/")
      ? Response.json({ statusCode: 401, message: "Invalid JWT" }, { status: 401 })
      : undefined;
  await withApi(
    fakeTime(),
    async (api, seen) => {
      const zip = await api.downloadArchive("NP3-911-ER", 1045038225);
      assert.equal(zip.byteLength, 64913);
      assert.equal(tokenCalls(seen).length, 2);
      assert.equal(apiCalls(seen).length, 2);
    },
    {},
    rejectFirstApiCall,
  );
});

Deno.test("createSlidingWindowLimiter() frees a slot as the window slides", async () => {
  const time = fakeTime();
  const limiter = createSlidingWindowLimiter({ limit: 2, windowMs: 1000, ...time });
  await limiter.acquire();
  time.advance(400);
  await limiter.acquire();
  await limiter.acquire();
  await limiter.acquire();
  assert.deepEqual(time.sleeps, [600, 400]);
  assert.equal(time.now() - START, 1400);
});

Deno.test("tokenUrlFor() uses ERCOT's B2C endpoint for api.ercot.com and the mirror's otherwise", () => {
  assert.equal(tokenUrlFor("https://api.ercot.com/api/public-reports"), DEFAULT_TOKEN_URL);
  assert.equal(
    tokenUrlFor("http://127.0.0.1:8081/api/public-reports"),
    "http://127.0.0.1:8081/oauth2/v2.0/token",
  );
});

Deno.test("listArchives() rejects a range that ends before it starts, without a request", async () => {
  const http = createHttpClient({ fetch: () => Promise.reject(new Error("no request expected")) });
  const api = createPublicApiClient({ http, username: "u", password: "p", subscriptionKey: "k" });
  await assert.rejects(
    api.listArchives("NP3-911-ER", {
      postedFrom: new Date("2024-11-02T00:00:00Z"),
      postedTo: new Date("2024-11-01T00:00:00Z"),
    }),
    {
      name: "TypeError",
      message:
        'Invalid archive range: postedFrom "2024-11-02T00:00:00.000Z" is after postedTo "2024-11-01T00:00:00.000Z"',
    },
  );
});

Deno.test("createPublicApiClient() rejects missing credentials and bad options", () => {
  const base = {
    http: createHttpClient(),
    username: "u",
    password: "p",
    subscriptionKey: "k",
  };
  assert.throws(() => createPublicApiClient({ ...base, username: "" }), {
    name: "TypeError",
    message: "Invalid Public API option username: it must be a non-empty string",
  });
  assert.throws(() => createPublicApiClient({ ...base, apiBase: "not a url" }), TypeError);
  assert.throws(() => createPublicApiClient({ ...base, pageSize: 0 }), TypeError);
  assert.throws(() => createPublicApiClient({ ...base, requestsPerMinute: 0 }), TypeError);
});
