import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { createResponseCache } from "../../http/cache.ts";
import { createEventBus } from "../../bus/events.ts";
import { waitFor } from "../_wait.ts";
import { testDeps, withDatabase } from "../_db.ts";
import { seed, writeAndPublish } from "../_helpers.ts";
import { seriesDef } from "../../ingest/store.ts";
import { ensureSeries } from "../../db/series.ts";
import { listedDerived } from "../../domain/derived.ts";
import { PHYSICAL_HUBS } from "../../domain/catalog.ts";

// testDeps' clock reads 2026-01-01T00:01:00Z.
async function seedCatalog(db: Parameters<typeof seed>[0]) {
  await seed(db, { key: "spp.rt.hb_west", start: "2025-12-31T22:00:00Z", n: 8 }); // last 23:45
  await seed(db, { key: "spp.rt.hb_north", start: "2025-12-30T00:00:00Z", n: 4 }); // last 00:45
  await seed(db, {
    key: "load.actual",
    interval: 3600,
    unit: "MW",
    feed: "np6_346",
    start: "2025-12-31T20:00:00Z",
    n: 2,
  });
  await seed(db, { key: "spp.da.hb_west", interval: 3600, start: "2026-01-01T00:00:00Z", n: 0 });
}

Deno.test("GET /api/v1/series lists the catalog with extent, freshness and staleness", async () => {
  await withDatabase(async (db) => {
    await seedCatalog(db);
    const res = await createApp(testDeps(db)).request("/api/v1/series");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("etag") ?? "", /^"[\w-]{22}"$/);
    assert.equal(res.headers.get("cache-control"), "public, max-age=15");
    const body = await res.json();
    // The four stored series and every listed derived series.
    assert.equal(body.count, 4 + listedDerived(PHYSICAL_HUBS).length);
    assert.equal(body.as_of, "2026-01-01T00:01:00.000Z");
    const byKey = Object.fromEntries(body.series.map((s: { key: string }) => [s.key, s]));
    assert.deepEqual(byKey["spp.rt.hb_west"], {
      key: "spp.rt.hb_west",
      name: "spp.rt.hb_west",
      unit: "$/MWh",
      interval_seconds: 900,
      feed: "np6_905",
      type: "hub",
      first: "2025-12-31T22:00:00.000Z",
      last: "2025-12-31T23:45:00.000Z",
      freshness_seconds: 960,
      stale_after_seconds: 3600,
      stale: false,
    });
    assert.equal(byKey["spp.rt.hb_north"].stale, true);
    assert.equal(byKey["load.actual"].freshness_seconds, 10860);
    assert.equal(byKey["load.actual"].stale, false);
    assert.deepEqual(
      [
        byKey["spp.da.hb_west"].last,
        byKey["spp.da.hb_west"].freshness_seconds,
        byKey["spp.da.hb_west"].stale,
      ],
      [null, null, true],
    );
  });
});

Deno.test("GET /api/v1/series filters by prefix and by text in the key or name", async (t) => {
  await withDatabase(async (db) => {
    await seedCatalog(db);
    const app = createApp(testDeps(db));
    const keys = async (query: string) =>
      (await (await app.request(`/api/v1/series?${query}`)).json()).series.map((
        s: { key: string },
      ) => s.key);
    await t.step("prefix", async () => {
      assert.deepEqual(await keys("prefix=spp.rt."), ["spp.rt.hb_north", "spp.rt.hb_west"]);
    });
    await t.step("q, case-insensitive", async () => {
      const west = await keys("q=WEST");
      assert.deepEqual(west.filter((k: string) => k.startsWith("spp.")), [
        "spp.da.hb_west",
        "spp.rt.hb_west",
      ]);
      // Derived series match too: their keys and names say West.
      assert.ok(west.includes("dart.hb_west") && west.includes("spread.lz_west.hb_west"));
    });
    await t.step("both", async () => {
      assert.deepEqual(await keys("prefix=spp.da.&q=west"), ["spp.da.hb_west"]);
    });
    await t.step("a prefix with LIKE wildcards matches literally", async () => {
      assert.deepEqual(await keys("prefix=spp%25"), []);
    });
  });
});

