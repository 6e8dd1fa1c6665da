/**
 * Small builders shared by the built-in panel families: a VizSpec from a
 * title and series, a grid cell, and a panel.
 *
 * @module
 */
import type { Grid } from "../types.ts";
import { validateSpec, type VizSpec, type VizSpecInput } from "../../domain/vizspec.ts";
import type { BoardPanel } from "../model.ts";

/** The range built-in panels show unless they say otherwise. */
export const LAST_DAY = { last: "P1D" } as const;

/** Spec members a panel family may set; the rest have defaults. */
export type SpecOptions = Partial<Omit<VizSpecInput, "version" | "title" | "series">>;

/**
 * A validated line chart over the last day, unless `options` say otherwise.
 *
 * @example viz("West hub price", ["spp.rt.hb_west"], { chart: "stat" })
 */
export function viz(title: string, series: readonly string[], options: SpecOptions = {}): VizSpec {
  return validateSpec({
    version: 1,
    title,
    chart: "line",
    series: [...series],
    range: LAST_DAY,
    ...options,
  });
}

/** A grid cell: column, row, width, height. */
export function at(x: number, y: number, w = 12, h = 8): Grid {
  return { x, y, w, h };
}

/** A panel with a stable id, a spec and its cell, plus optional extras. */
export function panel(
  id: string,
  spec: VizSpec,
  grid: Grid,
  extras: Omit<BoardPanel, "id" | "spec" | "grid"> = {},
): BoardPanel {
  return { id, spec, grid, ...extras };
}
