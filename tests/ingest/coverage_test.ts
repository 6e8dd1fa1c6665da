import assert from "node:assert/strict";
import { ensureSeries } from "../../db/series.ts";
import { writeObservations } from "../../db/observations.ts";
import {
  coverageDays,
  expectedIntervals,
  findCoverageGaps,
  formatCoverage,
} from "../../ingest/coverage.ts";
import { centralDayEnd, centralDayStart, formatCentralDate } from "../../domain/central.ts";
import { type TestDatabase, withDatabase } from "../_db.ts";

const HUB = {
  key: "spp.rt.hb_west",
  name: "West hub RT SPP",
  unit: "$/MWh",
  intervalSeconds: 900,
  feed: "np6_905",
};
const ZONE = { ...HUB, key: "spp.rt.lz_west", name: "West zone RT SPP" };
const DEMAND = {
  key: "demand.rt",
  name: "Real-time demand",
  unit: "MW",
  intervalSeconds: 300,
  feed: "supply_demand",
};

function day(text: string) {
  const [year, month, d] = text.split("-").map(Number);
  return { year, month, day: d };
}

/** Every interval start of a Central day, minus the instants `skip` rejects. */
function intervals(text: string, seconds: number, skip: (ts: Date) => boolean = () => false) {
  const out: Date[] = [];
  const end = centralDayEnd(day(text)).getTime();
  for (let t = centralDayStart(day(text)).getTime(); t < end; t += seconds * 1000) {
    if (!skip(new Date(t))) out.push(new Date(t));
  }
  return out;
}

async function write(db: TestDatabase, def: typeof HUB, times: Date[]): Promise<void> {
  const id = (await ensureSeries(db.db.sql, [def])).get(def.key)!;
  const rows = times.map((ts, i) => ({ seriesId: id, ts, value: 20 + (i % 7) }));
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

/** An instant during `text`'s Central day following `days` (the report's last day). */
const after = (text: string) => new Date(centralDayEnd(day(text)).getTime() + 3_600_000);

Deno.test("coverageDays() lists the complete Central days before now, oldest first", () => {
  // 2025-11-03 04:30Z is 2025-11-02 22:30 CST: the report ends on 2025-11-01.
  const days = coverageDays(new Date("2025-11-03T04:30:00Z"), 3).map(formatCentralDate);
  assert.deepEqual(days, ["2025-10-30", "2025-10-31", "2025-11-01"]);
});

Deno.test("expectedIntervals() follows the day's length and the series interval", () => {
  assert.equal(expectedIntervals(day("2025-11-02"), 900), 100);
  assert.equal(expectedIntervals(day("2026-03-08"), 900), 92);
  assert.equal(expectedIntervals(day("2026-03-09"), 900), 96);
  assert.equal(expectedIntervals(day("2025-11-02"), 3600), 25);
  assert.equal(expectedIntervals(day("2026-03-08"), 300), 276);
});

Deno.test("a full day shows no gap and a missing hour shows 4 missing quarter-hours", async () => {
  await withDatabase(async (db) => {
    const noon = (ts: Date) =>
      ts >= new Date("2025-06-11T17:00:00Z") && ts < new Date("2025-06-11T18:00:00Z");
    await write(db, HUB, [
      ...intervals("2025-06-10", 900),
      ...intervals("2025-06-11", 900, noon),
    ]);
    const report = await findCoverageGaps(db.db.sql, { days: 2, now: after("2025-06-11") });
    assert.deepEqual(report.days, ["2025-06-10", "2025-06-11"]);
    assert.deepEqual(report.gaps, [
      { key: "spp.rt.hb_west", day: "2025-06-11", expected: 96, received: 92 },
    ]);
    assert.deepEqual([report.series, report.expected, report.received], [1, 192, 188]);
  });
});

Deno.test("the fall-back day expects 100 quarter-hours and spring-forward 92", async () => {
  await withDatabase(async (db) => {
    const midnight = centralDayStart(day("2025-11-02")).getTime();
    await write(db, HUB, intervals("2025-11-02", 900, (ts) => ts.getTime() === midnight));
    await write(db, ZONE, intervals("2025-11-02", 900));
    const fall = await findCoverageGaps(db.db.sql, { days: 1, now: after("2025-11-02") });
    assert.deepEqual(fall.gaps, [
      { key: "spp.rt.hb_west", day: "2025-11-02", expected: 100, received: 99 },
    ]);
    await write(db, ZONE, intervals("2026-03-08", 900).slice(1));
    const spring = await findCoverageGaps(db.db.sql, { days: 1, now: after("2026-03-08") });
    assert.deepEqual(spring.gaps, [
      { key: "spp.rt.hb_west", day: "2026-03-08", expected: 92, received: 0 },
      { key: "spp.rt.lz_west", day: "2026-03-08", expected: 92, received: 91 },
    ]);
  });
});

Deno.test("a day with no rows is reported whole, for the named feed only", async () => {
  await withDatabase(async (db) => {
    await write(db, DEMAND, [...intervals("2025-06-10", 300), ...intervals("2025-06-12", 300)]);
    await write(db, HUB, intervals("2025-06-10", 900));
    const opts = { feed: "supply_demand", days: 3, now: after("2025-06-12") };
    const report = await findCoverageGaps(db.db.sql, opts);
    assert.deepEqual(report.gaps, [
      { key: "demand.rt", day: "2025-06-11", expected: 288, received: 0 },
    ]);
    assert.deepEqual(formatCoverage(report), [
      "demand.rt  2025-06-11      0/288   288 missing",
      "supply_demand: 1 series-days with gaps in 1 of 1 series over 2025-06-10..2025-06-12; " +
      "288 of 864 intervals missing (66.67 % received)",
    ]);
  });
});
