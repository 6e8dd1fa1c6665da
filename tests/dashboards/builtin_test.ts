import assert from "node:assert/strict";
import {
  AS_PRODUCTS,
  FUELS,
  isKnownSeries,
  LOAD_ZONES,
  PHYSICAL_HUBS,
} from "../../domain/catalog.ts";
import { validateSpec } from "../../domain/vizspec.ts";
import {
  availablePanels,
  BUILTIN_BOARDS,
  ERCOT_OVERVIEW,
  ERCOT_PRICES,
  findBuiltin,
} from "../../dashboards/builtin/mod.ts";
import type { Grid } from "../../dashboards/types.ts";
import { NotFoundError } from "../../domain/errors.ts";

function overlaps(a: Grid, b: Grid): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

Deno.test("built-in boards have fixed uids, valid specs of catalog series, and panels that do not overlap", () => {
  assert.deepEqual(BUILTIN_BOARDS.map((b) => b.uid), ["ercot-overview", "ercot-prices"]);
  for (const board of BUILTIN_BOARDS) {
    assert.match(board.uid, /^[a-z0-9-]{1,40}$/);
    const ids = board.panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, `${board.uid}: panel ids are unique`);
    for (const [i, p] of board.panels.entries()) {
      assert.deepEqual(validateSpec(p.spec), p.spec, `${board.uid}/${p.id} is a valid VizSpec`);
      assert.ok(
        p.spec.series.every((k) => typeof k === "string" && isKnownSeries(k)),
        `${board.uid}/${p.id} reads catalog series`,
      );
      assert.ok(p.grid.x + p.grid.w <= 24, `${board.uid}/${p.id} fits 24 columns`);
      for (const q of board.panels.slice(i + 1)) {
        assert.ok(!overlaps(p.grid, q.grid), `${board.uid}: ${p.id} overlaps ${q.id}`);
      }
      if (p.bind) {
        assert.ok(
          p.spec.series.every((k) => typeof k === "string" && k.endsWith(`.${p.bind!.point}`)),
        );
      }
    }
  }
});

Deno.test("the ERCOT overview shows prices, load, fuel mix, renewables, PRC, storage and AS prices", () => {
  const series = (id: string) => ERCOT_OVERVIEW.panels.find((p) => p.id === id)?.spec.series;
  assert.deepEqual(series("hub-prices"), PHYSICAL_HUBS.map((h) => `spp.rt.${h}`));
  assert.deepEqual(series("load-vs-forecast"), [
    "load.actual",
    "load.forecast",
    "load.forecast.dayahead",
  ]);
  const mix = ERCOT_OVERVIEW.panels.find((p) => p.id === "fuel-mix")!;
  assert.equal(mix.spec.stacked, true);
  assert.deepEqual([...mix.spec.series].sort(), FUELS.map((f) => `gen.${f}`).sort());
  assert.deepEqual(series("wind-vs-forecast"), ["wind.actual", "wind.stwpf"]);
  assert.deepEqual(series("solar-vs-forecast"), ["solar.actual", "solar.stppf"]);
  const prc = ERCOT_OVERVIEW.panels.find((p) => p.id === "prc")!;
  assert.deepEqual(prc.spec.series, ["reserves.prc"]);
  assert.deepEqual(prc.thresholds?.steps.map((s) => s.value), [1500, 2000, 2500, 3000]);
  assert.deepEqual(ERCOT_OVERVIEW.annotations, ["grid_condition"]);
  assert.deepEqual(series("storage"), ["storage.charging", "storage.discharging", "storage.net"]);
  assert.deepEqual(series("as-prices"), AS_PRODUCTS.map((p) => `mcpc.da.${p}`));
});

Deno.test("the Prices board covers every hub and load zone, day-ahead and real-time", () => {
  const keys = new Set(ERCOT_PRICES.panels.flatMap((p) => p.spec.series));
  for (const point of [...PHYSICAL_HUBS, ...LOAD_ZONES]) {
    for (const market of ["rt", "da"]) {
      assert.ok(keys.has(`spp.${market}.${point}`), `${market} ${point}`);
    }
  }
  const bound = ERCOT_PRICES.panels.filter((p) => p.bind).map((p) => p.bind!.variable);
  assert.deepEqual([...new Set(bound)], ["hub", "zone"]);
});

Deno.test("availablePanels() lists every built-in panel with its board, and findBuiltin() 404s", () => {
  const panels = availablePanels();
  assert.equal(panels.length, BUILTIN_BOARDS.reduce((n, b) => n + b.panels.length, 0));
  assert.deepEqual(panels[0].board, { uid: "ercot-overview", title: "ERCOT overview" });
  assert.equal(findBuiltin("ercot-prices"), ERCOT_PRICES);
  assert.throws(() => findBuiltin("nope"), NotFoundError);
});