Deno.test("GET /api/v1/series/{key} answers one series and 304 on a matching ETag", async () => {
  await withDatabase(async (db) => {
    await seedCatalog(db);
    const app = createApp(testDeps(db));
    const res = await app.request("/api/v1/series/load.actual");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.unit, "MW");
    assert.equal(body.last, "2025-12-31T21:00:00.000Z");
    const again = await app.request("/api/v1/series/load.actual", {
      headers: { "if-none-match": res.headers.get("etag")! },
    });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("etag"), res.headers.get("etag"));
  });
});

Deno.test("GET /api/v1/series/:key 404s on an unknown key", async () => {
  await withDatabase(async (db) => {
    const res = await createApp(testDeps(db)).request("/api/v1/series/spp.rt.hb_nowhere");
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    const body = await res.json();
    assert.equal(body.detail, 'Unknown series "spp.rt.hb_nowhere"');
    assert.equal(body.parameter, "key");
  });
});

Deno.test("the catalog is answered from memory within a second, and a write shows at once", async () => {
  await withDatabase(async (db) => {
    await seedCatalog(db);
    let now = Date.parse("2026-01-01T00:01:00.200Z");
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const cache = createResponseCache();
    const app = createApp(testDeps(db, { bus, cache, clock: () => new Date(now) }));
    await waitFor(async () => {
      await (await app.request("/api/v1/series?prefix=spp.rt.")).arrayBuffer();
      return cache.stats().entries === 1;
    }, "the catalog to be cached");
    const hits = cache.stats().hits;
    now += 500;
    const same = await (await app.request("/api/v1/series?prefix=spp.rt.")).json();
    assert.equal(cache.stats().hits, hits + 1, "answered from memory within the second");
    assert.equal(same.as_of, "2026-01-01T00:01:00.000Z");
    now += 600; // the next second: built again, with freshness as of it
    const next = await (await app.request("/api/v1/series?prefix=spp.rt.")).json();
    assert.equal(next.as_of, "2026-01-01T00:01:01.000Z");
    const west = next.series.find((s: { key: string }) => s.key === "spp.rt.hb_west");
    assert.equal(west.freshness_seconds, 16 * 60 + 1);

    await writeAndPublish(db, bus, {
      key: "spp.rt.hb_west",
      feed: "np6_905",
      ts: "2026-01-01T00:00:00Z",
      value: 3,
    });
    await waitFor(() => cache.stats().entries === 0, "the write to invalidate the catalog");
    const written = await (await app.request("/api/v1/series?prefix=spp.rt.")).json();
    const fresh = written.series.find((s: { key: string }) => s.key === "spp.rt.hb_west");
    assert.equal(fresh.last, "2026-01-01T00:00:00.000Z");
    assert.equal(written.as_of, "2026-01-01T00:01:01.000Z");
    await bus.close();
  });
});

/** 1,200 resource nodes (no data) beside the hubs, zone and system series of `seedCatalog`. */
async function seedNodes(db: Parameters<typeof seed>[0]) {
  await seedCatalog(db);
  await seed(db, { key: "spp.rt.lz_west", start: "2025-12-31T22:00:00Z", n: 1 });
  const keys = Array.from(
    { length: 1200 },
    (_, i) => `spp.rt.plant${String(i).padStart(4, "0")}_rn`,
  );
  await ensureSeries(db.db.sql, [
    ...keys.map((k) => seriesDef(k, "np6_905")),
    seriesDef("lmp.rt.alvin_rn", "np6_788", "ALVIN_RN"),
  ]);
}

