/**
 * TimescaleDB's continuous aggregates against the plain-PostgreSQL rollups:
 * the same writes give the same `/api/v1/observations` answers, on the days
 * the clocks change in Central time too, and a refresh that fails after
 * commit is reported and then repaired.
 */
import assert from "node:assert/strict";
import { createApp } from "../_app.ts";
import type { ScratchDatabase } from "../../dev/scratch.ts";
import { storeDocument } from "../../ingest/store.ts";
import { runFeed } from "../../ingest/job.ts";
import { centralDayEnd, centralDayStart } from "../../domain/central.ts";
import type { Observation } from "../../ingest/types.ts";
import { fixturesDir } from "../_fixtures.ts";
import { ingestDeps, withMirror } from "../_ingest.ts";
import { testDeps } from "../_db.ts";
import { openEmbeddedTestDatabase } from "../_templates.ts";
import { blockDailyRollup, timescaleTest, withTimescale } from "../_timescale.ts";

const HOUR = 3_600_000;
const SERIES: [string, number][] = [
  ["lmp.rt.hb_north", 300],
  ["spp.rt.hb_west", 900],
  ["load.actual", 3600],
];
const RESOLUTIONS = ["15m", "1h", "1d"];
const AGGS = ["avg", "min", "max", "sum", "last"];

