/**
 * ERCOT's grid condition as a banner coloured by its level, with its "as of"
 * time; the PRC tile takes the same colour.
 *
 * @module
 */
import type { GridStatus } from "../lib/data.ts";
import { asOfText } from "../lib/format.ts";

/** The colour class of a condition: normal, watch, emergency or unknown. */
export function gridLevel(grid: GridStatus | undefined): string {
  if (!grid || grid.state === "unknown") return "unknown";
  if ((grid.eea_level ?? 0) > 0) return "emergency";
  return grid.state.toLowerCase() === "normal" ? "normal" : "watch";
}

/** The banner. */
export function GridBanner({ grid, now }: { grid: GridStatus | undefined; now: number }) {
  const level = gridLevel(grid);
  const eea = grid?.eea_level ? ` — EEA level ${grid.eea_level}` : "";
  return (
    <section class={`grid-banner grid-${level}`} aria-label="Grid condition" aria-live="polite">
      <strong>{grid ? grid.title || grid.state : "Grid condition loading"}{eea}</strong>
      {grid?.note ? <span>{grid.note}</span> : null}
      <span class="muted">{grid ? asOfText(grid.as_of, now) : ""}</span>
    </section>
  );
}
