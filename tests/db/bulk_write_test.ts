/**
 * The bulk path of a write (db/bulk_write.ts): a write of 1,000 rows or more onto days its series
 * hold nothing on is inserted without comparison and rolled up from the rows in hand, and must
 * leave exactly what the merge path leaves — rows, rollups and coverage — on DST days too. Writes
 * of fewer rows always merge, which is how the tests get the merge path's answer.
 */
import assert from "node:assert/strict";
import { type ObservationRow, writeObservations, type WriteResult } from "../../db/observations.ts";
import { ensureSeries } from "../../db/series.ts";
import type { Sql } from "../../db/client.ts";
import postgres from "postgres";
import { type TestDatabase, testDatabaseMode, withDatabase } from "../_db.ts";

const embedded = testDatabaseMode() === "embedded";

async function seriesIds(sql: Sql, prefix: string, interval: number): Promise<[number, number]> {
  const keys = [`${prefix}_bulk`, `${prefix}_merge`];
  const ids = await ensureSeries(
    sql,
    keys.map((key) => ({
      key,
      name: key,
      unit: "$/MWh",
      intervalSeconds: interval,
      feed: "np6_905",
    })),
  );
  return [ids.get(keys[0])!, ids.get(keys[1])!];
}

/** `n` rows of series `id` every `step` seconds from `startIso`, values with two decimals. */
function rows(id: number, startIso: string, n: number, step: number, seed = 0): ObservationRow[] {
  const start = Date.parse(startIso);
  const published = new Date(start - 3_600_000);
  return Array.from({ length: n }, (_, i) => ({
    seriesId: id,
    ts: new Date(start + i * step * 1000),
    value: Math.round((Math.sin(i / 7 + seed) * 40 + 30) * 100) / 100,
    publishedAt: i % 5 === 0 ? null : published,
  }));
}

const write = (db: TestDatabase, input: ObservationRow[]) =>
  writeObservations(db.db.sql, input, { variant: db.migration.variant });

/** Writes `input` as the merge path does: in writes of fewer than 1,000 rows. */
async function merge(db: TestDatabase, input: ObservationRow[]) {
  for (let i = 0; i < input.length; i += 999) {
    assert.equal((await write(db, input.slice(i, i + 999))).path, "merge");
  }
}

/** Everything a write leaves for one series, in order: rows, each rollup level, coverage. */
async function stored(sql: Sql, id: number) {
  const obs = await sql`
    select ts, value, published_at from observations where series_id = ${id} order by ts`;
  const levels = [];
  for (const table of ["observations_15m", "observations_1h", "observations_1d"]) {
    // Sums to 9 decimals: TimescaleDB's continuous aggregates add in an order of their own.
    levels.push(
      await sql`
        select bucket, round(avg::numeric, 9) as avg, min, max, first, last, count::int,
               round(sum::numeric, 9) as sum
        from ${sql(table)} where series_id = ${id} order by bucket`,
    );
  }
  const coverage = await sql`
    select day::text, expected, received from coverage where series_id = ${id} order by day`;
  return { obs, levels, coverage };
}

const CASES = [
  {
    name: "15-minute prices over the fall-back day 2025-11-02",
    interval: 900,
    start: "2025-11-02T05:00:00Z",
    n: 100 * 3,
  },
  {
    name: "15-minute prices over the spring-forward day 2025-03-09",
    interval: 900,
    start: "2025-03-09T06:00:00Z",
    n: 92 * 2,
  },
  {
    name: "5-minute values (all three rollups) over 2025-11-02",
    interval: 300,
    start: "2025-11-01T05:00:00Z",
    n: 12 * 73,
  },
  {
    name: "hourly day-ahead prices over 2025-11-02",
    interval: 3600,
    start: "2025-11-02T05:00:00Z",
    n: 25 * 4,
  },
];

for (const c of CASES) {
  Deno.test({
    name: `a bulk write onto empty days leaves what the merge leaves: ${c.name}`,
    fn: () =>
      withDatabase(async (db) => {
        const sql = db.db.sql;
        const [bulkId, mergeId] = await seriesIds(sql, "spp.rt.bulk", c.interval);
        // The bulk path takes 1,000 rows or more: pad with a second series (its own days).
        const [padId] = await seriesIds(sql, "spp.rt.pad", 900);
        const bulk = await write(db, [
          ...rows(bulkId, c.start, c.n, c.interval),
          ...rows(padId, "2025-06-01T05:00:00Z", 1000, 900),
        ]);
        await merge(db, rows(mergeId, c.start, c.n, c.interval));
        assert.equal(bulk.path, "bulk");
        assert.deepEqual(
          [bulk.inserted, bulk.revised, bulk.unchanged],
          [c.n + 1000, 0, 0],
        );
        const [a, b] = [await stored(sql, bulkId), await stored(sql, mergeId)];
        assert.equal(a.obs.length, c.n);
        assert.ok(a.coverage.length >= 2, "the rows span several Central days");
        assert.deepEqual(a, b);
      }),
  });
}

