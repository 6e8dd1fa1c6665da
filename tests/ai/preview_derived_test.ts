import assert from "node:assert/strict";
import { previewSpec } from "../../ai/preview.ts";
import { validateSpec } from "../../domain/vizspec.ts";
import { withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";

Deno.test("previewSpec() draws a derived series through the compiled statement, named from the catalog", async () => {
  await withDatabase(async (db) => {
    await seed(db, {
      key: "spp.rt.hb_north",
      start: "2025-12-01T06:00:00Z",
      n: 8,
      value: (i) => 20 + i,
    });
    await seed(db, {
      key: "spp.da.hb_north",
      interval: 3600,
      start: "2025-12-01T06:00:00Z",
      n: 3,
      value: (h) => 30 + h,
    });
    const spec = validateSpec({
      version: 1,
      title: "North DART",
      chart: "line",
      series: ["dart.hb_north"],
      range: { start: "2025-12-01T06:00:00Z", end: "2025-12-01T09:00:00Z" },
    });
    const preview = await previewSpec(db.db.sql, spec, { now: new Date("2025-12-02T00:00:00Z") });
    const [dart] = preview.preview.series;
    assert.equal(dart.name, "North hub DART (day-ahead minus real-time)");
    // Hour 0: 30 − mean(20..23) = 8.5; hour 1: 31 − mean(24..27) = 5.5; hour 2 has no RT values.
    assert.deepEqual(dart.v, [8.5, 5.5]);
  });
});
