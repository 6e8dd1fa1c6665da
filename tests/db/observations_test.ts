import assert from "node:assert/strict";
import fc from "fast-check";
import { type ObservationRow, writeObservations } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import type { Sql } from "../../db/client.ts";
import type { Variant } from "../../db/migrate.ts";
import { STORABLE_MAGNITUDE, unstorable } from "../../domain/units.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";

const QH = 15 * 60 * 1000;

async function seriesId(sql: Sql, key = "spp.rt.hb_west", intervalSeconds = 900): Promise<number> {
  const ids = await ensureSeries(sql, [{
    key,
    name: key,
    unit: "$/MWh",
    intervalSeconds,
    feed: "np6_905",
  }]);
  return ids.get(key)!;
}

function quarterHours(
  id: number,
  startIso: string,
  n: number,
  value = (i: number) => i,
): ObservationRow[] {
  const start = Date.parse(startIso);
  return Array.from(
    { length: n },
    (_, i) => ({ seriesId: id, ts: new Date(start + i * QH), value: value(i) }),
  );
}

async function tableChecksum(sql: Sql): Promise<string> {
  const [r] = await sql<{ h: string }[]>`
    select md5(coalesce(string_agg(series_id || ':' || ts || ':' || value || ':' || ingested_at, ',' order by series_id, ts), '')) as h
    from observations`;
  return r.h;
}

const write = (db: TestDatabase, rows: ObservationRow[]) =>
  writeObservations(db.db.sql, rows, { variant: db.migration.variant });

Deno.test("writeObservations() replayed ten times leaves the table identical and rewrites nothing", async () => {
  await withDatabase(async (db) => {
    const id = await seriesId(db.db.sql);
    const rows = quarterHours(id, "2025-06-01T05:00:00Z", 500, (i) => Math.sin(i) * 100);
    const first = await write(db, rows);
    assert.equal(first.inserted, 500);
    const checksum = await tableChecksum(db.db.sql);
    for (let i = 0; i < 10; i++) {
      const again = await write(db, rows);
      assert.deepEqual([again.inserted, again.revised, again.unchanged], [0, 0, 500]);
      assert.equal(again.window, null);
    }
    assert.equal(await tableChecksum(db.db.sql), checksum);
    const [{ n }] = await db.db.sql`select count(*)::int as n from observation_revisions`;
    assert.equal(n, 0);
  });
});

Deno.test("writeObservations() keeps a changed value as exactly one revision", async () => {
  await withDatabase(async (db) => {
    const id = await seriesId(db.db.sql);
    const rows = quarterHours(id, "2025-06-01T05:00:00Z", 8, () => 20);
    await write(db, rows);
    const changed = rows.map((r, i) => (i === 3 ? { ...r, value: 9000 } : r));
    const result = await write(db, changed);
    assert.deepEqual([result.inserted, result.revised, result.unchanged], [0, 1, 7]);
    const revs = await db.db.sql`select ts, old_value, new_value from observation_revisions`;
    assert.equal(revs.length, 1);
    assert.equal(revs[0].old_value, 20);
    assert.equal(revs[0].new_value, 9000);
    assert.equal((revs[0].ts as Date).getTime(), rows[3].ts.getTime());
    const [{ max }] = await db.db
      .sql`select max from observations_1h where series_id = ${id} and bucket = ${new Date(
      "2025-06-01T05:00:00Z",
    )}`;
    assert.equal(max, 9000);
  });
});

Deno.test("writeObservations() keeps the last of duplicate rows within one input", async () => {
  await withDatabase(async (db) => {
    const id = await seriesId(db.db.sql);
    const ts = new Date("2025-06-01T05:00:00Z");
    const r = await write(db, [{ seriesId: id, ts, value: 1 }, { seriesId: id, ts, value: 2 }]);
    assert.equal(r.rows, 1);
    const [{ value }] = await db.db.sql`select value from observations`;
    assert.equal(value, 2);
  });
});