Deno.test({
  name: "a write onto a day that already holds a row is merged: only the new rows go in",
  fn: () =>
    withDatabase(async (db) => {
      const sql = db.db.sql;
      const [id, mergeId] = await seriesIds(sql, "spp.rt.half", 900);
      const day = (s: number) => rows(s, "2025-06-10T05:00:00Z", 96 * 12, 900);
      // The last row of the first write and the first of the second share a Central day.
      await merge(db, day(id).slice(0, 600));
      const second = await write(db, day(id));
      assert.equal(second.path, "merge");
      assert.deepEqual([second.inserted, second.unchanged], [96 * 12 - 600, 600]);
      await merge(db, day(mergeId));
      assert.deepEqual(await stored(sql, id), await stored(sql, mergeId));
    }),
});

Deno.test({
  name: "a value changed after a bulk-written day is kept as one revision and rolled up",
  fn: () =>
    withDatabase(async (db) => {
      const sql = db.db.sql;
      const [id] = await seriesIds(sql, "spp.rt.rev", 900);
      const day = rows(id, "2025-06-10T05:00:00Z", 1200, 900);
      assert.equal((await write(db, day)).path, "bulk");
      const changed = day.map((r, i) => i === 10 ? { ...r, value: 4321 } : r);
      const again = await write(db, changed);
      assert.deepEqual([again.path, again.revised, again.unchanged], ["merge", 1, 1199]);
      const [rev] = await sql`select old_value, new_value from observation_revisions
                              where series_id = ${id}`;
      assert.deepEqual([rev.old_value, rev.new_value], [day[10].value, 4321]);
      const [{ max }] =
        await sql`select max(max) as max from observations_1d where series_id = ${id}`;
      assert.equal(max, 4321);
    }),
});

Deno.test({
  name: "two writers of the same new day at once store it once: the one that loses merges",
  // The embedded database serves one connection.
  ignore: embedded,
  fn: () =>
    withDatabase(async (db) => {
      const [id] = await seriesIds(db.db.sql, "spp.rt.race", 900);
      const day = rows(id, "2025-06-10T05:00:00Z", 2000, 900);
      assert.ok(db.url, "a PostgreSQL test database has a URL");
      const peer = postgres(db.url, { max: 1, onnotice: () => {} });
      const gate = postgres(db.url, { max: 1, onnotice: () => {} });
      try {
        const opts = { variant: db.migration.variant };
        // A third session holds off every insert (reads pass), so both writers find the day
        // empty, take the bulk path and queue at its insert; only then does it let them go.
        let writes: Promise<WriteResult[]> | undefined;
        await gate.begin(async (tx) => {
          await tx`lock table observations in share row exclusive mode`;
          writes = Promise.all([
            writeObservations(db.db.sql, day, opts),
            writeObservations(peer as unknown as Sql, day, opts),
          ]);
          const deadline = Date.now() + 60_000;
          for (let waiting = 0; waiting < 2;) {
            assert.ok(Date.now() < deadline, "both writers queue at the insert within a minute");
            await new Promise((r) => setTimeout(r, 20));
            [{ waiting }] = await tx<{ waiting: number }[]>`
              select count(*)::int as waiting from pg_locks
              where relation = 'observations'::regclass and not granted`;
          }
        });
        const results = await writes!;
        assert.deepEqual(results.map((r) => r.inserted).sort(), [0, 2000]);
        assert.deepEqual(results.map((r) => r.path).sort(), ["bulk", "merge"]);
        const [{ n }] = await db.db.sql`
          select count(*)::int as n from observations where series_id = ${id}`;
        assert.equal(n, 2000);
        const [{ received }] = await db.db.sql`
          select sum(received)::int as received from coverage where series_id = ${id}`;
        assert.equal(received, 2000);
      } finally {
        await peer.end();
        await gate.end();
      }
    }),
});

Deno.test("a bulk write mends a rollup bucket left without its rows", () =>
  withDatabase(async (db) => {
    // TimescaleDB's rollups are continuous aggregates: no bucket can be left behind there.
    if (db.migration.variant !== "portable") return;
    const sql = db.db.sql;
    const [id, mergeId] = await seriesIds(sql, "spp.rt.stale", 900);
    await sql`insert into observations_1h (series_id, bucket, avg, min, max, first, last, count, sum)
              values (${id}, '2025-06-10T07:00:00Z', 1, 1, 1, 1, 1, 1, 1)`;
    const day = (s: number) => rows(s, "2025-06-10T05:00:00Z", 1200, 900);
    const result = await write(db, day(id));
    assert.deepEqual([result.path, result.inserted], ["bulk", 1200]);
    await merge(db, day(mergeId));
    assert.deepEqual(await stored(sql, id), await stored(sql, mergeId));
  }));
