/**
 * Private helpers of `dashboards/grafana/board.ts`: one VizSpec panel to one SDK
 * panel builder (timeseries, stat, gauge, table, heatmap, or an XY chart for a
 * duration curve), and ISO durations in Grafana's relative-time units.
 *
 * @module
 */
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import {
  BigValueGraphMode,
  GraphDrawStyle,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  HeatmapCellLayout,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  StackingConfigBuilder,
  StackingMode,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from "@grafana/grafana-foundation-sdk/common";
import {
  type Panel,
  ThresholdsConfigBuilder,
  ThresholdsMode,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { PanelBuilder as GaugeBuilder } from "@grafana/grafana-foundation-sdk/gauge";
import {
  CellValuesBuilder,
  FilterValueRangeBuilder,
  HeatmapColorMode,
  HeatmapColorOptionsBuilder,
  PanelBuilder as HeatmapBuilder,
  RowsHeatmapOptionsBuilder,
  YAxisConfigBuilder,
} from "@grafana/grafana-foundation-sdk/heatmap";
import { PanelBuilder as StatBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TableBuilder } from "@grafana/grafana-foundation-sdk/table";
import { PanelBuilder as TimeseriesBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import {
  PanelBuilder as XYChartBuilder,
  SeriesMapping,
  XYShowMode,
} from "@grafana/grafana-foundation-sdk/xychart";
import type { BoardPanel } from "../model.ts";
import {
  crossSectionSql,
  DATASOURCE,
  durationSql,
  heatmapSql,
  panelSql,
  pgQuery,
} from "../queries.ts";
import type { SeriesItem, VizRange } from "../../domain/vizspec.ts";
import { parseExpr } from "../../domain/expr.ts";
import { findSeries } from "../../domain/catalog.ts";

const ISO =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const SECONDS_PER_MONTH = 2_629_746;
const UNITS: Record<string, string> = {
  "$/MWh": "suffix: $/MWh",
  "$/MW": "suffix: $/MW",
  MW: "megwatt",
};

/**
 * An ISO 8601 duration as one Grafana relative span: `P7D` → `7d`,
 * `PT24H` → `1d`, `P1M` → `1M`, `P2Y` → `2y`, `PT90M` → `90m`.
 */
export function grafanaSpan(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`Duration "${iso}" is not ISO 8601`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const months = y * 12 + mo;
  const seconds = (((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s;
  if (seconds === 0) return months % 12 === 0 ? `${months / 12}y` : `${months}M`;
  const total = Math.round(seconds + months * SECONDS_PER_MONTH);
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (total % size === 0) return `${total / size}${unit}`;
  }
  return `${total}s`;
}

/** A range as Grafana's dashboard `time`: relative to now, or absolute instants. */
export function grafanaTime(range: VizRange): { from: string; to: string } {
  if ("last" in range) return { from: `now-${grafanaSpan(range.last)}`, to: "now" };
  return { from: new Date(range.start).toISOString(), to: new Date(range.end).toISOString() };
}

/** Seconds as Grafana's refresh string: `30s`, `5m`, `1h`, `1d`. */
export function grafanaRefresh(seconds: number): string {
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** The Grafana unit of a panel whose series share one unit, else none. */
export function panelUnit(series: readonly SeriesItem[]): string | undefined {
  // Keys outside the catalog are settlement-point prices.
  const units = new Set(
    series.map((k) =>
      typeof k === "string" ? findSeries(k)?.unit ?? "$/MWh" : parseExpr(k.expr).unit
    ),
  );
  return units.size === 1 ? UNITS[[...units][0]] : undefined;
}

type AnyPanelBuilder =
  | TimeseriesBuilder
  | StatBuilder
  | GaugeBuilder
  | TableBuilder
  | HeatmapBuilder
  | XYChartBuilder;

/** The query of a panel: its SQL and the frame format Grafana reads it as. */
function panelQuery(panel: BoardPanel): [string, "time_series" | "table"] {
  const { spec, bind } = panel;
  if (spec.cross_section) return [crossSectionSql(spec), "table"];
  if (spec.chart === "heatmap") return [heatmapSql(spec, bind), "time_series"];
  if (spec.chart === "duration") return [durationSql(spec, bind), "table"];
  return [panelSql(spec, bind), spec.chart === "table" ? "table" : "time_series"];
}

/**
 * The SDK builder of one board panel: its query, grid, unit, thresholds, and
 * a relative `timeFrom` when its own `last` range differs from the board's.
 */
export function panelBuilder(
  panel: BoardPanel,
  id: number,
  boardRange: VizRange,
): cog.Builder<Panel> {
  const spec = panel.spec;
  const [sql, format] = panelQuery(panel);
  const builder = chartBuilder(panel)
    .id(id)
    .title(panel.bind ? `${spec.title} ($${panel.bind.variable})` : spec.title)
    .datasource({ ...DATASOURCE })
    .gridPos({ ...panel.grid })
    .withTarget(pgQuery("A", sql, format));
  if (panel.description) builder.description(panel.description);
  const unit = panelUnit(spec.series);
  if (unit) builder.unit(unit);
  if ("last" in spec.range && JSON.stringify(spec.range) !== JSON.stringify(boardRange)) {
    builder.timeFrom(grafanaSpan(spec.range.last));
  }
  if (panel.thresholds) {
    const { base, steps } = panel.thresholds;
    builder.thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute)
        .steps([{ value: null, color: base }, ...steps]),
    );
  }
  return builder;
}

function chartBuilder(panel: BoardPanel): AnyPanelBuilder {
  const reduce = () => new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false);
  switch (panel.spec.chart) {
    case "stat":
      return new StatBuilder().reduceOptions(reduce()).graphMode(BigValueGraphMode.Area);
    case "gauge":
      return new GaugeBuilder().reduceOptions(reduce());
    case "table":
      return new TableBuilder();
    case "heatmap":
      return heatmap(panel);
    case "duration":
      return duration();
    default:
      return timeseries(panel);
  }
}

function timeseries(panel: BoardPanel): TimeseriesBuilder {
  const { chart, stacked } = panel.spec;
  const draw = chart === "bar"
    ? GraphDrawStyle.Bars
    : chart === "scatter"
    ? GraphDrawStyle.Points
    : GraphDrawStyle.Line;
  const fill = chart === "bar" ? 80 : chart === "area" || stacked ? 25 : 0;
  const builder = new TimeseriesBuilder().drawStyle(draw).fillOpacity(fill).lineWidth(1)
    .legend(
      new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom).calcs([]),
    )
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.None));
  if (chart === "scatter") builder.pointSize(4);
  if (stacked) builder.stacking(new StackingConfigBuilder().mode(StackingMode.Normal).group("A"));
  if (panel.thresholds) {
    builder.thresholdsStyle(
      new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.DashedAndArea),
    );
  }
  return builder;
}

