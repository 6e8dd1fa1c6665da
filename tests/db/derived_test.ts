import assert from "node:assert/strict";
import { type Agg, planLevel, readStatement, type Resolution } from "../../db/query.ts";
import { writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import { recordGridStatus } from "../../db/grid_status.ts";
import { toFragment } from "../../db/statement.ts";
import { derivedSeries } from "../../domain/derived.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";

const HOUR = 3_600_000;
const QUARTER = 900_000;
/** Central midnight of 2025-11-02 (CDT), a 25-hour day. */
const FALL_BACK = Date.parse("2025-11-02T05:00:00Z");
/** Central midnight of 2025-03-09 (CST), a 23-hour day. */
const SPRING_FORWARD = Date.parse("2025-03-09T06:00:00Z");

type Row = { key: string; at: number; value: number };

async function store(db: TestDatabase, rows: Row[]): Promise<void> {
  const intervals: Record<string, number> = {
    "spp.da.hb_north": 3600,
    "spp.rt.hb_north": 900,
    "spp.da.hb_west": 3600,
    "spp.rt.hb_west": 900,
    "load.actual": 3600,
    "wind.actual": 3600,
    "solar.actual": 3600,
    "capacity.available": 300,
    "demand.rt": 300,
  };
  const keys = [...new Set(rows.map((r) => r.key))];
  const ids = await ensureSeries(
    db.db.sql,
    keys.map((key) => ({
      key,
      name: key,
      unit: key.startsWith("spp") ? "$/MWh" : "MW",
      intervalSeconds: intervals[key],
      feed: "test",
    })),
  );
  await writeObservations(
    db.db.sql,
    rows.map((r) => ({ seriesId: ids.get(r.key)!, ts: new Date(r.at), value: r.value })),
    { variant: db.migration.variant },
  );
}

async function read(
  db: TestDatabase,
  key: string,
  start: number,
  end: number,
  o: { resolution?: Resolution; agg?: Agg; maxPoints?: number } = {},
): Promise<[number, number][]> {
  const d = derivedSeries(key)!;
  const [s, e] = [new Date(start), new Date(end)];
  const maxPoints = o.maxPoints ?? 10_000;
  const plan = planLevel(d.interval, s, e, o.resolution ?? "raw", maxPoints);
  const { points, source } = readStatement({ key }, plan, {
    agg: o.agg ?? "avg",
    start: s,
    end: e,
    maxPoints,
  });
  assert.equal(source, "derived");
  const rows = await toFragment(db.db.sql, points) as unknown as { t: number; v: number }[];
  return rows.map((r): [number, number] => [Number(r.t), Number(r.v)]).sort((a, b) => a[0] - b[0]);
}

function close(actual: [number, number][], expected: [number, number][]): void {
  assert.deepEqual(
    actual.map(([t]) => new Date(t).toISOString()),
    expected.map(([t]) => new Date(t).toISOString()),
  );
  actual.forEach(([, v], i) =>
    assert.ok(Math.abs(v - expected[i][1]) < 1e-9, `${v} ≠ ${expected[i][1]} at ${i}`)
  );
}

const da = (h: number) => 20 + ((h * 37) % 23) + h / 8;
const rt = (q: number) => 15 + ((q * 53) % 41) / 3;

Deno.test("dart.<point> over the 25-hour Central day of 2025-11-02 is DA minus the mean of the hour's four RT values, and an hour missing an input has none", async () => {
  await withDatabase(async (db) => {
    const rows: Row[] = [];
    for (let h = 0; h < 25; h++) {
      if (h !== 7) rows.push({ key: "spp.da.hb_north", at: FALL_BACK + h * HOUR, value: da(h) });
    }
    for (let q = 0; q < 100; q++) {
      if (q !== 4 * 12 + 2) {
        rows.push({ key: "spp.rt.hb_north", at: FALL_BACK + q * QUARTER, value: rt(q) });
      }
    }
    await store(db, rows);
    const expected: [number, number][] = [];
    for (let h = 0; h < 25; h++) {
      if (h === 7 || h === 12) continue;
      const mean = (rt(4 * h) + rt(4 * h + 1) + rt(4 * h + 2) + rt(4 * h + 3)) / 4;
      expected.push([FALL_BACK + h * HOUR, da(h) - mean]);
    }
    const day = FALL_BACK + 25 * HOUR;
    close(await read(db, "dart.hb_north", FALL_BACK, day), expected);
    assert.equal((await read(db, "dart.hb_north", FALL_BACK - HOUR, day + HOUR)).length, 23);
    await Promise.all((["avg", "min", "max", "sum"] as const).map(async (agg) => {
      const values = expected.map(([, v]) => v);
      const want = agg === "avg"
        ? values.reduce((a, b) => a + b) / values.length
        : agg === "sum"
        ? values.reduce((a, b) => a + b)
        : Math[agg](...values);
      close(await read(db, "dart.hb_north", FALL_BACK, day, { resolution: "1d", agg }), [[
        FALL_BACK,
        want,
      ]]);
    }));
  });
});

Deno.test("tb2 and tb4 per Central day use every hour of a 23- and a 24-hour day, and a day missing an hour has no value", async () => {
  await withDatabase(async (db) => {
    const rows: Row[] = [];
    const days = [[SPRING_FORWARD, 23], [SPRING_FORWARD + 23 * HOUR, 24], [
      SPRING_FORWARD + 47 * HOUR,
      24,
    ]];
    days.forEach(([start, hours], d) => {
      for (let h = 0; h < hours; h++) {
        if (d === 2 && h === 5) continue;
        rows.push({ key: "spp.da.hb_west", at: start + h * HOUR, value: da(h + 30 * d) });
      }
    });
    await store(db, rows);
    const tb = (n: number, d: number, hours: number) => {
      const v = Array.from({ length: hours }, (_, h) => da(h + 30 * d)).sort((a, b) => a - b);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
      return mean(v.slice(-n)) - mean(v.slice(0, n));
    };
    const end = SPRING_FORWARD + 71 * HOUR;
    close(await read(db, "tb2.hb_west", SPRING_FORWARD, end), [
      [days[0][0], tb(2, 0, 23)],
      [days[1][0], tb(2, 1, 24)],
    ]);
    close(await read(db, "tb4.hb_west", SPRING_FORWARD, end), [
      [days[0][0], tb(4, 0, 23)],
      [days[1][0], tb(4, 1, 24)],
    ]);
    // Only days starting inside the window.
    close(await read(db, "tb2.hb_west", SPRING_FORWARD + HOUR, end), [[days[1][0], tb(2, 1, 24)]]);
  });
});

Deno.test("spread, netload and capacity.headroom have values only where every input is present", async () => {
  await withDatabase(async (db) => {
    const t0 = Date.parse("2025-06-01T05:00:00Z");
    const rows: Row[] = [];
    for (let q = 0; q < 8; q++) {
      rows.push({ key: "spp.rt.hb_west", at: t0 + q * QUARTER, value: rt(q) });
      if (q !== 3) rows.push({ key: "spp.rt.hb_north", at: t0 + q * QUARTER, value: rt(q + 9) });
    }
    for (let h = 0; h < 3; h++) {
      rows.push({ key: "load.actual", at: t0 + h * HOUR, value: 50_000 + h });
      rows.push({ key: "wind.actual", at: t0 + h * HOUR, value: 20_000 - 7 * h });
      if (h !== 1) rows.push({ key: "solar.actual", at: t0 + h * HOUR, value: 9_000 + 3 * h });
    }
    for (let i = 0; i < 4; i++) {
      if (i !== 2) {
        rows.push({ key: "capacity.available", at: t0 + i * 300_000, value: 70_000 + i });
      }
      rows.push({ key: "demand.rt", at: t0 + i * 300_000, value: 60_000 - i });
    }
    await store(db, rows);
    const spread = [0, 1, 2, 4, 5, 6, 7].map((
      q,
    ): [number, number] => [t0 + q * QUARTER, rt(q) - rt(q + 9)]);
    close(await read(db, "spread.hb_west.hb_north", t0, t0 + 2 * HOUR), spread);
    close(
      await read(db, "spread.hb_west.hb_north", t0, t0 + 2 * HOUR, {
        resolution: "1h",
        agg: "max",
      }),
      [
        [t0, Math.max(...spread.slice(0, 3).map(([, v]) => v))],
        [t0 + HOUR, Math.max(...spread.slice(3).map(([, v]) => v))],
      ],
    );
    close(await read(db, "netload", t0, t0 + 3 * HOUR), [
      [t0, 50_000 - 20_000 - 9_000],
      [t0 + 2 * HOUR, 50_002 - 19_986 - 9_006],
    ]);
    close(await read(db, "capacity.headroom", t0, t0 + HOUR), [
      [t0, 10_000],
      [t0 + 300_000, 10_002],
      [t0 + 900_000, 10_006],
    ]);
  });
});

Deno.test("grid.condition is 0 normal, 1 watch, EEA level + 1 at each assessment", async () => {
  await withDatabase(async (db) => {
    const t0 = Date.parse("2025-08-01T12:00:00Z");
    const states: [string, number][] = [["normal", 0], ["watch", 0], ["eea", 2], [
      "conservation",
      0,
    ], ["mystery", 0]];
    for (const [i, [state, eeaLevel]] of states.entries()) {
      await recordGridStatus(db.db.sql, {
        state,
        title: "",
        note: "",
        eeaLevel,
        prc: 5000,
        at: new Date(t0 + i * 60_000),
      });
    }
    close(await read(db, "grid.condition", t0, t0 + HOUR), [
      [t0, 0],
      [t0 + 60_000, 1],
      [t0 + 120_000, 3],
      [t0 + 180_000, 1],
    ]);
  });
});

Deno.test("a derived series over its point budget keeps each window's minimum and maximum", async () => {
  await withDatabase(async (db) => {
    const t0 = Date.parse("2025-06-01T05:00:00Z");
    const rows: Row[] = [];
    for (let q = 0; q < 96 * 4; q++) {
      rows.push({ key: "spp.rt.hb_west", at: t0 + q * QUARTER, value: q === 200 ? 4000 : rt(q) });
      rows.push({ key: "spp.rt.hb_north", at: t0 + q * QUARTER, value: 20 });
    }
    await store(db, rows);
    const out = await read(db, "spread.hb_west.hb_north", t0, t0 + 96 * 4 * QUARTER, {
      maxPoints: 21,
    });
    assert.ok(out.length <= 21 && out.length > 10, `${out.length} points`);
    assert.ok(out.some(([t, v]) => t === t0 + 200 * QUARTER && v === 3980), "the spike survives");
  });
});
