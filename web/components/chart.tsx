/**
 * A uPlot time-series chart sized to its container, redrawn in the current
 * theme, with drag-to-zoom when `onZoom` is given. Inside a dashboard panel
 * the plot shrinks so that it and its whole legend fit the panel's body: every
 * legend entry stays visible without an inner scroll bar.
 *
 * @module
 */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import type { DrawnSeries } from "../lib/data.ts";
import {
  alignedData,
  drawnData,
  durationData,
  durationOptions,
  type PlotKind,
  plotOptions,
  type PlotSpec,
} from "../lib/plot.ts";
import { themeVersion } from "../lib/theme.ts";
import { useStore } from "../lib/store.ts";

/** Props of {@link Chart}. */
export interface ChartProps {
  data: DrawnSeries[];
  /** What the chart shows, for screen readers. */
  label: string;
  /** `duration` draws each series' values high to low against the percent of intervals. */
  kind?: PlotKind | "duration";
  stacked?: boolean;
  /** Plot height in CSS pixels (240). */
  height?: number;
  /** The window asked for, in epoch ms: the x-axis spans it (see `xRange`). */
  window?: [number, number];
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
  const [w0, w1] = props.window ?? [0, 0];
  // Callbacks change identity every render; the plot calls the latest through refs.
  const zoom = useRef(props.onZoom);
  const plotted = useRef(props.onPlot);
  zoom.current = props.onZoom;
  plotted.current = props.onPlot;
  const zoomable = Boolean(props.onZoom);

  useEffect(() => {
    const el = box.current;
    if (!el || empty) return;
    const width = Math.max(el.clientWidth, 200);
    const plot = kind === "duration"
      ? new uPlot(durationOptions(data, { width, height }), durationData(data), el)
      : timePlot(el, data, {
        kind,
        stacked,
        width,
        height,
        window: w1 > w0 ? [w0, w1] : undefined,
        onZoom: zoomable ? (a, b) => zoom.current?.(a, b) : undefined,
      });
    plotted.current?.(plot);
    const panel = el.closest<HTMLElement>(".panel-body");
    const fit = () => {
      const w = Math.max(el.clientWidth, 200);
      const h = panel ? fittedHeight(plot, panel, height) : height;
      if (w !== plot.width || h !== plot.height) plot.setSize({ width: w, height: h });
    };
    fit();
    const resize = new ResizeObserver(fit);
    resize.observe(el);
    if (panel) resize.observe(panel);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotted.current?.(null);
    };
  }, [data, kind, stacked, height, theme, empty, zoomable, w0, w1]);

  if (empty) return <p class="chart-empty">No data in this window</p>;
  return <div class="chart" ref={box} role="img" aria-label={props.label} />;
}

/** A time-series plot of `data` in `el`. */
function timePlot(el: HTMLElement, data: DrawnSeries[], spec: PlotSpec): uPlot {
  const joined = alignedData(data, spec.stacked);
  return new uPlot(plotOptions(data, joined, spec), drawnData(joined, spec.stacked), el);
}

/**
 * The plot height that leaves room in `panel` for the legend below it (never
 * more than `wanted`, never under 80 px): the legend wraps to as many lines as
 * its entries need, and the plot gives way.
 */
function fittedHeight(plot: uPlot, panel: HTMLElement, wanted: number): number {
  const legend = plot.root.querySelector<HTMLElement>(".u-legend")?.offsetHeight ?? 0;
  const title = plot.root.querySelector<HTMLElement>(".u-title")?.offsetHeight ?? 0;
  // Whatever the panel shows above the chart (a caption, a note) takes its share too.
  const above = plot.root.getBoundingClientRect().top - panel.getBoundingClientRect().top +
    panel.scrollTop;
  const room = panel.clientHeight - Math.max(0, above) - legend - title - 8;
  return Math.round(Math.max(80, Math.min(wanted, room)));
}
