/**
 * `/explore`: any series over any window. Drag on the chart to zoom, the
 * toolbar or arrow keys to pan; each step re-queries at a resolution that
 * fits. The URL holds the whole view. Exports CSV (the API's own) and PNG.
 *
 * @module
 */
import type uPlot from "uplot";
import { useRef, useState } from "preact/hooks";
import { Chart } from "../components/chart.tsx";
import { Heatmap } from "../components/heatmap.tsx";
import { ExpressionInput } from "../components/expression_input.tsx";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { RangePicker } from "../components/range_picker.tsx";
import { SeriesPicker } from "../components/series_picker.tsx";
import { apiResponse, query as queryString } from "../lib/api.ts";
import { fetchCatalog, fetchObservations, observationsQuery } from "../lib/data.ts";
import { downloadBlob, plotPng } from "../lib/download.ts";
import { PdfButton } from "../components/pdf_button.tsx";
import { Choice } from "../components/choice.tsx";
import {
  AGGS,
  type ExploreState,
  FILLS,
  KINDS,
  linkRangeProblem,
  panned,
  readState,
  RESOLUTIONS,
  stateQuery,
  stateUrl,
  windowOf,
  withWindow,
  zoomed,
} from "../lib/explore_state.ts";
import { formatInstant } from "../lib/format.ts";
import { messageOf } from "../lib/http.ts";
import { currentLocation, navigate } from "../lib/router.ts";
import { useStore } from "../lib/store.ts";
import { useAsync } from "../lib/use_async.ts";