/** Runs `fn` with a plain-PostgreSQL-path database (embedded, whatever the suite runs on). */
async function withPlain<T>(fn: (db: ScratchDatabase) => Promise<T>): Promise<T> {
  const db = await openEmbeddedTestDatabase();
  try {
    assert.equal(db.migration.variant, "portable");
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * Every series from `from` to `to`. Values are multiples of 0.25, which sum
 * exactly in binary floating point, so averages do not depend on the order
 * the two paths add them in.
 */
function observations(from: Date, to: Date, shift = 0): Observation[] {
  const out: Observation[] = [];
  SERIES.forEach(([series, seconds], k) => {
    for (let t = from.getTime(), i = 0; t < to.getTime(); t += seconds * 1000, i++) {
      out.push({ series, ts: new Date(t), value: ((i * 37 + k * 11) % 400) / 4 - 20 + shift });
    }
  });
  return out;
}

/** Every 15m, 1h and 1d answer with every aggregation, as JSON. */
async function answers(db: ScratchDatabase, from: Date, to: Date): Promise<Map<string, unknown>> {
  const app = createApp(testDeps(db));
  const out = new Map<string, unknown>();
  const series = SERIES.map(([k]) => k).join(",");
  for (const resolution of RESOLUTIONS) {
    for (const agg of AGGS) {
      const q = `series=${series}&start=${from.toISOString()}&end=${to.toISOString()}` +
        `&resolution=${resolution}&agg=${agg}&max_points=10000`;
      const res = await app.request(`/api/v1/observations?${q}`);
      assert.equal(res.status, 200, q);
      out.set(q, await res.json());
    }
  }
  return out;
}

/** Runs `fn` while the continuous aggregates answer from their materialized rows only. */
async function materializedOnly<T>(db: ScratchDatabase, fn: () => Promise<T>): Promise<T> {
  const set = (on: boolean) =>
    Promise.all(
      SERIES_VIEWS.map((v) =>
        db.db.sql.unsafe(`alter materialized view ${v} set (timescaledb.materialized_only = ${on})`)
      ),
    );
  await set(true);
  try {
    return await fn();
  } finally {
    await set(false);
  }
}

const SERIES_VIEWS = ["observations_15m", "observations_1h", "observations_1d"];

const DST_DAYS = [
  { date: { year: 2024, month: 11, day: 3 }, hours: 25 },
  { date: { year: 2025, month: 3, day: 9 }, hours: 23 },
  { date: { year: 2025, month: 11, day: 2 }, hours: 25 },
  { date: { year: 2026, month: 3, day: 8 }, hours: 23 },
];

timescaleTest(
  "on Central-time DST days every 15m, 1h and 1d answer is the same on TimescaleDB as on plain PostgreSQL",
  async (t) => {
    await withTimescale((tsdb) =>
      withPlain(async (plain) => {
        // A later day first moves every aggregate's watermark past the test days, so their
        // answers come from what was materialized, never from real-time aggregation.
        const later = new Date("2027-01-01T06:00:00Z");
        for (const db of [tsdb, plain]) {
          await storeDocument({ sql: db.db.sql, variant: db.migration.variant }, {
            feed: "test",
            docId: "later",
            observations: observations(later, new Date(later.getTime() + 24 * HOUR)),
          });
        }
        for (const { date, hours } of DST_DAYS) {
          const label = `${date.year}-${date.month}-${date.day}`;
          await t.step(`${label}, ${hours} hours`, async () => {
            const start = centralDayStart(date), end = centralDayEnd(date);
            const from = new Date(start.getTime() - 24 * HOUR);
            const to = new Date(end.getTime() + 24 * HOUR);
            // The day, the day after, then the day before (under the aggregates' watermark),
            // then revisions of the day's third hour and of its last hour.
            const docs: [string, Observation[]][] = [
              ["day", observations(start, end)],
              ["after", observations(end, to)],
              ["before", observations(from, start)],
              [
                "third hour",
                observations(
                  new Date(start.getTime() + 2 * HOUR),
                  new Date(start.getTime() + 3 * HOUR),
                  0.5,
                ),
              ],
              ["last hour", observations(new Date(end.getTime() - HOUR), end, 0.75)],
            ];
            for (const db of [tsdb, plain]) {
              for (const [name, obs] of docs) {
                const r = await storeDocument(
                  { sql: db.db.sql, variant: db.migration.variant },
                  { feed: "test", docId: `${label} ${name}`, observations: obs },
                );
                assert.equal(r.refreshError, undefined);
              }
            }
            const want = await answers(plain, from, to);
            const got = await answers(tsdb, from, to);
            for (const [q, body] of want) assert.deepEqual(got.get(q), body, q);
            // And from what was materialized alone: nothing left to real-time aggregation.
            const stored = await materializedOnly(tsdb, () => answers(tsdb, from, to));
            for (const [q, body] of want) {
              assert.deepEqual(stored.get(q), body, `materialized ${q}`);
            }
            // The answers hold the whole day: hours × 4 quarter-hours and hours × 1 hour.
            const count = (body: unknown, key: string) =>
              (body as { series: { key: string; t: number[] }[] }).series.find((s) =>
                s.key === key
              )!
                .t.filter((x) => x * 1000 >= start.getTime() && x * 1000 < end.getTime()).length;
            const q15 = [...got.keys()].find((q) => q.includes("resolution=15m"))!;
            const q1h = [...got.keys()].find((q) => q.includes("resolution=1h"))!;
            assert.equal(count(got.get(q15), "lmp.rt.hb_north"), hours * 4);
            assert.equal(count(got.get(q1h), "spp.rt.hb_west"), hours);
            const [{ n }] = await tsdb.db
              .sql`select count(*)::int as n from rollup_refresh_pending`;
            assert.equal(n, 0, "nothing is left owed");
          });
        }
      })
    );
  },
);

timescaleTest(
  "a rollup refresh that fails after commit is reported by the run and repaired by the next",
  async () => {
    const dir = fixturesDir();
    assert.ok(dir, "the ERCOT recordings are needed (FIXTURES_DIR)");
    await withTimescale((tsdb) =>
      withPlain((plain) =>
        withMirror(dir, async (base) => {
          const sql = tsdb.db.sql;
          // Another session holds the daily aggregate's table; the ingest gives up waiting after 1 s.
          const { impatient, release } = await blockDailyRollup(tsdb);
          try {
            const first = await runFeed({ ...ingestDeps(tsdb, base), sql: impatient }, "np6_346");
            assert.equal(first.status, "partial");
            assert.ok(first.documents.length > 0);
            assert.ok(
              first.documents.every((d) => d.status === "success"),
              "every document is stored",
            );
            assert.match(
              first.refreshError ?? "",
              /Rollup refresh of .* failed after commit \(kept for the next run\): .*lock timeout/,
            );
            const [ledger] =
              await sql`select status, error from ingest_runs where id = ${first.runId}`;
            assert.deepEqual([ledger.status, /failed after commit/.test(ledger.error)], [
              "partial",
              true,
            ]);
            const [{ owed }] = await sql`select count(*)::int as owed from rollup_refresh_pending`;
            assert.ok(owed > 0);
            await release();
            const second = await runFeed({ ...ingestDeps(tsdb, base), sql: impatient }, "np6_346");
            assert.deepEqual([second.status, second.documents.length, second.refreshError], [
              "success",
              0,
              undefined,
            ]);
          } finally {
            await release();
            await impatient.end();
          }
          const [{ owed }] = await sql`select count(*)::int as owed from rollup_refresh_pending`;
          assert.equal(owed, 0);
          assert.equal((await runFeed(ingestDeps(plain, base), "np6_346")).status, "success");
          const [range] = await plain.db.sql`select min(ts) as lo, max(ts) as hi from observations`;
          const from = new Date(range.lo.getTime() - 24 * HOUR),
            to = new Date(range.hi.getTime() + 24 * HOUR);
          const app = (db: ScratchDatabase) => createApp(testDeps(db));
          const q =
            `/api/v1/observations?series=load.actual,load.actual.north&start=${from.toISOString()}` +
            `&end=${to.toISOString()}&resolution=1d&agg=max&max_points=10000`;
          const want = await (await app(plain).request(q)).json();
          assert.ok(want.series[0].t.length > 0);
          assert.deepEqual(
            await materializedOnly(tsdb, async () => await (await app(tsdb).request(q)).json()),
            want,
          );
        })
      )
    );
  },
);
