import assert from "node:assert/strict";
import { parquetReadObjects } from "hyparquet";
import { createApp } from "../_app.ts";
import { type TestDatabase, testDeps, withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";
import { recordGridStatus } from "../../db/grid_status.ts";
import { parseNp4732 } from "../../ingest/feeds/np4_732.ts";
import { parseNp4737 } from "../../ingest/feeds/np4_737.ts";
import { readRecording, recording } from "../_fixtures.ts";
import { ensureSeries } from "../../db/series.ts";
import { writeObservations } from "../../db/observations.ts";
import type { Observation } from "../../ingest/types.ts";

const DAY = "start=2025-12-01T06:00:00Z&end=2025-12-02T06:00:00Z";
const T0 = Date.parse("2025-12-01T06:00:00Z");

const rt = (i: number) => 30 + ((i * 29) % 17);
const basis = (i: number) => rt(i) - (25 + (i % 5));

/** One Central day of West load zone and West hub real-time prices. */
async function seedWest(db: TestDatabase) {
  await seed(db, { key: "spp.rt.lz_west", start: "2025-12-01T06:00:00Z", n: 96, value: rt });
  await seed(db, {
    key: "spp.rt.hb_west",
    start: "2025-12-01T06:00:00Z",
    n: 96,
    value: (i) => 25 + (i % 5),
  });
}

Deno.test("GET /api/v1/observations answers a derived series as JSON like a stored one", async () => {
  await withDatabase(async (db) => {
    await seedWest(db);
    const app = createApp(testDeps(db));
    const res = await app.request(
      `/api/v1/observations?series=spread.lz_west.hb_west,spp.rt.hb_west&${DAY}&resolution=raw`,
    );
    assert.equal(res.status, 200);
    const [spread, hub] = (await res.json()).series;
    assert.equal(spread.key, "spread.lz_west.hb_west");
    assert.equal(spread.name, "West load zone basis (to West hub)");
    assert.equal(spread.unit, "$/MWh");
    assert.equal(spread.interval_seconds, 900);
    assert.equal(spread.state, undefined);
    assert.equal(spread.t.length, 96);
    assert.equal(spread.t[0], T0 / 1000);
    assert.deepEqual(spread.v, Array.from({ length: 96 }, (_, i) => basis(i)));
    assert.equal(hub.v.length, 96);
  });
});

Deno.test("GET /api/v1/observations aggregates a derived series by hour and day and keeps it within max_points", async () => {
  await withDatabase(async (db) => {
    await seedWest(db);
    const app = createApp(testDeps(db));
    const get = async (q: string) =>
      (await (await app.request(`/api/v1/observations?series=spread.lz_west.hb_west&${DAY}&${q}`))
        .json()).series[0];
    const hourly = await get("resolution=1h&agg=max");
    assert.equal(hourly.resolution, "1h");
    assert.equal(hourly.t.length, 24);
    assert.deepEqual(
      hourly.v,
      Array.from({ length: 24 }, (_, h) => Math.max(...[0, 1, 2, 3].map((q) => basis(4 * h + q)))),
    );
    const daily = await get("resolution=1d&agg=sum");
    assert.deepEqual(daily.t, [T0 / 1000]);
    assert.equal(
      daily.v[0],
      Array.from({ length: 96 }, (_, i) => basis(i)).reduce((a, b) => a + b),
    );
    const few = await get("resolution=raw&max_points=9");
    assert.equal(few.downsampled, true);
    assert.ok(few.t.length <= 9, `${few.t.length} points`);
    assert.ok(few.v.includes(Math.max(...Array.from({ length: 96 }, (_, i) => basis(i)))));
  });
});

Deno.test("GET /api/v1/observations answers a derived series as CSV and Parquet", async () => {
  await withDatabase(async (db) => {
    await seedWest(db);
    const app = createApp(testDeps(db));
    const csv = await (await app.request(
      `/api/v1/observations?series=spread.lz_west.hb_west&${DAY}&resolution=raw&format=csv`,
    )).text();
    const lines = csv.trim().split("\n");
    assert.equal(lines.length, 97);
    assert.equal(lines[1], `spread.lz_west.hb_west,2025-12-01T06:00:00Z,${basis(0)},$/MWh`);
    const res = await app.request(
      `/api/v1/observations?series=spread.lz_west.hb_west&${DAY}&resolution=raw&format=parquet`,
    );
    assert.equal(res.status, 200);
    const buf = await res.arrayBuffer();
    const rows = await parquetReadObjects({ file: buf });
    assert.equal(rows.length, 96);
    assert.deepEqual(rows.map((r) => r.value), Array.from({ length: 96 }, (_, i) => basis(i)));
  });
});

Deno.test("GET /api/v1/observations answers a derived key without input data as an empty series, and an invalid one 404s", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const res = await app.request(`/api/v1/observations?series=dart.hb_north,tb4.lz_cps&${DAY}`);
    assert.equal(res.status, 200);
    const [dart, tb4] = (await res.json()).series;
    assert.deepEqual([dart.key, dart.unit, dart.interval_seconds, dart.t], [
      "dart.hb_north",
      "$/MWh",
      3600,
      [],
    ]);
    assert.deepEqual([tb4.interval_seconds, tb4.v], [86400, []]);
    const bad = await app.request(`/api/v1/observations?series=spread.hb_west.hb_west&${DAY}`);
    assert.equal(bad.status, 404);
    assert.match((await bad.json()).detail, /spread\.hb_west\.hb_west/);
  });
});