Deno.test("writeObservations() rejects a value the rollups cannot aggregate and writes nothing", async () => {
  await withDatabase(async (db) => {
    const id = await seriesId(db.db.sql);
    for (
      const [value, problem] of [
        [NaN, /value NaN .* at 2025-06-01T05:15:00.000Z is not finite/],
        // Subnormal: TimescaleDB's hourly average of it underflowed and its refresh failed for good.
        [1e-320, /value 1e-320 .* is too close to zero to aggregate/],
        [-3e200, /value -3e\+200 .* is too large to aggregate/],
      ] as const
    ) {
      // 3 rows take the merge path, 1,200 the bulk path.
      for (const n of [3, 1200]) {
        const rows = quarterHours(id, "2025-06-01T05:00:00Z", n);
        rows[1].value = value;
        await assert.rejects(() => write(db, rows), problem);
      }
    }
    const [{ n }] = await db.db.sql`select count(*)::int as n from observations`;
    assert.equal(n, 0);
  });
});

Deno.test("values at the storable limits, and sums that cancel to almost nothing, aggregate on every database", async () => {
  await withDatabase(async (db) => {
    const a = await seriesId(db.db.sql, "lmp.rt.hb_north", 300);
    const b = await seriesId(db.db.sql, "load.actual", 3600);
    const { min, max } = STORABLE_MAGNITUDE, next = 1.0000000000000002e-300;
    const day = Date.parse("2025-11-02T05:00:00Z");
    // Every 15-minute, hourly and daily sum of `a` is 0 or a few multiples of 2^-1049, which the
    // rollups divide by its count; `b` swings between the largest magnitudes.
    const tinyValues = [next, -min, min, -next, 0];
    const rows = [
      ...Array.from({ length: 300 }, (_, i) => ({
        seriesId: a,
        ts: new Date(day + i * 300_000),
        value: tinyValues[i % tinyValues.length],
      })),
      ...Array.from({ length: 25 }, (_, i) => ({
        seriesId: b,
        ts: new Date(day + i * 3_600_000),
        value: i % 2 ? max : -max,
      })),
    ];
    const result = await write(db, rows);
    assert.equal(result.refreshError, undefined);
    await assertRollupsMatch(db.db.sql, db.migration.variant);
    const [{ n }] = await db.db.sql`select count(*)::int as n from observations_1d`;
    assert.equal(n, 2);
  });
});

Deno.test("writeObservations() refuses a series id the catalog does not hold, on either path, and writes nothing", async () => {
  await withDatabase(async (db) => {
    const id = await seriesId(db.db.sql);
    // 8 rows take the merge path, 1,200 the bulk path.
    for (const n of [8, 1200]) {
      const rows = [
        ...quarterHours(id, "2025-06-01T05:00:00Z", n),
        ...quarterHours(id + 1, "2025-06-01T05:00:00Z", 2),
      ];
      await assert.rejects(
        () => write(db, rows),
        new RegExp(`Series id ${id + 1} is not in the catalog`),
      );
    }
    const [{ n }] = await db.db.sql`select count(*)::int as n from observations`;
    assert.equal(n, 0);
  });
});

Deno.test("the fall-back day 2025-11-02 has 100 quarter-hour buckets and 2026-03-08 has 92", async () => {
  await withDatabase(async (db) => {
    const id = await seriesId(db.db.sql, "lmp.rt.hb_west", 300);
    const fiveMinutes = (startIso: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        seriesId: id,
        ts: new Date(Date.parse(startIso) + i * 300_000),
        value: i,
      }));
    // Central midnight to midnight: 2025-11-02 05:00Z → 2025-11-03 06:00Z is 25 h.
    await write(db, fiveMinutes("2025-11-02T05:00:00Z", 25 * 12));
    // 2026-03-08 06:00Z → 2026-03-09 05:00Z is 23 h.
    await write(db, fiveMinutes("2026-03-08T06:00:00Z", 23 * 12));
    const days = await db.db.sql<{ day: string; n: number; expected: number; received: number }[]>`
      select to_char(d.day, 'YYYY-MM-DD') as day, d.expected, d.received,
        (select count(*)::int from observations_15m q where q.series_id = d.series_id
          and q.bucket >= d.day::timestamp at time zone 'America/Chicago'
          and q.bucket < (d.day + 1)::timestamp at time zone 'America/Chicago') as n
      from coverage d order by d.day`;
    assert.deepEqual(days.map((d) => [d.day, d.n, d.expected, d.received]), [
      ["2025-11-02", 100, 300, 300],
      ["2026-03-08", 92, 276, 276],
    ]);
    const daily = await db.db.sql<{ bucket: Date; count: number }[]>`
      select bucket, count::int from observations_1d where series_id = ${id} order by bucket`;
    assert.deepEqual(daily.map((d) => [d.bucket.toISOString(), d.count]), [
      ["2025-11-02T05:00:00.000Z", 300],
      ["2026-03-08T06:00:00.000Z", 276],
    ]);
  });
});

