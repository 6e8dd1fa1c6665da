import assert from "node:assert/strict";
import { parquetReadObjects } from "hyparquet";
import { createApp } from "../_app.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { recordGridStatus } from "../../db/grid_status.ts";

const DAY = "start=2025-12-01T00:00:00Z&end=2025-12-01T08:00:00Z";
const LOAD = { key: "load.actual", interval: 3600, unit: "MW", feed: "np6_346" };

/** Hourly load at 00:00 and 01:00 (10, 11), nothing at 02:00 and 03:00, then 04:00 and 05:00. */
async function seedGappy(db: TestDatabase) {
  await seed(db, { ...LOAD, start: "2025-12-01T00:00:00Z", n: 2, value: (i) => 10 + i });
  await seed(db, { ...LOAD, start: "2025-12-01T04:00:00Z", n: 2, value: (i) => 14 + i });
}

const hour = (h: number) => Date.parse(`2025-12-01T0${h}:00:00Z`) / 1000;

async function problemOf(res: Response) {
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  return await res.json();
}

Deno.test("fill=previous and fill=linear fill the missing hours and flag them in JSON", async (t) => {
  await withDatabase(async (db) => {
    await seedGappy(db);
    const app = createApp(testDeps(db));
    const get = async (fill: string) =>
      (await (await app.request(`/api/v1/observations?series=load.actual&${DAY}&${fill}`)).json())
        .series[0];
    await t.step("none (the default) answers the stored points without flags", async () => {
      const load = await get("resolution=raw");
      assert.deepEqual(load.v, [10, 11, 14, 15]);
      assert.equal("filled" in load, false);
    });
    await t.step("previous carries 11 into 02:00 and 03:00", async () => {
      const load = await get("fill=previous");
      assert.deepEqual(load.t, [0, 1, 2, 3, 4, 5].map(hour));
      assert.deepEqual(load.v, [10, 11, 11, 11, 14, 15]);
      assert.deepEqual(load.filled, [false, false, true, true, false, false]);
    });
    await t.step(
      "linear interpolates by time, and nothing past 05:00 or before 00:00",
      async () => {
        const load = await get("fill=linear");
        assert.deepEqual(load.v, [10, 11, 12, 13, 14, 15]);
        assert.deepEqual(load.filled, [false, false, true, true, false, false]);
      },
    );
    await t.step("stored data is unchanged afterwards", async () => {
      assert.deepEqual((await get("fill=none")).v, [10, 11, 14, 15]);
    });
  });
});

Deno.test("fill adds a filled column last to CSV and a boolean column to Parquet", async () => {
  await withDatabase(async (db) => {
    await seedGappy(db);
    const app = createApp(testDeps(db));
    const base = `/api/v1/observations?series=load.actual&${DAY}`;
    const csv = await (await app.request(`${base}&fill=linear&format=csv`)).text();
    assert.deepEqual(csv.trim().split("\n").slice(0, 4), [
      "series,ts,value,unit,filled",
      "load.actual,2025-12-01T00:00:00Z,10,MW,false",
      "load.actual,2025-12-01T01:00:00Z,11,MW,false",
      "load.actual,2025-12-01T02:00:00Z,12,MW,true",
    ]);
    const plain = await (await app.request(`${base}&format=csv`)).text();
    assert.equal(plain.split("\n")[0], "series,ts,value,unit");
    const etags = await Promise.all(
      ["fill=none", "fill=previous"].map(async (f) =>
        (await app.request(`${base}&${f}&format=csv`)).headers.get("etag")
      ),
    );
    assert.notEqual(etags[0], etags[1]);

    const res = await app.request(`${base}&fill=previous&format=parquet`);
    assert.equal(res.status, 200);
    const rows = await parquetReadObjects({ file: await res.arrayBuffer() });
    assert.deepEqual(rows.map((r) => r.filled), [false, false, true, true, false, false]);
    assert.deepEqual(rows[2], {
      series: "load.actual",
      ts: new Date("2025-12-01T02:00:00Z"),
      value: 11,
      filled: true,
    });
    const unfilled = await app.request(`${base}&format=parquet`);
    const [first] = await parquetReadObjects({ file: await unfilled.arrayBuffer() });
    assert.equal("filled" in first, false);
  });
});