/** The explorer page. */
export default function ExplorePage() {
  const loc = useStore(currentLocation);
  const state = readState(loc.query);
  const linkProblem = linkRangeProblem(loc.query);
  const [now] = useState(Date.now());
  const window = windowOf(state, now);
  const plot = useRef<uPlot | null>(null);
  const [exportError, setExportError] = useState<string>();
  const go = (next: ExploreState, push = false) => navigate(stateUrl(next), { replace: !push });
  const query = stateQuery(state);
  // What the chart draws: the keys, then the expression by its label.
  const charted = [...state.series, ...state.expr ? [state.label || state.expr] : []];
  const seriesQuery = { ...query, exprs: undefined };
  const exprQuery = { ...query, series: [] };
  const data = useAsync(
    (signal) => state.series.length ? fetchObservations(seriesQuery, signal) : Promise.resolve([]),
    [observationsQuery(seriesQuery)],
  );
  // Read apart from the series, so a bad expression leaves them drawn and its error stays beside it.
  const exprData = useAsync(
    (signal) => state.expr ? fetchObservations(exprQuery, signal) : Promise.resolve([]),
    [observationsQuery(exprQuery)],
  );

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => ExploreState> = {
      ArrowLeft: () => panned(state, -0.25, now),
      ArrowRight: () => panned(state, 0.25, now),
      "+": () => zoomed(state, 0.5, now),
      "=": () => zoomed(state, 0.5, now),
      "-": () => zoomed(state, 2, now),
    };
    if (moves[e.key]) (e.preventDefault(), go(moves[e.key](), true));
  };
  const exportAs = async (kind: "csv" | "png") => {
    setExportError(undefined);
    try {
      const name = `ercot-${state.series.join("_")}-${
        new Date(window.start).toISOString().slice(0, 10)
      }`;
      if (kind === "png") {
        if (plot.current) {
          downloadBlob(await plotPng(plot.current, charted.join(", ")), `${name}.png`);
        } else setExportError("PNG export is not available for the heat map; export CSV instead");
      } else {
        const res = await apiResponse(`/api/v1/observations${observationsQuery(query, "csv")}`);
        downloadBlob(await res.blob(), `${name}.csv`);
      }
    } catch (err) {
      setExportError(messageOf(err));
    }
  };

  const series = [...data.data ?? [], ...(exprData.error ? [] : exprData.data ?? [])];
  const points = series.reduce((n, s) => n + s.t.length, 0);
  return (
    <>
      <h1 tabIndex={-1}>Explore</h1>
      <SeriesPicker selected={state.series} onChange={(keys) => go({ ...state, series: keys })} />
      <ExpressionInput
        expr={state.expr}
        label={state.label}
        error={exprData.error}
        onDraw={(expr, label) => go({ ...state, expr, label: expr ? label : "" }, true)}
      />
      <RangePicker
        last={state.last}
        window={window}
        onPreset={(last) => go({ ...state, last, start: null, end: null }, true)}
        onCustom={(start, end) => go(withWindow(state, start, end), true)}
      />
      {linkProblem ? <p class="range-notice" role="status">{linkProblem}</p> : null}
      <div class="controls">
        <Choice
          label="Resolution"
          value={state.res}
          options={RESOLUTIONS}
          onChange={(res) => go({ ...state, res })}
        />
        <Choice
          label="Aggregate"
          value={state.agg}
          options={AGGS}
          onChange={(agg) => go({ ...state, agg })}
        />
        <Choice
          label="Fill gaps"
          value={state.fill}
          options={FILLS}
          onChange={(fill) => go({ ...state, fill })}
        />
        <Choice
          label="Chart"
          value={state.chart}
          options={KINDS}
          onChange={(chart) => go({ ...state, chart: chart as ExploreState["chart"] })}
        />
      </div>
      <div class="toolbar" role="toolbar" aria-label="Chart">
        <button type="button" onClick={() => go(panned(state, -0.5, now), true)}>◀ Earlier</button>
        <button type="button" onClick={() => go(panned(state, 0.5, now), true)}>Later ▶</button>
        <button type="button" onClick={() => go(zoomed(state, 0.5, now), true)}>Zoom in</button>
        <button type="button" onClick={() => go(zoomed(state, 2, now), true)}>Zoom out</button>
        <button type="button" disabled={!points} onClick={() => exportAs("csv")}>Export CSV</button>
        <button type="button" disabled={!points} onClick={() => exportAs("png")}>Export PNG</button>
        <PdfButton
          path={`/api/v1/explore/pdf${
            queryString({
              series: query.series.length ? query.series.join(",") : undefined,
              expr: state.expr || undefined,
              label: state.expr && state.label ? state.label : undefined,
              last: query.last,
              start: query.start,
              end: query.end,
              resolution: query.resolution,
              agg: query.agg,
            })
          }`}
          name={`ercot-${state.series.join("_") || state.label || "expression"}`}
          disabled={!points}
        />
      </div>
      <ErrorNote message={exportError ?? data.error} />
      {!charted.length
        ? <p class="muted">Choose one or more series, or write an expression, to chart.</p>
        : data.loading && !data.data
        ? <Loading what="Loading observations" />
        : (
          <div
            class="explore-chart"
            tabIndex={0}
            aria-label="Chart; drag to zoom, arrow keys pan, plus and minus zoom"
            onKeyDown={onKey}
          >
            {state.chart === "heatmap" ? <Heatmap data={series} height={360} /> : (
              <Chart
                data={series}
                kind={state.chart}
                height={360}
                window={[window.start, window.end]}
                label={`${charted.join(", ")} from ${formatInstant(window.start)} to ${
                  formatInstant(window.end)
                }`}
                onZoom={(a, b) => go(withWindow(state, a, b), true)}
                onPlot={(p) => (plot.current = p)}
              />
            )}
          </div>
        )}
      <p class="muted" aria-live="polite">
        {series.length
          ? `${points.toLocaleString()} points at ${series[0].resolution} resolution${
            series.some((s) => s.downsampled) ? ", downsampled to fit" : ""
          }, ${formatInstant(window.start)} to ${formatInstant(window.end)}`
          : ""}
      </p>
      {series.length && !points ? <JumpToLatest state={state} onJump={(s) => go(s, true)} /> : null}
    </>
  );
}

function JumpToLatest(
  { state, onJump }: { state: ExploreState; onJump: (s: ExploreState) => void },
) {
  const catalog = useAsync(() => fetchCatalog(), []);
  const lasts = (catalog.data ?? []).filter((s) => state.series.includes(s.key) && s.last)
    .map((s) => Date.parse(s.last!) + s.interval_seconds * 1000);
  if (!lasts.length) return null;
  const end = Math.max(...lasts);
  return (
    <p>
      No data in this window; the newest point is at {formatInstant(end)}.{" "}
      <button type="button" onClick={() => onJump(withWindow(state, end - 86_400_000, end))}>
        Show the latest day
      </button>
    </p>
  );
}
