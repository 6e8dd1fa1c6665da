import assert from "node:assert/strict";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createApp } from "../_app.ts";
import { negotiateCoding } from "../../http/compress.ts";
import { createResponseCache } from "../../http/cache.ts";
import { webRoutes } from "../../routes/web.ts";
import { precompress } from "../../web/build.ts";
import { createEventBus } from "../../bus/events.ts";
import { createMetrics } from "../../metrics.ts";
import { loadConfig } from "../../config.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { seed } from "../_helpers.ts";

const URL_2000 =
  "/api/v1/observations?series=demand.rt&start=2025-12-01T00:00:00Z&end=2025-12-08T00:00:00Z&resolution=raw&max_points=5000";

async function compressApp(db: TestDatabase) {
  await seed(db, {
    key: "demand.rt",
    interval: 300,
    unit: "MW",
    feed: "supply_demand",
    start: "2025-12-01T00:00:00Z",
    n: 2000,
    value: (i) => 40000 + (i * 37) % 5000 + 0.25,
  });
  const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
  const cache = createResponseCache();
  const metrics = createMetrics();
  const config = loadConfig({ RATE_LIMIT_ENABLED: "false" });
  const app = createApp(testDeps(db, { bus, cache, metrics, config }));
  await waitFor(async () => {
    await (await app.request(URL_2000)).arrayBuffer();
    return cache.stats().entries === 1;
  }, "the answer to be cached");
  return { app, cache, metrics };
}

function decoded(res: Response, bytes: Uint8Array): string {
  const coding = res.headers.get("content-encoding");
  const raw = coding === "br"
    ? brotliDecompressSync(bytes)
    : coding === "gzip"
    ? gunzipSync(bytes)
    : bytes;
  return new TextDecoder().decode(raw);
}

