import assert from "node:assert/strict";
import { chartRead, DURATION_MAX_POINTS, HEATMAP_MAX_POINTS } from "../../domain/chart_read.ts";

const start = new Date("2025-08-01T05:00:00Z");
const days = (n: number) => new Date(start.getTime() + n * 86_400_000);

Deno.test("chartRead() reads a heat map in hours, every hour of its window", () => {
  assert.deepEqual(chartRead({ chart: "heatmap", resolution: "auto" }, start, days(90), 1000), {
    resolution: "1h",
    maxPoints: 90 * 24 + 2,
  });
  assert.equal(
    chartRead({ chart: "heatmap", resolution: "1d" }, start, days(1), 1000).resolution,
    "1h",
  );
  assert.equal(
    chartRead({ chart: "heatmap", resolution: "15m" }, start, days(1), 1000).resolution,
    "15m",
  );
  assert.equal(
    chartRead({ chart: "heatmap", resolution: "auto" }, start, days(3000), 1000).maxPoints,
    HEATMAP_MAX_POINTS,
  );
});

Deno.test("chartRead() reads a duration curve whole up to the API's 20,000 points", () => {
  assert.deepEqual(chartRead({ chart: "duration", resolution: "auto" }, start, days(90), 1000), {
    resolution: "auto",
    maxPoints: DURATION_MAX_POINTS,
  });
  assert.equal(DURATION_MAX_POINTS, 20_000);
});

Deno.test("chartRead() leaves every other chart as its spec says", () => {
  assert.deepEqual(chartRead({ chart: "line", resolution: "auto" }, start, days(90), 1000), {
    resolution: "auto",
    maxPoints: 1000,
  });
});
