/**
 * Dashboard panels on the 24-column grid. With `onCommit`, each panel can
 * be moved by dragging its title bar and resized from its corner (pointer
 * events, so mouse, pen and touch), or with the keyboard: focus the title
 * bar, arrows move, Shift+arrows resize. A change is saved when the drag
 * ends or the keys pause; a failed save puts the panel back and says why.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Grid } from "../lib/dashboards.ts";
import { changed, dragged, GAP_PX, gridText, keyed, ROW_PX } from "../lib/grid_layout.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";

/** A panel to place. */
export interface GridItem {
  id: string;
  title: string;
  grid: Grid;
  /** The panel's content for its current cell (which changes while it is resized). */
  body: (grid: Grid) => ComponentChildren;
}

/** Props of {@link PanelGrid}. */
export interface PanelGridProps {
  items: GridItem[];
  /** Saves a new cell; absent for a read-only grid. */
  onCommit?: (id: string, grid: Grid) => Promise<void>;
  onRemove?: (id: string) => void;
}

/** Plot height that fits a cell of `grid` below the title and above the legend. */
export function plotHeight(grid: Grid): number {
  return Math.max(100, grid.h * (ROW_PX + GAP_PX) - GAP_PX - 120);
}

/** The grid. */
export function PanelGrid({ items, onCommit, onRemove }: PanelGridProps) {
  const box = useRef<HTMLDivElement>(null);
  const [said, say] = useState("");
  const ordered = [...items].sort((a, b) => a.grid.y - b.grid.y || a.grid.x - b.grid.x);
  return (
    <>
      <div class="panel-grid" ref={box}>
        {ordered.map((item) => (
          <PanelFrame
            key={item.id}
            item={item}
            gridWidth={() => box.current?.clientWidth ?? 1000}
            onCommit={onCommit}
            onRemove={onRemove}
            say={say}
          />
        ))}
      </div>
      <p class="visually-hidden" aria-live="polite">{said}</p>
      {onCommit
        ? (
          <p id="panel-grid-help" class="visually-hidden">
            Drag a panel's title to move it, or focus it and use the arrow keys; Shift and the arrow
            keys resize it.
          </p>
        )
        : null}
    </>
  );
}

interface FrameProps {
  item: GridItem;
  gridWidth: () => number;
  onCommit?: PanelGridProps["onCommit"];
  onRemove?: PanelGridProps["onRemove"];
  say: (text: string) => void;
}

function PanelFrame({ item, gridWidth, onCommit, onRemove, say }: FrameProps) {
  const [grid, setGrid] = useState(item.grid);
  const [error, setError] = useState<string>();
  const drag = useRef<{ mode: "move" | "resize"; x: number; y: number; start: Grid } | null>(null);
  const pause = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => setGrid(item.grid), [item.grid.x, item.grid.y, item.grid.w, item.grid.h]);

  const commit = (next: Grid) => {
    if (!onCommit || !changed(next, item.grid)) return;
    setError(undefined);
    onCommit(item.id, next).catch((err) => (setGrid(item.grid), setError(messageOf(err))));
  };
  const down = (mode: "move" | "resize") => (e: PointerEvent) => {
    if (!onCommit || e.button !== 0) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    drag.current = { mode, x: e.clientX, y: e.clientY, start: grid };
  };
  const move = (e: PointerEvent) => {
    const d = drag.current;
    if (d) setGrid(dragged(d.start, d.mode, e.clientX - d.x, e.clientY - d.y, gridWidth()));
  };
  const up = () => {
    if (!drag.current) return;
    drag.current = null;
    commit(grid);
    say(`${item.title}: ${gridText(grid)}`);
  };
  const key = (e: KeyboardEvent) => {
    const next = keyed(grid, e.key, e.shiftKey);
    if (!next) return;
    e.preventDefault();
    setGrid(next);
    say(`${item.title}: ${gridText(next)}`);
    clearTimeout(pause.current);
    pause.current = setTimeout(() => commit(next), 600);
  };

  const cell = { "--x": grid.x, "--y": grid.y, "--w": grid.w, "--h": grid.h };
  return (
    <article
      class={`card panel${drag.current ? " moving" : ""}`}
      style={cell}
      aria-label={item.title}
      data-panel={item.id}
    >
      <header>
        <h2>
          {onCommit
            ? (
              <button
                type="button"
                class="panel-handle"
                aria-describedby="panel-grid-help"
                onPointerDown={down("move")}
                onPointerMove={move}
                onPointerUp={up}
                onKeyDown={key}
              >
                {item.title}
              </button>
            )
            : item.title}
        </h2>
        {onRemove
          ? (
            <button
              type="button"
              aria-label={`Remove ${item.title}`}
              onClick={() => onRemove(item.id)}
            >
              ×
            </button>
          )
          : null}
      </header>
      <ErrorNote message={error} />
      <div class="panel-body">{item.body(grid)}</div>
      {onCommit
        ? (
          <button
            type="button"
            class="panel-resize"
            aria-hidden="true"
            tabIndex={-1}
            onPointerDown={down("resize")}
            onPointerMove={move}
            onPointerUp={up}
          />
        )
        : null}
    </article>
  );
}
