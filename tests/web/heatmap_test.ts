/**
 * The heat map's day × hour layout across both DST changes of 2025, and the duration curve's
 * sort and percent.
 */
import assert from "node:assert/strict";
import { heatColor, heatmapGrid } from "../../web/lib/heatmap.ts";
import { durationCurve } from "../../web/lib/duration_curve.ts";
import { centralDayHour } from "../../web/lib/board_range.ts";

const HOUR_S = 3600;
/** Hourly instants (epoch seconds) from `start` (ISO) for `hours` hours. */
const hourly = (start: string, hours: number) =>
  Array.from({ length: hours }, (_, i) => Date.parse(start) / 1000 + i * HOUR_S);

Deno.test("centralDayHour() reads the Central date and wall-clock hour across DST", () => {
  assert.deepEqual(centralDayHour(Date.parse("2025-03-09T07:59:00Z")), {
    date: "2025-03-09",
    hour: 1,
  });
  assert.deepEqual(centralDayHour(Date.parse("2025-03-09T08:00:00Z")), {
    date: "2025-03-09",
    hour: 3,
  });
  assert.deepEqual(centralDayHour(Date.parse("2025-11-02T06:30:00Z")).hour, 1);
  assert.deepEqual(centralDayHour(Date.parse("2025-11-02T07:30:00Z")).hour, 1);
  assert.deepEqual(centralDayHour(Date.parse("2025-11-03T05:59:00Z")), {
    date: "2025-11-02",
    hour: 23,
  });
});

Deno.test("heatmapGrid() gives 2025-03-09 its 23 hours with 02:00 empty", () => {
  // Central midnight 2025-03-09 is 06:00Z; the day has 23 hours.
  const t = hourly("2025-03-08T06:00:00Z", 24 + 23 + 24);
  const v = t.map((_, i) => i);
  const grid = heatmapGrid(t, v);
  assert.deepEqual(grid.days, ["2025-03-08", "2025-03-09", "2025-03-10"]);
  const day = grid.cells[1];
  assert.equal(day[2], null);
  assert.equal(day.filter((c) => c !== null).length, 23);
  assert.equal(day[0], 24);
  assert.equal(day[1], 25);
  assert.equal(day[3], 26);
  assert.equal(day[23], 46);
  assert.equal(grid.cells[2][0], 47);
  assert.equal(grid.min, 0);
  assert.equal(grid.max, 70);
});

Deno.test("heatmapGrid() averages both passes of 01:00 on 2025-11-02 into one cell", () => {
  // Central midnight 2025-11-02 is 05:00Z; the day has 25 hours.
  const t = hourly("2025-11-02T05:00:00Z", 25);
  const v = t.map((_, i) => i * 10);
  const grid = heatmapGrid(t, v);
  assert.deepEqual(grid.days, ["2025-11-02"]);
  const [day] = grid.cells;
  assert.equal(day[0], 0);
  assert.equal(day[1], 15, "01:00 CDT (10) and 01:00 CST (20) averaged");
  assert.equal(grid.counts[0][1], 2);
  assert.equal(day[2], 30);
  assert.equal(day[23], 240);
  assert.equal(day.every((c) => c !== null), true);
});

Deno.test("heatmapGrid() averages 15-minute values within their hour and skips empty ones", () => {
  const start = Date.parse("2025-08-01T05:00:00Z") / 1000;
  const t = [0, 900, 1800, 2700, 3600].map((s) => start + s);
  const grid = heatmapGrid(t, [10, 20, null, 30, 7]);
  assert.equal(grid.cells[0][0], 20);
  assert.equal(grid.cells[0][1], 7);
  assert.equal(grid.cells[0][2], null);
  assert.deepEqual(heatmapGrid([], []), { days: [], cells: [], counts: [], min: null, max: null });
});

Deno.test("heatColor() runs from blue at the lowest to red at the highest", () => {
  assert.equal(heatColor(0, 0, 100), "rgb(49, 54, 149)");
  assert.equal(heatColor(100, 0, 100), "rgb(200, 30, 40)");
  assert.equal(heatColor(50, 0, 100), "rgb(250, 220, 90)");
  assert.equal(heatColor(5, 5, 5), "rgb(250, 220, 90)");
});

Deno.test("durationCurve() sorts high to low against 0–100 % of intervals", () => {
  assert.deepEqual(durationCurve([10, 30, null, 20, NaN, 40, 50]), {
    percent: [0, 25, 50, 75, 100],
    value: [50, 40, 30, 20, 10],
  });
  assert.deepEqual(durationCurve([5]), { percent: [0], value: [5] });
  assert.deepEqual(durationCurve([]), { percent: [], value: [] });
});

Deno.test("durationCurve() gives equal values the percent of the first, like percent_rank()", () => {
  assert.deepEqual(durationCurve([1, 2, 2, 3, 0]).percent, [0, 25, 25, 75, 100]);
});