// Plain tables hold a level only for series finer than it (coarser ones are read raw at that
// level); TimescaleDB's continuous aggregates hold every series at every level.
const LEVELS = [
  {
    table: "observations_15m",
    width: 900,
    bucket: "date_bin('15 minutes', ts, timestamptz '2000-01-01')",
  },
  { table: "observations_1h", width: 3600, bucket: "date_trunc('hour', ts)" },
  { table: "observations_1d", width: 86400, bucket: "date_trunc('day', ts, 'America/Chicago')" },
];

async function assertRollupsMatch(sql: Sql, variant: Variant): Promise<void> {
  for (const { table, width, bucket } of LEVELS) {
    const held = variant === "portable"
      ? `where series_id in (select id from series where interval_seconds < ${width})`
      : "";
    const direct = await sql.unsafe(`
      select series_id, ${bucket} as bucket, avg(value) as avg, min(value) as min, max(value) as max,
        (array_agg(value order by ts))[1] as first, (array_agg(value order by ts desc))[1] as last,
        count(*)::int as count, sum(value) as sum
      from observations ${held}
      group by 1, 2 order by 1, 2`);
    const rolled = await sql.unsafe(`
      select series_id, bucket, avg, min, max, first, last, count::int as count, sum
      from ${table} order by 1, 2`);
    assert.equal(rolled.length, direct.length, `${table} bucket count`);
    for (let i = 0; i < direct.length; i++) {
      const d = direct[i], r = rolled[i];
      assert.equal(r.bucket.getTime(), d.bucket.getTime(), `${table} bucket ${i}`);
      for (const k of ["min", "max", "first", "last", "count"]) {
        assert.equal(r[k], d[k], `${table}.${k}`);
      }
      for (const k of ["avg", "sum"]) {
        assert.ok(Math.abs(r[k] - d[k]) <= 1e-9 * Math.max(1, Math.abs(d[k])), `${table}.${k}`);
      }
    }
  }
}

Deno.test("rollups equal direct SQL aggregation over random writes and revisions", async () => {
  await withDatabase(async (db) => {
    const a = await seriesId(db.db.sql, "lmp.rt.hb_north", 300);
    const b = await seriesId(db.db.sql, "load.actual", 3600);
    const base = Date.parse("2025-11-01T12:00:00Z");
    const row = fc.record({
      series: fc.constantFrom(a, b),
      step: fc.integer({ min: 0, max: 900 }),
      // fast-check favours edge values such as subnormals; writeObservations() refuses those.
      value: fc.oneof(
        fc.double({ min: -1000, max: 5000, noNaN: true, noDefaultInfinity: true })
          .filter((v) => unstorable(v) === undefined),
        fc.constantFrom(STORABLE_MAGNITUDE.min, -STORABLE_MAGNITUDE.min, 1.0000000000000002e-300),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 120 }), async (batch) => {
        const rows = batch.map((r) => ({
          seriesId: r.series,
          ts: new Date(base + r.step * (r.series === a ? 300_000 : 3_600_000)),
          value: r.value,
        }));
        assert.equal((await write(db, rows)).refreshError, undefined);
        await assertRollupsMatch(db.db.sql, db.migration.variant);
      }),
      { numRuns: 15 },
    );
  });
});