const get =
  (app: { request: (u: string, i?: RequestInit) => Response | Promise<Response> }) =>
  async (url: string, encoding?: string) => {
    const res = await app.request(
      url,
      encoding ? { headers: { "accept-encoding": encoding } } : {},
    );
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

Deno.test("negotiateCoding() picks the best accepted coding and falls back to none", async (t) => {
  const cases: [string | undefined, string | undefined][] = [
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["br;q=0.5, gzip", "gzip"],
    ["x-gzip", "gzip"],
    ["*", "br"],
    ["br;q=0, *", "gzip"],
    ["identity", undefined],
    ["gzip;q=0, br;q=0", undefined],
    ["compress, zstd, deflate", undefined],
    ["gzip;q=2", undefined],
    ["gzip;q=abc, br;q=", undefined],
    [";;;,,,=", undefined],
    ["g z i p", undefined],
    ["", undefined],
    [undefined, undefined],
  ];
  for (const [header, want] of cases) {
    await t.step(String(JSON.stringify(header)), () => assert.equal(negotiateCoding(header), want));
  }
});

Deno.test("a cached 2,000-point answer goes out in br or gzip, compressed once, through the fast lane too", async () => {
  await withDatabase(async (db) => {
    const { app, cache } = await compressApp(db);
    const request = get(app);
    const plain = await request(URL_2000);
    assert.equal(plain.res.headers.get("content-encoding"), null);
    const text = new TextDecoder().decode(plain.bytes);
    assert.equal(JSON.parse(text).series[0].t.length, 2000);
    const before = cache.stats().bytes;
    for (const coding of ["br", "gzip"]) {
      const first = await request(URL_2000, `${coding}, identity;q=0.5`);
      assert.equal(first.res.status, 200);
      assert.equal(first.res.headers.get("content-encoding"), coding);
      assert.match(first.res.headers.get("vary") ?? "", /Accept-Encoding/);
      assert.equal(decoded(first.res, first.bytes), text);
      assert.ok(first.bytes.byteLength * 3 < plain.bytes.byteLength, `${coding} is 3× smaller`);
      const grown = cache.stats().bytes;
      const again = await request(URL_2000, coding);
      assert.deepEqual(again.bytes, first.bytes);
      assert.equal(again.res.headers.get("etag"), first.res.headers.get("etag"));
      assert.notEqual(again.res.headers.get("etag"), plain.res.headers.get("etag"));
      assert.equal(cache.stats().bytes, grown, "the variant was kept, not made again");
      const revalidated = await app.request(URL_2000, {
        headers: { "accept-encoding": coding, "if-none-match": first.res.headers.get("etag")! },
      });
      assert.equal(revalidated.status, 304);
    }
    assert.ok(cache.stats().bytes > before, "the variants count against the cache's limit");
  });
});

Deno.test("Parquet, tiny bodies and unreadable Accept-Encoding go out uncompressed, never as errors", async () => {
  await withDatabase(async (db) => {
    const { app } = await compressApp(db);
    const request = get(app);
    const parquet = await request(`${URL_2000}&format=parquet`, "gzip, br");
    assert.equal(parquet.res.status, 200);
    assert.equal(parquet.res.headers.get("content-encoding"), null);
    assert.equal(new TextDecoder().decode(parquet.bytes.subarray(0, 4)), "PAR1");
    const tiny = await request("/api/v1/series/demand.rt", "br");
    assert.equal(tiny.res.status, 200);
    assert.equal(tiny.res.headers.get("content-encoding"), null);
    for (
      const header of ["identity", "br;q=0, gzip;q=0", "zstd", "gzip;q=x", "gz\u00efp", ",,;q=1"]
    ) {
      const res = await request(URL_2000, header);
      assert.equal(res.res.status, 200, header);
      assert.equal(res.res.headers.get("content-encoding"), null, header);
      assert.equal(JSON.parse(decoded(res.res, res.bytes)).series[0].v.length, 2000);
    }
  });
});

Deno.test("CSV exports stream compressed; the OpenAPI document and docs assets are compressed once", async () => {
  await withDatabase(async (db) => {
    const { app } = await compressApp(db);
    const request = get(app);
    const plain = await request(`${URL_2000}&format=csv`);
    for (const coding of ["gzip", "br"]) {
      const csv = await request(`${URL_2000}&format=csv`, coding);
      assert.equal(csv.res.headers.get("content-encoding"), coding);
      assert.equal(decoded(csv.res, csv.bytes), new TextDecoder().decode(plain.bytes));
    }
    const doc = await request("/api/openapi.json", "gzip, br");
    assert.equal(doc.res.headers.get("content-encoding"), "br");
    assert.equal(doc.res.headers.get("vary"), "Accept-Encoding");
    assert.equal(JSON.parse(decoded(doc.res, doc.bytes)).openapi, "3.1.0");
    assert.deepEqual((await request("/api/openapi.json", "br")).bytes, doc.bytes);
    const js = await request("/api/docs/app.js", "gzip");
    assert.equal(js.res.headers.get("content-encoding"), "gzip");
    assert.match(decoded(js.res, js.bytes), /openapi\.json/);
  });
});

Deno.test("UI assets are precompressed at build and sent as the variant the caller accepts", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/assets`);
  const js = `export const rows = [${Array.from({ length: 400 }, (_, i) => i).join(",")}];\n`;
  await Deno.writeTextFile(`${dir}/assets/main-0123abcd.js`, js);
  await Deno.writeTextFile(`${dir}/assets/tiny-0123abcd.css`, "body{}");
  await Deno.writeTextFile(`${dir}/index.html`, "<!doctype html><title>UI</title>");
  await precompress(`${dir}/assets`);
  const names = [...Deno.readDirSync(`${dir}/assets`)].map((f) => f.name).sort();
  assert.deepEqual(names, [
    "main-0123abcd.js",
    "main-0123abcd.js.br",
    "main-0123abcd.js.gz",
    "tiny-0123abcd.css",
  ]);
  const request = get(webRoutes({ distDir: dir }));
  for (const [coding, header] of [["br", "br, gzip"], ["gzip", "gzip"]]) {
    const res = await request("/assets/main-0123abcd.js", header);
    assert.equal(res.res.headers.get("content-encoding"), coding);
    assert.equal(res.res.headers.get("vary"), "Accept-Encoding");
    assert.equal(decoded(res.res, res.bytes), js);
  }
  const plain = await request("/assets/main-0123abcd.js", "identity");
  assert.equal(plain.res.headers.get("content-encoding"), null);
  assert.equal(new TextDecoder().decode(plain.bytes), js);
  assert.equal((await request("/assets/main-0123abcd.js.br")).res.status, 404);
  await Deno.remove(dir, { recursive: true });
});