Deno.test("GET /api/v1/observations keeps grid.condition's state word beside its level", async () => {
  await withDatabase(async (db) => {
    const at = (m: number) => new Date(T0 + m * 60_000);
    const status = { title: "", note: "", prc: 4000 };
    await recordGridStatus(db.db.sql, { ...status, state: "normal", eeaLevel: 0, at: at(0) });
    await recordGridStatus(db.db.sql, {
      ...status,
      state: "conservation",
      eeaLevel: 0,
      at: at(90),
    });
    await recordGridStatus(db.db.sql, { ...status, state: "eea", eeaLevel: 1, at: at(150) });
    const app = createApp(testDeps(db));
    const get = async (q: string) =>
      (await (await app.request(`/api/v1/observations?series=grid.condition&${DAY}&${q}`)).json())
        .series[0];
    const raw = await get("resolution=raw");
    assert.equal(raw.unit, "level");
    assert.deepEqual(raw.v, [0, 1, 2]);
    assert.deepEqual(raw.state, ["normal", "conservation", "eea"]);
    const hourly = await get("resolution=1h&agg=max");
    assert.deepEqual(hourly.t, [T0 / 1000, T0 / 1000 + 3600, T0 / 1000 + 7200]);
    assert.deepEqual(hourly.v, [0, 1, 2]);
    assert.deepEqual(hourly.state, ["normal", "conservation", "eea"]);
  });
});

const WIND = recording(
  "mis-np4-732-cd/cdr.00013028.0000000000000000.20250313.135509.WPPHRLYAVGACTNP4732_csv.zip",
);
const SOLAR = recording(
  "mis-np4-737-cd/cdr.00013483.0000000000000000.20250313.135508.PVGRHRLYAVGACTNP4737_csv.zip",
);

Deno.test({
  name:
    "netload from the recorded wind and solar actuals is load minus both at hours where all three exist",
  ignore: WIND === null || SOLAR === null,
  async fn() {
    await withDatabase(async (db) => {
      const pick = (obs: Observation[], key: string) =>
        new Map(obs.filter((o) => o.series === key).map((o) => [o.ts.getTime(), o.value]));
      const wind = pick(parseNp4732(readRecording(WIND)), "wind.actual");
      const solar = pick(parseNp4737(readRecording(SOLAR)), "solar.actual");
      const hours = [...wind.keys()].filter((t) => solar.has(t)).sort((a, b) => a - b);
      assert.ok(hours.length >= 3, `${hours.length} recorded hours in common`);
      const first = new Date(hours[0]).toISOString();
      // Load at every recorded hour but the second.
      const load = (t: number) => t === hours[1] ? undefined : 50_000 + (t - hours[0]) / 3_600_000;
      const ids = await ensureSeries(
        db.db.sql,
        ["load.actual", "wind.actual", "solar.actual"].map((key) => ({
          key,
          name: key,
          unit: "MW",
          intervalSeconds: 3600,
          feed: "test",
        })),
      );
      const rows = [
        ...[...wind].map(([t, value]) => ({
          seriesId: ids.get("wind.actual")!,
          ts: new Date(t),
          value,
        })),
        ...[...solar].map(([t, value]) => ({
          seriesId: ids.get("solar.actual")!,
          ts: new Date(t),
          value,
        })),
        ...hours.filter((t) => load(t) !== undefined).map((t) => ({
          seriesId: ids.get("load.actual")!,
          ts: new Date(t),
          value: load(t)!,
        })),
      ];
      await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
      const expected = hours.filter((t) => load(t) !== undefined);
      const app = createApp(testDeps(db));
      const end = new Date(hours.at(-1)! + 3_600_000).toISOString();
      const body = await (await app.request(
        `/api/v1/observations?series=netload&start=${first}&end=${end}&resolution=raw&max_points=20000`,
      )).json();
      const [net] = body.series;
      assert.deepEqual(net.t, expected.map((t) => t / 1000));
      net.v.forEach((v: number, i: number) => {
        const t = expected[i];
        assert.ok(Math.abs(v - (load(t)! - wind.get(t)! - solar.get(t)!)) < 1e-6, `${v} at ${t}`);
      });
    });
  },
});
