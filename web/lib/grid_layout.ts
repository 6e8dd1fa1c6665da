/**
 * Moving and resizing panels on the 24-column dashboard grid, kept inside
 * it: a panel never leaves the columns, shrinks below one column or two
 * rows, or grows past 100 rows.
 *
 * @module
 */
import type { Grid } from "./dashboards.ts";

/** Columns of the grid (Grafana's). */
export const COLUMNS = 24;
/** Height of a grid row and the gap between cells, in CSS pixels (as in app.css). */
export const ROW_PX = 36;
/** The gap between grid cells, in CSS pixels. */
export const GAP_PX = 8;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** `g` moved by whole cells. */
export function moved(g: Grid, dx: number, dy: number): Grid {
  return { ...g, x: clamp(g.x + dx, 0, COLUMNS - g.w), y: clamp(g.y + dy, 0, 10_000) };
}

/** `g` resized by whole cells. */
export function resized(g: Grid, dw: number, dh: number): Grid {
  return { ...g, w: clamp(g.w + dw, 1, COLUMNS - g.x), h: clamp(g.h + dh, 2, 100) };
}

/** Whether two cells differ. */
export function changed(a: Grid, b: Grid): boolean {
  return a.x !== b.x || a.y !== b.y || a.w !== b.w || a.h !== b.h;
}

/** A cell in words, for screen readers. */
export function gridText(g: Grid): string {
  return `column ${g.x + 1}, row ${g.y + 1}, ${g.w} columns wide, ${g.h} rows tall`;
}

/** The cell a pointer drag of `dxPx`, `dyPx` leads to, on a grid `widthPx` wide. */
export function dragged(
  start: Grid,
  mode: "move" | "resize",
  dxPx: number,
  dyPx: number,
  widthPx: number,
): Grid {
  const col = (widthPx + GAP_PX) / COLUMNS;
  const dx = Math.round(dxPx / col);
  const dy = Math.round(dyPx / (ROW_PX + GAP_PX));
  return mode === "move" ? moved(start, dx, dy) : resized(start, dx, dy);
}

/** Keyboard steps: arrows move, Shift+arrows resize; null for other keys. */
export function keyed(g: Grid, key: string, shift: boolean): Grid | null {
  const steps: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };
  const step = steps[key];
  if (!step) return null;
  return shift ? resized(g, ...step) : moved(g, ...step);
}
