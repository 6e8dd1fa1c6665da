/**
 * Heat maps drawn on a canvas, one per series: a row per Central day (oldest at the top), a
 * column per Central wall-clock hour 0–23, the colour the mean value in that hour (layout and
 * DST rules in `web/lib/heatmap.ts`: the repeated 01:00 of a fall-back day is one cell, its two
 * passes averaged; a spring-forward day has no 02:00). A colour scale with the unit sits below,
 * and pointing at a cell names its day, hour and value.
 *
 * @module
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { DrawnSeries } from "../lib/data.ts";
import { heatColor, type HeatmapGrid, heatmapGrid } from "../lib/heatmap.ts";
import { formatValue } from "../lib/format.ts";
import { cssColor, themeVersion } from "../lib/theme.ts";
import { useStore } from "../lib/store.ts";

/** Props of {@link Heatmap}. */
export interface HeatmapProps {
  data: DrawnSeries[];
  /** Height of all maps with their captions and scales, CSS pixels (240). */
  height?: number;
}

/** Room for the day labels on the left and the hour labels below, CSS pixels. */
const LEFT = 78;
const BOTTOM = 18;

/** A heat map per series that has points. */
export function Heatmap({ data, height = 240 }: HeatmapProps) {
  const drawn = data.filter((s) => s.t.length);
  if (!drawn.length) return <p class="chart-empty">No data in this window</p>;
  // The caption and the colour scale take about 44 px of each map's share.
  const each = Math.max(80, Math.round(height / drawn.length) - 44);
  return (
    <div class="heatmaps">
      {drawn.map((s) => <SeriesHeatmap key={s.key} series={s} height={each} />)}
    </div>
  );
}

/** The cell under (x, y) in a canvas `width` × `height`: its row and hour, or undefined. */
function cellAt(grid: HeatmapGrid, x: number, y: number, width: number, height: number) {
  const w = (width - LEFT) / 24, h = (height - BOTTOM) / grid.days.length;
  const hour = Math.floor((x - LEFT) / w), row = Math.floor(y / h);
  if (hour < 0 || hour > 23 || row < 0 || row >= grid.days.length) return undefined;
  return { row, hour };
}

function draw(canvas: HTMLCanvasElement, grid: HeatmapGrid, width: number, height: number) {
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  if (!ctx || grid.min === null || grid.max === null) return;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, width, height);
  const w = (width - LEFT) / 24, h = (height - BOTTOM) / grid.days.length;
  grid.cells.forEach((row, r) =>
    row.forEach((value, hour) => {
      if (value === null) return;
      ctx.fillStyle = heatColor(value, grid.min!, grid.max!);
      // Overlap by a fraction of a pixel so thin rows leave no seams.
      ctx.fillRect(LEFT + hour * w, r * h, w + 0.5, h + 0.5);
    })
  );
  ctx.fillStyle = cssColor("--fg-muted");
  ctx.font = "11px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  const every = Math.max(1, Math.ceil(14 / h));
  grid.days.forEach((day, r) => {
    if (r % every === 0) ctx.fillText(day, 2, r * h + Math.max(h, 14) / 2);
  });
  ctx.textAlign = "center";
  for (let hour = 0; hour < 24; hour += w < 22 ? 3 : 1) {
    ctx.fillText(String(hour).padStart(2, "0"), LEFT + (hour + 0.5) * w, height - BOTTOM / 2);
  }
}

function SeriesHeatmap({ series, height }: { series: DrawnSeries; height: number }) {
  const grid = useMemo(() => heatmapGrid(series.t, series.v), [series]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<string>();
  const theme = useStore(themeVersion);

  useEffect(() => {
    const el = canvas.current?.parentElement;
    if (!el) return;
    const fit = () => setWidth(Math.max(el.clientWidth, 240));
    fit();
    const resize = new ResizeObserver(fit);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);
  useEffect(() => {
    if (canvas.current && width) draw(canvas.current, grid, width, height);
  }, [grid, width, height, theme]);

  const name = series.name || series.key;
  const [lo, hi] = [formatValue(grid.min, series.unit), formatValue(grid.max, series.unit)];
  const point = (e: MouseEvent) => {
    const box = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const at = cellAt(grid, e.clientX - box.left, e.clientY - box.top, box.width, box.height);
    const value = at && grid.cells[at.row][at.hour];
    setHover(
      at && value !== null && value !== undefined
        ? `${grid.days[at.row]} ${String(at.hour).padStart(2, "0")}:00 CT: ${
          formatValue(value, series.unit)
        }`
        : undefined,
    );
  };
  const ramp = [0, 0.25, 0.5, 0.75, 1].map((f) => heatColor(f, 0, 1)).join(", ");
  return (
    <figure class="heatmap" data-unit={series.unit} data-days={grid.days.length}>
      <figcaption class="muted">
        {name} by Central day and hour{hover ? <span class="heat-hover">{hover}</span> : null}
      </figcaption>
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${name}: heat map of ${grid.days.length} Central days by hour, ${lo} to ${hi}`}
        style={{ width: `${width || 240}px`, height: `${height}px` }}
        onMouseMove={point}
        onMouseLeave={() => setHover(undefined)}
      />
      <div class="heat-scale" aria-label={`Colour scale ${lo} to ${hi}`}>
        <span>{lo}</span>
        <span class="heat-ramp" style={{ background: `linear-gradient(to right, ${ramp})` }} />
        <span>{hi}</span>
        <span class="muted">{series.unit}</span>
      </div>
    </figure>
  );
}
