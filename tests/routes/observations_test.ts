import assert from "node:assert/strict";
import fc from "fast-check";
import { parquetReadObjects } from "hyparquet";
import { createApp } from "../_app.ts";
import { createResponseCache } from "../../http/cache.ts";
import { createEventBus } from "../../bus/events.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { seed, writeAndPublish } from "../_helpers.ts";

const WEEK = "start=2025-12-01T00:00:00Z&end=2025-12-08T00:00:00Z";

async function seedTwo(db: TestDatabase) {
  await seed(db, {
    key: "spp.rt.hb_west",
    start: "2025-12-01T00:00:00Z",
    n: 7 * 96,
    value: (i) => 20 + (i % 96),
  });
  await seed(db, {
    key: "load.actual",
    interval: 3600,
    unit: "MW",
    feed: "np6_346",
    start: "2025-12-01T00:00:00Z",
    n: 7 * 24,
    value: (i) => 40000 + i,
  });
}

async function problemOf(res: Response) {
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  return await res.json();
}

Deno.test("GET /api/v1/observations answers columnar JSON with epoch-second instants", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const app = createApp(testDeps(db));
    const res = await app.request(
      "/api/v1/observations?series=spp.rt.hb_west,load.actual&start=2025-12-01T00:00:00Z&end=2025-12-01T02:00:00Z&resolution=raw",
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.equal(res.headers.get("cache-control"), "public, max-age=3600");
    const body = await res.json();
    assert.equal(body.start, "2025-12-01T00:00:00.000Z");
    assert.equal(body.end, "2025-12-01T02:00:00.000Z");
    const [west, load] = body.series;
    assert.equal(west.key, "spp.rt.hb_west");
    assert.equal(west.unit, "$/MWh");
    assert.equal(west.resolution, "raw");
    assert.equal(west.t[0], Date.parse("2025-12-01T00:00:00Z") / 1000);
    assert.equal(west.t.length, 8);
    assert.deepEqual(west.v.slice(0, 3), [20, 21, 22]);
    assert.deepEqual(load.v, [40000, 40001]);
  });
});

Deno.test("GET /api/v1/observations keeps every series within max_points", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const res = await createApp(testDeps(db)).request(
      `/api/v1/observations?series=spp.rt.hb_west&${WEEK}&resolution=raw&max_points=50`,
    );
    const [west] = (await res.json()).series;
    assert.ok(west.t.length <= 50 && west.t.length > 10);
    assert.equal(west.downsampled, true);
  });
});

Deno.test("GET /api/v1/observations?last= reads the window ending at the next whole minute", async () => {
  await withDatabase(async (db) => {
    await seed(db, { key: "demand.rt", interval: 300, start: "2025-12-31T00:00:00Z", n: 300 });
    const app = createApp(testDeps(db, { clock: () => new Date("2026-01-01T00:00:30Z") }));
    const body = await (await app.request("/api/v1/observations?series=demand.rt&last=PT1H"))
      .json();
    assert.equal(body.start, "2025-12-31T23:01:00.000Z");
    assert.equal(body.end, "2026-01-01T00:01:00.000Z");
    assert.equal(body.series[0].t.length, 12);
    const fallback = await (await app.request("/api/v1/observations?series=demand.rt")).json();
    assert.equal(fallback.start, "2025-12-31T00:01:00.000Z");
  });
});

