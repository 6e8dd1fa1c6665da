import assert from "node:assert/strict";
import { overviewQuery, within } from "../../web/lib/overview.ts";
import type { SeriesInfo } from "../../web/lib/data.ts";

const info = (key: string, last: string | null, interval = 300): SeriesInfo => ({
  key,
  name: key,
  unit: "MW",
  interval_seconds: interval,
  feed: "f",
  type: "system",
  first: last,
  last,
  freshness_seconds: null,
  stale_after_seconds: 900,
  stale: true,
});

Deno.test("overviewQuery() asks for every shown series at once over a window covering all", () => {
  const catalog = new Map([
    info("lmp.rt.hb_west", "2026-06-25T05:40:00Z"),
    info("spp.rt.hb_west", null, 900),
    info("demand.rt", "2025-11-02T06:05:00Z"),
    info("gen.wind", "2025-10-09T11:40:00Z"),
    info("gen.solar", "2025-10-09T11:40:00Z"),
  ].map((s) => [s.key, s]));
  assert.deepEqual(overviewQuery(catalog), {
    series: ["demand.rt", "gen.solar", "gen.wind", "lmp.rt.hb_west"],
    start: "2025-10-08T11:45:00.000Z",
    end: "2026-06-25T05:45:00.000Z",
  });
  assert.equal(overviewQuery(new Map([["gen.wind", info("gen.wind", null)]])), null);
});

Deno.test("within() keeps the points of a column inside its own window", () => {
  const col = { key: "a", t: [100, 200, 300, 400], v: [1, 2, 3, 4] };
  const w = { start: new Date(200_000).toISOString(), end: new Date(400_000).toISOString() };
  assert.deepEqual(within(col, w), { key: "a", t: [200, 300], v: [2, 3] });
});
