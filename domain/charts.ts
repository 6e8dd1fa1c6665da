/**
 * Chart kinds a VizSpec may name, in the order pickers offer them. Kept apart from the VizSpec
 * schema so the browser can list them without bundling the schema library.
 *
 * @module
 */

/** Chart kinds. */
export const CHARTS = [
  "line",
  "area",
  "bar",
  "stat",
  "gauge",
  "table",
  "scatter",
  "heatmap",
  "duration",
] as const;

/** One chart kind. */
export type Chart = typeof CHARTS[number];