Deno.test("fill fills on the level's grid: 15-minute prices read hourly", async () => {
  await withDatabase(async (db) => {
    const west = { key: "spp.rt.hb_west", interval: 900 };
    await seed(db, { ...west, start: "2025-12-01T00:00:00Z", n: 4, value: () => 20 });
    await seed(db, { ...west, start: "2025-12-01T03:00:00Z", n: 4, value: () => 50 });
    const res = await createApp(testDeps(db)).request(
      `/api/v1/observations?series=spp.rt.hb_west&${DAY}&resolution=1h&fill=linear`,
    );
    const [s] = (await res.json()).series;
    assert.equal(s.resolution, "1h");
    assert.deepEqual(s.t, [0, 1, 2, 3].map(hour));
    assert.deepEqual(s.v, [20, 30, 40, 50]);
    assert.deepEqual(s.filled, [false, true, true, false]);
  });
});

Deno.test("fill rejects a bad value (400) and a downsampled answer (422), naming fill", async () => {
  await withDatabase(async (db) => {
    await seedGappy(db);
    const app = createApp(testDeps(db));
    const bad = await app.request(`/api/v1/observations?series=load.actual&${DAY}&fill=spline`);
    assert.equal(bad.status, 400);
    const p = await problemOf(bad);
    assert.equal(p.parameter, "fill");
    assert.match(p.detail, /"spline" is not one of none, previous, linear/);

    const squeezed = await app.request(
      `/api/v1/observations?series=load.actual&${DAY}&resolution=raw&max_points=3&fill=previous`,
    );
    assert.equal(squeezed.status, 422);
    const q = await problemOf(squeezed);
    assert.equal(q.parameter, "fill");
    assert.match(q.detail, /load.actual: its answer is downsampled to 3 points/);
  });
});

Deno.test("fill fills a derived series' missing hours and carries grid.condition's state word", async (t) => {
  await withDatabase(async (db) => {
    const north = (key: string, interval: number, n: number, value: (i: number) => number) =>
      seed(db, { key, interval, start: "2025-12-01T00:00:00Z", n, value });
    // DART hours 0–3; hour 1 lacks its last real-time quarter, so it has no DART.
    await north("spp.da.hb_north", 3600, 4, (i) => 40 + 10 * i);
    await north("spp.rt.hb_north", 900, 5, () => 20);
    await seed(db, {
      key: "spp.rt.hb_north",
      interval: 900,
      start: "2025-12-01T02:00:00Z",
      n: 8,
      value: () => 20,
    });
    const app = createApp(testDeps(db));
    await t.step("a DART hour missing an input is filled and flagged", async () => {
      const res = await app.request(
        `/api/v1/observations?series=dart.hb_north&${DAY}&resolution=raw&fill=linear`,
      );
      const [dart] = (await res.json()).series;
      assert.deepEqual(dart.t, [0, 1, 2, 3].map(hour));
      assert.deepEqual(dart.v, [20, 30, 40, 50]);
      assert.deepEqual(dart.filled, [false, true, false, false]);
    });
    await t.step("a filled grid condition keeps the state word in effect", async () => {
      const status = { title: "", note: "", prc: 4000 };
      const at = (m: number) => new Date(Date.parse("2025-12-01T00:00:00Z") + m * 60_000);
      await recordGridStatus(db.db.sql, { ...status, state: "normal", eeaLevel: 0, at: at(0) });
      await recordGridStatus(db.db.sql, { ...status, state: "watch", eeaLevel: 0, at: at(3) });
      const res = await app.request(
        `/api/v1/observations?series=grid.condition&${DAY}&resolution=raw&fill=previous`,
      );
      const [grid] = (await res.json()).series;
      assert.deepEqual(grid.v, [0, 0, 0, 1]);
      assert.deepEqual(grid.filled, [false, true, true, false]);
      assert.deepEqual(grid.state, ["normal", "normal", "normal", "watch"]);
    });
  });
});
