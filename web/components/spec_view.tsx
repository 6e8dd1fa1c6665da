/**
 * Draws a VizSpec's data the way its `chart` says: line, area, bar, scatter
 * and `duration` (values high to low against the percent of intervals)
 * through uPlot; `heatmap` as Central day × hour on a canvas; `stat` as the
 * newest value; `gauge` as an arc
 * between the window's low and high; `table` as the newest rows, or for a
 * cross-section as every point or a ranking (cross_table.tsx). Every value
 * carries its unit, and a series no feed has written yet says "No data yet".
 *
 * @module
 */
import { type DrawnSeries, fetchCatalog, type SeriesInfo } from "../lib/data.ts";
import type { VizSpec } from "../lib/dashboards.ts";
import {
  asOfText,
  durationMs,
  durationText,
  formatInstant,
  formatValue,
  observedAt,
} from "../lib/format.ts";
import { useAsync } from "../lib/use_async.ts";
import { Chart } from "./chart.tsx";
import { Heatmap } from "./heatmap.tsx";
import { type CrossSectionTable, CrossTable } from "./cross_table.tsx";

/** Props of {@link SpecView}. */
export interface SpecViewProps {
  spec: VizSpec;
  data: DrawnSeries[];
  /** Chart height in CSS pixels. */
  height?: number;
  /** A cross-section table's rows, when the spec has a `cross_section`. */
  table?: CrossSectionTable;
}

const newest = (s: DrawnSeries) => s.t.length - 1;

/** The visual for `spec` over `data`. */
export function SpecView({ spec, data, height = 220, table }: SpecViewProps) {
  if (spec.cross_section) {
    return table ? <CrossTable table={table} /> : <p class="chart-empty">…</p>;
  }
  if (data.every((s) => s.t.length === 0)) return <EmptyWindow spec={spec} data={data} />;
  if (spec.chart === "stat") return <Stats data={data} />;
  if (spec.chart === "gauge") return <Gauge series={data[0]} />;
  if (spec.chart === "table") return <Rows data={data} />;
  if (spec.chart === "heatmap") return <Heatmap data={data} height={height} />;
  return (
    <Chart
      data={data}
      kind={spec.chart}
      stacked={spec.stacked}
      height={height}
      window={specWindow(spec, Date.now())}
      label={`${spec.title}: ${spec.series.map(itemName).join(", ")}`}
    />
  );
}

/** How a series item is named: its key, or an expression's label. */
export function itemName(item: VizSpec["series"][number]): string {
  return typeof item === "string" ? item : item.label;
}

/** What a spec draws, in words: its series, or its cross-section. */
export function drawnText(spec: VizSpec): string {
  const xs = spec.cross_section;
  if (!xs) return spec.series.map(itemName).join(", ");
  const what = xs.type ? `${xs.type}s` : "points";
  return xs.top
    ? `${
      xs.top.order === "asc" ? "lowest" : "top"
    } ${xs.top.n} ${xs.family} ${what} by ${xs.top.agg}`
    : `every ${xs.family} ${what.replace(/s$/, "")} at ${xs.at ?? "the latest interval"}`;
}

/** The range of a spec in words. */
export function rangeText(spec: VizSpec): string {
  const r = spec.range;
  return "last" in r
    ? `last ${durationText(r.last)}`
    : `${formatInstant(r.start)} to ${formatInstant(r.end)}`;
}

/** The window of a spec in epoch ms: `last` ends now. */
export function specWindow(spec: VizSpec, now: number): [number, number] | undefined {
  const r = spec.range;
  if ("last" in r) {
    const span = durationMs(r.last);
    return Number.isFinite(span) ? [now - span, now] : undefined;
  }
  const w: [number, number] = [Date.parse(r.start), Date.parse(r.end)];
  return w.every(Number.isFinite) ? w : undefined;
}

const useCatalog = () => {
  const catalog = useAsync(() => fetchCatalog(), []);
  return catalog.data ? new Map(catalog.data.map((s) => [s.key, s])) : undefined;
};

/**
 * No points in the window: say which series have no data at all yet, or else when the newest
 * stored point is.
 */
function EmptyWindow({ spec, data }: { spec: VizSpec; data: DrawnSeries[] }) {
  const catalog = useCatalog();
  if (!catalog) return <p class="chart-empty">…</p>;
  const named = data.length
    ? data
    : spec.series.map((s) =>
      typeof s === "string" ? { key: s, name: "" } : { key: s.expr, name: s.label }
    );
  const never = named.filter((s) => !catalog.get(s.key)?.last).map((s) => s.name || s.key);
  const keys = spec.series.filter((s) => typeof s === "string");
  const lasts = keys.flatMap((k) => catalog.get(k)?.last ?? []).map((l) => Date.parse(l));
  if (!lasts.length) return <p class="chart-empty">No data yet for {never.join(", ")}</p>;
  return (
    <p class="chart-empty">
      No data in this panel's window ({rangeText(spec)}); the newest point is from{" "}
      {formatInstant(Math.max(...lasts))}
      {never.length ? `. No data yet for ${never.join(", ")}` : ""}
    </p>
  );
}

function Stats({ data }: { data: DrawnSeries[] }) {
  const catalog = useCatalog();
  const now = Date.now();
  return (
    <div>
      {data.filter((s) => s.t.length).map((s) => (
        <div key={s.key}>
          <p class="muted">{s.name || s.key}</p>
          <p class="stat" aria-live="polite">{formatValue(s.v[newest(s)], s.unit)}</p>
          <p class="muted">{asOfText(statInstant(s, catalog?.get(s.key)), now)}</p>
        </div>
      ))}
    </div>
  );
}

/** The instant of a stat's newest observation (not the start of its bucket). */
function statInstant(s: DrawnSeries, info: SeriesInfo | undefined): string {
  return new Date(observedAt(s.t[newest(s)] * 1000, s.resolution, info?.last)).toISOString();
}

function Gauge({ series }: { series: DrawnSeries }) {
  const value = series.v[newest(series)];
  const lo = Math.min(...series.v), hi = Math.max(...series.v);
  const share = hi > lo ? (value - lo) / (hi - lo) : 1;
  const angle = Math.PI * (1 - share);
  const x = 60 + 50 * Math.cos(angle), y = 60 - 50 * Math.sin(angle);
  return (
    <figure>
      <svg
        class="gauge"
        viewBox="0 0 120 70"
        role="img"
        aria-label={`${series.name}: ${formatValue(value, series.unit)}`}
      >
        <path class="track" d="M10 60 A50 50 0 0 1 110 60" />
        <path class="value" d={`M10 60 A50 50 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`} />
      </svg>
      <figcaption>
        <span class="stat">{formatValue(value, series.unit)}</span>
        <span class="muted">
          of {formatValue(lo, series.unit)} – {formatValue(hi, series.unit)} in this window
        </span>
      </figcaption>
    </figure>
  );
}

function Rows({ data }: { data: DrawnSeries[] }) {
  const times = [...new Set(data.flatMap((s) => s.t))].sort((a, b) => b - a).slice(0, 50);
  const lookups = data.map((s) => new Map(s.t.map((t, i) => [t, s.v[i]])));
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Time (CT)</th>
          {data.map((s) => <th key={s.key} scope="col">{s.name || s.key} ({s.unit})</th>)}
        </tr>
      </thead>
      <tbody>
        {times.map((t) => (
          <tr key={t}>
            <td>{formatInstant(t * 1000)}</td>
            {lookups.map((m, i) => (
              <td key={i} class="num">{formatValue(m.get(t), data[i].unit)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
