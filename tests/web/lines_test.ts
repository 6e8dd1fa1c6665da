import assert from "node:assert/strict";
import { linesOf } from "../../web/lib/lines.ts";

const base = { key: "load.actual", name: "Load", unit: "MW", resolution: "1h" as const };

Deno.test("linesOf() draws filled stretches as a dashed line joined to the stored points", () => {
  const s = {
    ...base,
    downsampled: false,
    t: [0, 1, 2, 3, 4, 5],
    v: [10, 11, 12, 13, 14, 15],
    filled: [false, false, true, true, false, false],
  };
  const [solid, dashed] = linesOf([s]);
  assert.equal(solid.dashed, false);
  assert.deepEqual(solid.v, [10, 11, null, null, 14, 15]);
  assert.equal(dashed.dashed, true);
  assert.deepEqual(dashed.v, [null, 11, 12, 13, 14, null]);
});

Deno.test("linesOf() draws one line per series without filled points or when stacked", () => {
  const plain = { ...base, downsampled: false, t: [0, 1, 2], v: [1, 2, 3] };
  assert.equal(linesOf([plain]).length, 1);
  const filled = { ...plain, filled: [false, true, false] };
  assert.equal(linesOf([filled, plain]).length, 3);
  assert.deepEqual(linesOf([filled], true).map((l) => l.v), [[1, 2, 3]]);
});
