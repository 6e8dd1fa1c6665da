import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";

const START = "2025-12-01T00:00:00Z";
const WINDOW = "start=2025-12-01T00:00:00Z&end=2025-12-01T02:00:00Z";

/**
 * Eight 15-minute intervals from 00:00Z of four real-time points, a node that stops two
 * intervals early, and one day-ahead point that no real-time read may show.
 */
async function seedPoints(db: TestDatabase) {
  const rt = (point: string, base: number, n = 8) =>
    seed(db, { key: `spp.rt.${point}`, start: START, n, value: (i) => base + i });
  await rt("hb_west", 10);
  await rt("hb_north", 20);
  await rt("lz_west", 5);
  await rt("brazos0_unit1", 20);
  await rt("alvin0_rn", 30, 6);
  await seed(db, {
    key: "spp.da.hb_west",
    interval: 3600,
    feed: "np4_190",
    start: START,
    n: 2,
    value: () => 99,
  });
}

async function get(db: TestDatabase, path: string, init?: RequestInit) {
  const app = createApp(testDeps(db, { clock: () => new Date("2025-12-01T03:00:00Z") }));
  return await app.request(path, init);
}

Deno.test("GET /api/v1/cross-section answers every point of the family in the interval containing at", async () => {
  await withDatabase(async (db) => {
    await seedPoints(db);
    const res = await get(db, "/api/v1/cross-section?family=spp.rt&at=2025-12-01T01:50:00Z");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.unit, "$/MWh");
    assert.equal(body.interval_seconds, 900);
    assert.equal(body.requested, "2025-12-01T01:50:00.000Z");
    assert.equal(body.instant, "2025-12-01T01:45:00.000Z");
    assert.equal(body.match, "containing");
    assert.deepEqual(body.rows, [
      { key: "spp.rt.brazos0_unit1", point: "brazos0_unit1", type: "node", value: 27 },
      { key: "spp.rt.hb_north", point: "hb_north", type: "hub", value: 27 },
      { key: "spp.rt.hb_west", point: "hb_west", type: "hub", value: 17 },
      { key: "spp.rt.lz_west", point: "lz_west", type: "zone", value: 12 },
    ]);
    const earlier = await (await get(
      db,
      "/api/v1/cross-section?family=spp.rt&at=2025-12-01T01:15:00Z",
    )).json();
    assert.equal(earlier.instant, "2025-12-01T01:15:00.000Z");
    assert.deepEqual(earlier.rows.map((r: { point: string }) => r.point), [
      "alvin0_rn",
      "brazos0_unit1",
      "hb_north",
      "hb_west",
      "lz_west",
    ]);
    assert.equal(earlier.rows[0].value, 35);
  });
});

Deno.test("GET /api/v1/cross-section says when it answers the latest interval before at, or nothing", async (t) => {
  await withDatabase(async (db) => {
    await seedPoints(db);
    await t.step("after the data: the latest interval", async () => {
      const body =
        await (await get(db, "/api/v1/cross-section?family=spp.rt&at=2025-12-01T05:00:00Z"))
          .json();
      assert.equal(body.match, "latest");
      assert.equal(body.instant, "2025-12-01T01:45:00.000Z");
      assert.equal(body.rows.length, 4);
    });
    await t.step("without at: now (the injected clock)", async () => {
      const body = await (await get(db, "/api/v1/cross-section?family=spp.rt")).json();
      assert.equal(body.requested, "2025-12-01T03:00:00.000Z");
      assert.equal(body.instant, "2025-12-01T01:45:00.000Z");
    });
    await t.step("before the data: none", async () => {
      const body = await (await get(db, "/api/v1/cross-section?family=spp.rt&at=2025-11-30"))
        .json();
      assert.equal(body.match, "none");
      assert.equal(body.instant, null);
      assert.deepEqual(body.rows, []);
    });
    await t.step("another family reads only its own points", async () => {
      const body =
        await (await get(db, "/api/v1/cross-section?family=spp.da&at=2025-12-01T01:30:00Z"))
          .json();
      assert.equal(body.instant, "2025-12-01T01:00:00.000Z");
      assert.equal(body.match, "containing");
      assert.deepEqual(body.rows, [
        { key: "spp.da.hb_west", point: "hb_west", type: "hub", value: 99 },
      ]);
    });
  });
});