Deno.test("GET /api/v1/series pages by cursor with the count of all matches and a link to the next page", async () => {
  await withDatabase(async (db) => {
    await seedNodes(db);
    const app = createApp(testDeps(db));
    const all = 1206 + listedDerived(PHYSICAL_HUBS).length; // stored series and listed derived
    const first = await (await app.request("/api/v1/series")).json();
    assert.equal(first.series.length, 500, "500 by default");
    assert.equal(first.count, all);
    assert.equal(first.next_cursor, first.series[499].key);
    assert.equal(first.next, `/api/v1/series?limit=500&cursor=${first.next_cursor}`);
    const seen: string[] = first.series.map((s: { key: string }) => s.key);
    let next = first.next;
    while (next) {
      const page = await (await app.request(next)).json();
      assert.equal(page.count, all);
      seen.push(...page.series.map((s: { key: string }) => s.key));
      next = page.next;
    }
    assert.equal(seen.length, all);
    assert.equal(new Set(seen).size, all, "no key twice");
    assert.deepEqual(seen, seen.toSorted(), "in key order");
    const filtered = await (await app.request("/api/v1/series?prefix=spp.rt.&limit=2")).json();
    assert.deepEqual(filtered.series.map((s: { key: string }) => s.key), [
      "spp.rt.hb_north",
      "spp.rt.hb_west",
    ]);
    assert.equal(filtered.count, 1203);
    assert.equal(filtered.next, "/api/v1/series?prefix=spp.rt.&limit=2&cursor=spp.rt.hb_west");
    const last = await (await app.request("/api/v1/series?limit=5000")).json();
    assert.deepEqual([last.series.length, last.next, last.next_cursor], [all, null, null]);
    const past = await (await app.request("/api/v1/series?cursor=zzz")).json();
    assert.deepEqual([past.series, past.count, past.next], [[], all, null]);
  });
});

Deno.test("GET /api/v1/series searches words in any order and filters by type", async (t) => {
  await withDatabase(async (db) => {
    await seedNodes(db);
    const app = createApp(testDeps(db));
    const list = async (query: string) => {
      const body = await (await app.request(`/api/v1/series?${query}`)).json();
      return [body.count, body.series.map((s: { key: string }) => s.key).slice(0, 3)];
    };
    await t.step("words in any order across key and name", async () => {
      assert.deepEqual(await list("q=SCED%20alvin"), [1, ["lmp.rt.alvin_rn"]]);
      assert.deepEqual(await list("q=rn%20plant0042"), [1, ["spp.rt.plant0042_rn"]]);
      assert.deepEqual(await list("q=alvin%20day-ahead"), [0, []]);
    });
    await t.step("the words people use for a catalog series", async () => {
      assert.deepEqual(await list("q=west%20dam"), [1, ["spp.da.hb_west"]]);
    });
    await t.step("type", async () => {
      assert.deepEqual(await list("type=hub"), [3, [
        "spp.da.hb_west",
        "spp.rt.hb_north",
        "spp.rt.hb_west",
      ]]);
      assert.deepEqual(await list("type=zone"), [1, ["spp.rt.lz_west"]]);
      assert.deepEqual(await list("type=system"), [1, ["load.actual"]]);
      assert.deepEqual((await list("type=node"))[0], 1201);
      assert.deepEqual(await list("type=node&q=alvin"), [1, ["lmp.rt.alvin_rn"]]);
      const derived = await list("type=derived&q=north%20dart%20hub");
      assert.deepEqual(derived, [1, ["dart.hb_north"]]);
      assert.deepEqual(await list("type=zone,system"), [2, ["load.actual", "spp.rt.lz_west"]]);
    });
    await t.step("each series says its type", async () => {
      const one = await (await app.request("/api/v1/series/lmp.rt.alvin_rn")).json();
      assert.deepEqual([one.type, one.name], ["node", "ALVIN_RN SCED LMP"]);
    });
  });
});

Deno.test("GET /api/v1/series answers 400 naming the parameter for a bad limit or type", async (t) => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    for (
      const [query, parameter, detail] of [
        ["limit=0", "limit", '"0" is not an integer from 1 to 5000'],
        ["limit=5001", "limit", '"5001" is not an integer from 1 to 5000'],
        ["limit=ten", "limit", '"ten" is not an integer from 1 to 5000'],
        ["type=plant", "type", '"plant" is not one of hub, zone, node, system, derived'],
        ["type=hub,,zone", "type", '"" is not one of hub, zone, node, system, derived'],
      ]
    ) {
      await t.step(query, async () => {
        const res = await app.request(`/api/v1/series?${query}`);
        assert.equal(res.status, 400);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
        const body = await res.json();
        assert.equal(body.parameter, parameter);
        assert.match(body.detail, new RegExp(detail.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      });
    }
  });
});
