/**
 * A uPlot time-series chart sized to its container, redrawn in the current
 * theme, with drag-to-zoom when `onZoom` is given.
 *
 * @module
 */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import type { DrawnSeries } from "../lib/data.ts";
import { alignedData, drawnData, type PlotKind, plotOptions } from "../lib/plot.ts";
import { themeVersion } from "../lib/theme.ts";
import { useStore } from "../lib/store.ts";

/** Props of {@link Chart}. */
export interface ChartProps {
  data: DrawnSeries[];
  /** What the chart shows, for screen readers. */
  label: string;
  kind?: PlotKind;
  stacked?: boolean;
  /** Plot height in CSS pixels (240). */
  height?: number;
  onZoom?: (startMs: number, endMs: number) => void;
  /** Receives the plot once drawn (and null when it goes), e.g. to export it as PNG. */
  onPlot?: (plot: uPlot | null) => void;
}

/** A chart of `data`; an empty-state line when no series has a point. */
export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useStore(themeVersion);
  const empty = props.data.every((s) => s.t.length === 0);
  const { data, kind = "line", stacked = false, height = 240 } = props;
  // Callbacks change identity every render; the plot calls the latest through refs.
  const zoom = useRef(props.onZoom);
  const plotted = useRef(props.onPlot);
  zoom.current = props.onZoom;
  plotted.current = props.onPlot;
  const zoomable = Boolean(props.onZoom);

  useEffect(() => {
    const el = box.current;
    if (!el || empty) return;
    const joined = alignedData(data);
    const width = Math.max(el.clientWidth, 200);
    const plot = new uPlot(
      plotOptions(data, joined, {
        kind,
        stacked,
        width,
        height,
        onZoom: zoomable ? (a, b) => zoom.current?.(a, b) : undefined,
      }),
      drawnData(joined, stacked),
      el,
    );
    plotted.current?.(plot);
    const resize = new ResizeObserver(() => {
      const w = Math.max(el.clientWidth, 200);
      if (w !== plot.width) plot.setSize({ width: w, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotted.current?.(null);
    };
  }, [data, kind, stacked, height, theme, empty, zoomable]);

  if (empty) return <p class="chart-empty">No data in this window</p>;
  return <div class="chart" ref={box} role="img" aria-label={props.label} />;
}