Deno.test("GET /api/v1/observations rejects bad parameters with problem+json naming them", async (t) => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const app = createApp(testDeps(db));
    const cases: [string, string, number, string, RegExp][] = [
      [
        "unknown series",
        "series=spp.rt.hb_west,spp.rt.nowhere",
        404,
        "series",
        /Unknown series "spp.rt.nowhere"/,
      ],
      [
        "start after end",
        "series=load.actual&start=2025-12-02T00:00:00Z&end=2025-12-01T00:00:00Z",
        400,
        "start",
        /must be before end/,
      ],
      [
        "malformed start",
        "series=load.actual&start=yesterday&end=2025-12-01T00:00:00Z",
        400,
        "start",
        /start "yesterday" is not an ISO 8601 instant/,
      ],
      [
        "impossible date",
        "series=load.actual&start=2025-02-30T00:00:00Z",
        400,
        "start",
        /"2025-02-30T00:00:00Z"/,
      ],
      [
        "instant without offset",
        "series=load.actual&end=2025-12-01T00:00:00",
        400,
        "end",
        /with Z or an offset/,
      ],
      [
        "max_points too big",
        "series=load.actual&max_points=20001",
        400,
        "max_points",
        /"20001" is not an integer from 2 to 20000/,
      ],
      [
        "max_points too small",
        "series=load.actual&max_points=1",
        400,
        "max_points",
        /"1" is not an integer/,
      ],
      [
        "max_points not a number",
        "series=load.actual&max_points=lots",
        400,
        "max_points",
        /"lots"/,
      ],
      [
        "unknown format",
        "series=load.actual&format=xlsx",
        400,
        "format",
        /"xlsx" is not one of json, csv, parquet/,
      ],
      [
        "unknown resolution",
        "series=load.actual&resolution=2h",
        400,
        "resolution",
        /"2h" is not one of/,
      ],
      [
        "last with start",
        "series=load.actual&last=PT1H&start=2025-12-01T00:00:00Z",
        400,
        "last",
        /cannot be combined/,
      ],
      [
        "malformed last",
        "series=load.actual&last=24h",
        400,
        "last",
        /last "24h" is not an ISO 8601 duration/,
      ],
      [
        "window over 10 years",
        "series=load.actual&start=2010-01-01T00:00:00Z&end=2025-01-01T00:00:00Z",
        400,
        "start",
        /the most is 10 years/,
      ],
      ["last over 10 years", "series=load.actual&last=P11Y", 400, "last", /the most is 10 years/],
      ["bad series key", "series=Robert');drop", 400, "series", /is not a series key/],
      ["no series", "series=", 400, "series", /names no series/],
      ["neither series nor expr", "last=P1D", 400, "series", /Give series, expr, or both/],
    ];
    for (const [name, query, status, parameter, detail] of cases) {
      await t.step(name, async () => {
        const res = await app.request(`/api/v1/observations?${query}`);
        assert.equal(res.status, status);
        const body = await problemOf(res);
        assert.equal(body.parameter, parameter);
        assert.match(body.detail, detail);
      });
    }
  });
});

Deno.test("GET /api/v1/observations answers 304 when If-None-Match holds the ETag", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const app = createApp(testDeps(db));
    const url = `/api/v1/observations?series=load.actual&${WEEK}`;
    const first = await app.request(url);
    const etag = first.headers.get("etag")!;
    assert.match(etag, /^"[\w-]{22}"$/);
    const again = await app.request(url, { headers: { "if-none-match": `W/"x", ${etag}` } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), "");
    const other = await app.request(url, { headers: { "if-none-match": '"stale"' } });
    assert.equal(other.status, 200);
  });
});

Deno.test("identical queries are served from the cache until ingestion writes the series", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const cache = createResponseCache();
    const app = createApp(testDeps(db, { bus, cache }));
    const url = `/api/v1/observations?series=load.actual&${WEEK}&resolution=raw`;
    await app.request(url);
    await waitFor(async () => {
      await app.request(url);
      return cache.stats().entries === 1;
    }, "the answer to be cached");
    const hits = cache.stats().hits;
    const cached = await (await app.request(url)).json();
    assert.equal(cache.stats().hits, hits + 1);
    assert.equal(cached.series[0].v[0], 40000);

    await writeAndPublish(db, bus, {
      key: "load.actual",
      feed: "np6_346",
      ts: "2025-12-01T00:00:00Z",
      value: 1,
    });
    await waitFor(() => cache.stats().entries === 0, "the write to invalidate the entry");
    const fresh = await (await app.request(url)).json();
    assert.equal(fresh.series[0].v[0], 1);
    await bus.close();
  });
});

