import assert from "node:assert/strict";
import { dragged, gridText, keyed, moved, resized } from "../../web/lib/grid_layout.ts";

const g = { x: 20, y: 0, w: 4, h: 6 };

Deno.test("moved() keeps a panel inside the 24 columns and below row 0", () => {
  assert.deepEqual(moved(g, 3, -2), { x: 20, y: 0, w: 4, h: 6 });
  assert.deepEqual(moved(g, -25, 5), { x: 0, y: 5, w: 4, h: 6 });
});

Deno.test("resized() never leaves the grid, goes below 1 column or 2 rows, or past 100 rows", () => {
  assert.deepEqual(resized(g, 10, -10), { x: 20, y: 0, w: 4, h: 2 });
  assert.deepEqual(resized(g, -10, 200), { x: 20, y: 0, w: 1, h: 100 });
});

Deno.test("dragged() turns pixels into whole cells on a 24-column grid", () => {
  // 24 columns on 1192 px with 8 px gaps: 50 px per column; rows are 36 + 8 px.
  assert.deepEqual(dragged({ x: 0, y: 0, w: 6, h: 4 }, "move", 124, 90, 1192), {
    x: 2,
    y: 2,
    w: 6,
    h: 4,
  });
  assert.deepEqual(dragged({ x: 0, y: 0, w: 6, h: 4 }, "resize", 60, -44, 1192), {
    x: 0,
    y: 0,
    w: 7,
    h: 3,
  });
});

Deno.test("keyed() moves with arrows, resizes with Shift+arrows, and ignores other keys", () => {
  const start = { x: 4, y: 4, w: 6, h: 6 };
  assert.deepEqual(keyed(start, "ArrowLeft", false), { x: 3, y: 4, w: 6, h: 6 });
  assert.deepEqual(keyed(start, "ArrowDown", true), { x: 4, y: 4, w: 6, h: 7 });
  assert.equal(keyed(start, "Enter", false), null);
  assert.equal(gridText(start), "column 5, row 5, 6 columns wide, 6 rows tall");
});
