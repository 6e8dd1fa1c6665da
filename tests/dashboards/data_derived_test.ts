import assert from "node:assert/strict";
import { panelData, seriesMeta } from "../../dashboards/data.ts";
import { validateSpec } from "../../domain/vizspec.ts";
import { withDatabase } from "../_db.ts";
import { seed } from "../_helpers.ts";

Deno.test("panelData() draws a derived series from its inputs instead of calling it missing", async () => {
  await withDatabase(async (db) => {
    await seed(db, {
      key: "spp.rt.lz_west",
      start: "2025-12-01T06:00:00Z",
      n: 8,
      value: (i) => 30 + i,
    });
    await seed(db, { key: "spp.rt.hb_west", start: "2025-12-01T06:00:00Z", n: 8, value: () => 28 });
    const spec = validateSpec({
      version: 1,
      title: "West basis",
      chart: "line",
      series: ["spread.lz_west.hb_west", "dart.hb_west"],
      range: { start: "2025-12-01T06:00:00Z", end: "2025-12-01T08:00:00Z" },
      resolution: "raw",
    });
    const [panel] = await panelData(db.db.sql, [{ id: "p1", spec }], { now: new Date() });
    assert.deepEqual(panel.missing, []);
    const [basis, dart] = panel.series;
    assert.equal(basis.name, "West load zone basis (to West hub)");
    assert.deepEqual(basis.v, [2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual([dart.key, dart.v], ["dart.hb_west", []]);
    const meta = await seriesMeta(db.db.sql, ["spread.lz_west.hb_west", "dart.hb_west"]);
    assert.deepEqual(meta.map((m) => [m.key, m.unit, m.intervalSeconds, m.stored]), [
      ["spread.lz_west.hb_west", "$/MWh", 900, true],
      ["dart.hb_west", "$/MWh", 3600, false],
    ]);
  });
});