/** Central day × hour: the SQL answers one bucket per hour `00`–`23`, already averaged. */
function heatmap(panel: BoardPanel): HeatmapBuilder {
  const unit = panelUnit(panel.spec.series.slice(0, 1));
  const cells = new HeatmapBuilder().calculate(false)
    .rowsFrame(new RowsHeatmapOptionsBuilder().layout(HeatmapCellLayout.Unknown).value("value"))
    .color(new HeatmapColorOptionsBuilder().mode(HeatmapColorMode.Scheme).scheme("Turbo").steps(64))
    .yAxis(new YAxisConfigBuilder().axisLabel("hour of day (Central)"))
    // Grafana hides cells at or below 1e-9 by default: zero and negative prices are cells too.
    .filterValues(new FilterValueRangeBuilder().le(-1e9))
    .showLegend();
  return unit ? cells.cellValues(new CellValuesBuilder().unit(unit)) : cells;
}

/** Values high to low against % of intervals, one line per series. */
function duration(): XYChartBuilder {
  return new XYChartBuilder().mapping(SeriesMapping.Auto).show(XYShowMode.Lines).lineWidth(1)
    .fillOpacity(0)
    .overrideByName("percent", [
      { id: "unit", value: "percent" },
      { id: "custom.axisLabel", value: "% of intervals" },
    ])
    .withTransformation({ id: "partitionByValues", options: { fields: ["metric"] } })
    .legend(
      new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom).calcs([]),
    );
}
