import assert from "node:assert/strict";
import { fillGaps } from "../../db/fill.ts";

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

Deno.test("fillGaps() leaves the columns as they are with fill=none, every flag false", () => {
  const cols = { t: [0, 3 * H], v: [1, 4] };
  assert.deepEqual(fillGaps(cols, { method: "none", widthSeconds: 3600 }), {
    ...cols,
    filled: [
      false,
      false,
    ],
  });
});

Deno.test("fillGaps() carries the last value forward with fill=previous", () => {
  const out = fillGaps({ t: [0, H, 4 * H], v: [5, 7, 9] }, {
    method: "previous",
    widthSeconds: 3600,
  });
  assert.deepEqual(out.t, [0, H, 2 * H, 3 * H, 4 * H]);
  assert.deepEqual(out.v, [5, 7, 7, 7, 9]);
  assert.deepEqual(out.filled, [false, false, true, true, false]);
});

Deno.test("fillGaps() interpolates by time exactly with fill=linear", () => {
  const out = fillGaps({ t: [0, 4 * H], v: [10, 30] }, { method: "linear", widthSeconds: 3600 });
  assert.deepEqual(out.v, [10, 15, 20, 25, 30]);
  assert.deepEqual(out.filled, [false, true, true, true, false]);
  const quarter = fillGaps({ t: [0, 3 * 900_000], v: [-3, 3] }, {
    method: "linear",
    widthSeconds: 900,
  });
  assert.deepEqual(quarter.v, [-3, -1, 1, 3]);
});

Deno.test("fillGaps() never extrapolates before the first or after the last point", async (t) => {
  await t.step("a gap at the start of the window stays a gap", () => {
    const out = fillGaps({ t: [5 * H, 6 * H], v: [1, 2] }, {
      method: "previous",
      widthSeconds: 3600,
    });
    assert.deepEqual(out.t, [5 * H, 6 * H]);
    assert.deepEqual(out.filled, [false, false]);
  });
  await t.step("one point or none has nothing to fill", () => {
    for (const method of ["previous", "linear"] as const) {
      assert.deepEqual(fillGaps({ t: [H], v: [3] }, { method, widthSeconds: 3600 }).t, [H]);
      assert.deepEqual(fillGaps({ t: [], v: [] }, { method, widthSeconds: 3600 }).filled, []);
    }
  });
});

Deno.test("fillGaps() does not fill a point recorded a little late", () => {
  const out = fillGaps({ t: [0, 300_000 + 4_000, 600_000], v: [1, 2, 3] }, {
    method: "linear",
    widthSeconds: 300,
  });
  assert.deepEqual(out.filled, [false, false, false]);
});

Deno.test("fillGaps() fills the 25 hours of a fall-back day in UTC steps", () => {
  // 2025-11-02 is 25 h long in Central time: 05:00Z to 06:00Z the next day.
  const start = at("2025-11-02T05:00:00Z");
  const end = at("2025-11-03T06:00:00Z");
  const out = fillGaps({ t: [start, end], v: [0, 25] }, { method: "linear", widthSeconds: 3600 });
  assert.deepEqual(out.t.length, 26);
  assert.deepEqual(out.filled.filter(Boolean).length, 24);
  assert.deepEqual(out.v, Array.from({ length: 26 }, (_, i) => i));
});

Deno.test("fillGaps() steps 1d answers by Central days, weighting DST days by their length", async (t) => {
  await t.step("a missing fall-back day (25 h) starts at Central midnight", () => {
    const nov1 = at("2025-11-01T05:00:00Z");
    const nov2 = at("2025-11-02T05:00:00Z");
    const nov3 = at("2025-11-03T06:00:00Z");
    const out = fillGaps({ t: [nov1, nov3], v: [0, 49] }, {
      method: "linear",
      widthSeconds: 86_400,
    });
    assert.deepEqual(out.t, [nov1, nov2, nov3]);
    assert.deepEqual(out.v, [0, 24, 49]);
    assert.deepEqual(out.filled, [false, true, false]);
  });
  await t.step("a missing spring-forward day (23 h) too", () => {
    const mar8 = at("2026-03-08T06:00:00Z");
    const mar9 = at("2026-03-09T05:00:00Z");
    const mar10 = at("2026-03-10T05:00:00Z");
    const out = fillGaps({ t: [mar8, mar10], v: [0, 47] }, {
      method: "previous",
      widthSeconds: 86_400,
    });
    assert.deepEqual(out.t, [mar8, mar9, mar10]);
    assert.deepEqual(out.v, [0, 0, 47]);
  });
});

Deno.test("fillGaps() rejects a grid width that is not positive", () => {
  assert.throws(() => fillGaps({ t: [0, H], v: [1, 2] }, { method: "linear", widthSeconds: 0 }));
});