Deno.test("format=csv and Accept: text/csv stream series,ts,value,unit with ISO UTC instants", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const app = createApp(testDeps(db));
    const query =
      "series=spp.rt.hb_west,load.actual&start=2025-12-01T00:00:00Z&end=2025-12-01T01:00:00Z";
    const res = await app.request(`/api/v1/observations?${query}&format=csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    const text = await res.text();
    assert.equal(
      text,
      [
        "series,ts,value,unit",
        "spp.rt.hb_west,2025-12-01T00:00:00Z,20,$/MWh",
        "spp.rt.hb_west,2025-12-01T00:15:00Z,21,$/MWh",
        "spp.rt.hb_west,2025-12-01T00:30:00Z,22,$/MWh",
        "spp.rt.hb_west,2025-12-01T00:45:00Z,23,$/MWh",
        "load.actual,2025-12-01T00:00:00Z,40000,MW",
        "",
      ].join("\n"),
    );
    const viaAccept = await app.request(`/api/v1/observations?${query}`, {
      headers: { accept: "text/csv" },
    });
    assert.equal(await viaAccept.text(), text);
    const notModified = await app.request(`/api/v1/observations?${query}&format=csv`, {
      headers: { "if-none-match": res.headers.get("etag")! },
    });
    assert.equal(notModified.status, 304);
  });
});

Deno.test("a long CSV export round-trips row for row", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const res = await createApp(testDeps(db)).request(
      `/api/v1/observations?series=spp.rt.hb_west&${WEEK}&resolution=raw&max_points=20000&format=csv`,
    );
    const lines = (await res.text()).trim().split("\n");
    assert.equal(lines.length, 1 + 7 * 96);
    const parsed = lines.slice(1).map((l) => l.split(","));
    assert.equal(parsed[5000 % parsed.length][0], "spp.rt.hb_west");
    assert.equal(Date.parse(parsed[100][1]), Date.parse("2025-12-01T00:00:00Z") + 100 * 900_000);
    assert.equal(Number(parsed[100][2]), 20 + 100 % 96);
  });
});

Deno.test("format=parquet round-trips through hyparquet", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const res = await createApp(testDeps(db)).request(
      `/api/v1/observations?series=spp.rt.hb_west,load.actual&${WEEK}&resolution=raw&max_points=20000&format=parquet`,
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/vnd.apache.parquet");
    const file = await res.arrayBuffer();
    const rows = await parquetReadObjects({ file });
    assert.equal(rows.length, 7 * 96 + 7 * 24);
    assert.deepEqual(rows[1], {
      series: "spp.rt.hb_west",
      ts: new Date("2025-12-01T00:15:00Z"),
      value: 21,
    });
    assert.deepEqual(rows.at(-1), {
      series: "load.actual",
      ts: new Date("2025-12-07T23:00:00Z"),
      value: 40000 + 7 * 24 - 1,
    });
  });
});

Deno.test("random valid queries never answer 5xx and always respect the point budget", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const app = createApp(testDeps(db));
    const base = Date.parse("2025-11-20T00:00:00Z");
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(["spp.rt.hb_west", "load.actual"], { minLength: 1 }),
        fc.integer({ min: 0, max: 30 * 96 }),
        fc.integer({ min: 1, max: 40 * 96 }),
        fc.constantFrom("auto", "raw", "5m", "15m", "1h", "1d"),
        fc.constantFrom("avg", "min", "max", "sum", "last"),
        fc.integer({ min: 2, max: 20000 }),
        async (keys, startQ, spanQ, resolution, agg, maxPoints) => {
          const start = new Date(base + startQ * 900_000).toISOString();
          const end = new Date(base + (startQ + spanQ) * 900_000).toISOString();
          const res = await app.request(
            `/api/v1/observations?series=${keys.join(",")}&start=${start}&end=${end}` +
              `&resolution=${resolution}&agg=${agg}&max_points=${maxPoints}`,
          );
          assert.ok(res.status < 500, `status ${res.status}`);
          assert.equal(res.status, 200);
          const body = await res.json();
          for (const s of body.series) {
            assert.ok(s.t.length <= maxPoints, `${s.t.length} points over ${maxPoints}`);
            assert.equal(s.t.length, s.v.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("GET /api/v1/observations answers a catalog series no feed has written yet as empty", async () => {
  await withDatabase(async (db) => {
    await seedTwo(db);
    const app = createApp(testDeps(db));
    const res = await app.request(
      `/api/v1/observations?series=spp.rt.hb_houston,spp.rt.hb_west&${WEEK}`,
    );
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(body.series.map((s: { key: string }) => s.key), [
      "spp.rt.hb_houston",
      "spp.rt.hb_west",
    ]);
    const [houston, west] = body.series;
    assert.equal(houston.unit, "$/MWh");
    assert.match(houston.name, /Houston/);
    assert.deepEqual([houston.t, houston.v], [[], []]);
    assert.ok(west.t.length > 0);
    // Outside the catalog it stays a 404 naming the key.
    const unknown = await app.request(`/api/v1/observations?series=spp.rt.nowhere&${WEEK}`);
    assert.equal(unknown.status, 404);
    assert.match((await unknown.json()).detail, /Unknown series "spp.rt.nowhere"/);
  });
});