Deno.test("GET /api/v1/cross-section filters by type and answers CSV", async () => {
  await withDatabase(async (db) => {
    await seedPoints(db);
    const at = "at=2025-12-01T01:50:00Z";
    const nodes = await (await get(db, `/api/v1/cross-section?family=spp.rt&${at}&type=node`))
      .json();
    assert.deepEqual(nodes.rows.map((r: { key: string }) => r.key), ["spp.rt.brazos0_unit1"]);
    const res = await get(db, `/api/v1/cross-section?family=spp.rt&${at}&type=hub`, {
      headers: { accept: "text/csv" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(
      await res.text(),
      "key,point,type,instant,value,unit\n" +
        "spp.rt.hb_north,hb_north,hub,2025-12-01T01:45:00Z,27,$/MWh\n" +
        "spp.rt.hb_west,hb_west,hub,2025-12-01T01:45:00Z,17,$/MWh\n",
    );
  });
});

Deno.test("GET /api/v1/cross-section/top ranks points by their aggregate, ties by key", async (t) => {
  await withDatabase(async (db) => {
    await seedPoints(db);
    const top = async (query: string) =>
      (await (await get(db, `/api/v1/cross-section/top?family=spp.rt&${WINDOW}&${query}`)).json())
        .rows.map((r: { key: string; value: number; rank: number }) => [r.rank, r.key, r.value]);
    await t.step("highest average first; a tie ranked by key", async () => {
      assert.deepEqual(await top("n=3"), [
        [1, "spp.rt.alvin0_rn", 32.5],
        [2, "spp.rt.brazos0_unit1", 23.5],
        [3, "spp.rt.hb_north", 23.5],
      ]);
    });
    await t.step("lowest first", async () => {
      assert.deepEqual(await top("n=2&order=asc"), [
        [1, "spp.rt.lz_west", 8.5],
        [2, "spp.rt.hb_west", 13.5],
      ]);
    });
    await t.step("by maximum, hubs only", async () => {
      assert.deepEqual(await top("agg=max&type=hub"), [
        [1, "spp.rt.hb_north", 27],
        [2, "spp.rt.hb_west", 17],
      ]);
    });
    await t.step("the window bounds the values", async () => {
      const res = await get(
        db,
        "/api/v1/cross-section/top?family=spp.rt&start=2025-12-01T01:30:00Z&end=2025-12-01T02:00:00Z&n=1&type=hub",
      );
      const body = await res.json();
      assert.deepEqual(body.rows, [{
        key: "spp.rt.hb_north",
        point: "hb_north",
        type: "hub",
        value: 26.5,
        intervals: 2,
        rank: 1,
      }]);
      assert.equal(body.start, "2025-12-01T01:30:00.000Z");
    });
    await t.step("CSV", async () => {
      const res = await get(
        db,
        `/api/v1/cross-section/top?family=spp.rt&${WINDOW}&n=1&format=csv`,
      );
      assert.equal(
        await res.text(),
        "rank,key,point,type,value,intervals,unit\n1,spp.rt.alvin0_rn,alvin0_rn,node,32.5,6,$/MWh\n",
      );
    });
  });
});

Deno.test("GET /api/v1/cross-section answers bad parameters with a problem naming them", async () => {
  await withDatabase(async (db) => {
    const cases: [string, string, RegExp][] = [
      ["/api/v1/cross-section?family=spp.xx", "family", /"spp.xx" is not one of spp.rt/],
      ["/api/v1/cross-section", "family", /family/],
      ["/api/v1/cross-section?family=spp.rt&at=noon", "at", /at "noon" is not an ISO 8601/],
      ["/api/v1/cross-section?family=spp.rt&type=plant", "type", /"plant" is not one of hub/],
      ["/api/v1/cross-section/top?family=spp.rt&n=0", "n", /"0" is not an integer from 1 to 1000/],
      ["/api/v1/cross-section/top?family=spp.rt&n=1001", "n", /from 1 to 1000/],
      ["/api/v1/cross-section/top?family=spp.rt&order=up", "order", /"up" is not one of desc/],
      ["/api/v1/cross-section/top?family=spp.rt&agg=sum", "agg", /"sum" is not one of avg/],
      [
        "/api/v1/cross-section/top?family=spp.rt&start=2025-01-01&end=2025-03-01",
        "start",
        /longer than 31 days/,
      ],
      ["/api/v1/cross-section/top?family=spp.rt&last=P40D", "last", /longer than 31 days/],
      [
        "/api/v1/cross-section/top?family=spp.rt&start=2025-02-01&end=2025-01-01",
        "start",
        /must be before end/,
      ],
    ];
    for (const [path, parameter, detail] of cases) {
      const res = await get(db, path);
      assert.equal(res.status, 400, path);
      assert.equal(res.headers.get("content-type"), "application/problem+json", path);
      const body = await res.json();
      assert.equal(body.parameter, parameter, path);
      assert.match(body.detail, detail, path);
    }
  });
});

Deno.test("a DC tie is a zone to the cross-section reads and to the catalog alike", async () => {
  await withDatabase(async (db) => {
    await seedPoints(db);
    await seed(db, { key: "spp.rt.dc_e", start: START, n: 8, value: (i) => 40 + i });
    const at = "at=2025-12-01T01:50:00Z";
    const keys = async (path: string) =>
      ((await (await get(db, path)).json()).rows as { key: string; type: string }[])
        .map((r) => `${r.key}:${r.type}`);
    assert.deepEqual(await keys(`/api/v1/cross-section?family=spp.rt&${at}&type=zone`), [
      "spp.rt.dc_e:zone",
      "spp.rt.lz_west:zone",
    ]);
    assert.ok(
      !(await keys(`/api/v1/cross-section?family=spp.rt&${at}&type=node`))
        .some((k) => k.startsWith("spp.rt.dc_e")),
      "a DC tie is no node",
    );
    assert.deepEqual(
      await keys(`/api/v1/cross-section/top?family=spp.rt&${WINDOW}&n=1&type=zone`),
      ["spp.rt.dc_e:zone"],
    );
    const catalog = await (await get(db, "/api/v1/series?prefix=spp.rt.&type=zone")).json();
    assert.deepEqual(
      catalog.series.map((s: { key: string; type: string }) => `${s.key}:${s.type}`),
      ["spp.rt.dc_e:zone", "spp.rt.lz_west:zone"],
    );
  });
});
