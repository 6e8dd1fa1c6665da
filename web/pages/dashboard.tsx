/**
 * `/dashboards/:id`: one of the user's dashboards. Panels can be moved,
 * resized and removed; new ones come from the AI card or the series picker;
 * the dashboard can be shared read-only by link, downloaded as Grafana JSON
 * and pushed to Grafana. A range in the URL (`?range=P7D`, `?from=…&to=…`)
 * applies to every panel that is not pinned.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { AiCard } from "../components/ai_card.tsx";
import { ManualPanel } from "../components/manual_panel.tsx";
import { GrafanaDownload } from "../components/grafana_download.tsx";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { PdfButton } from "../components/pdf_button.tsx";
import { BoardRangePicker, RangeProblem } from "../components/board_range_picker.tsx";
import { PanelGrid, plotHeight } from "../components/panel_grid.tsx";
import { PanelWindow } from "../components/panel_window.tsx";
import { ShareControl } from "../components/share_control.tsx";
import { SpecView } from "../components/spec_view.tsx";
import { currentUser } from "../lib/auth.ts";
import type { components } from "../lib/api_schema.ts";
import { boardData, isPinned } from "../lib/board_data.ts";
import { type BoardRange, boardRangeQuery, parseBoardRange } from "../lib/board_range.ts";
import { dashboardsApi, type Grid, type VizSpec } from "../lib/dashboards.ts";
import { messageOf } from "../lib/http.ts";
import { currentLocation, navigate } from "../lib/router.ts";
import { useStore } from "../lib/store.ts";
import { useAsync } from "../lib/use_async.ts";

type Panel = components["schemas"]["DashboardPanel"];

/** The dashboard page. */
export default function DashboardPage({ params }: { params: Record<string, string> }) {
  const user = useStore(currentUser);
  if (user === null) {
    return (
      <>
        <h1 tabIndex={-1}>Dashboard</h1>
        <p>
          <a href={`/signin?next=/dashboards/${params.id}`}>Sign in</a> to open your dashboards.
        </p>
      </>
    );
  }
  if (user === undefined) return <Loading />;
  return <Board id={params.id} />;
}

function Board({ id }: { id: string }) {
  const loc = useStore(currentLocation);
  const { range, problem } = parseBoardRange(loc.query);
  const board = useAsync(() => dashboardsApi.get(id), [id]);
  const panels = board.data?.panels;
  // Under a dashboard range the pinned panels must be known first; without one every panel reads
  // its own range, so the data can load alongside the board.
  const data = useAsync(
    async () => range && !panels ? undefined : await boardData(id, panels ?? [], range),
    [id, JSON.stringify(range), JSON.stringify(panels?.map((p) => [p.id, p.spec.range]))],
  );
  const [error, setError] = useState<string>();

  if (!board.data) {
    return (
      <>
        <h1 tabIndex={-1}>Dashboard</h1>
        {board.error ? <ErrorNote message={board.error} /> : <Loading />}
      </>
    );
  }
  const byPanel = new Map(data.data?.map((p) => [p.panel_id, p]));
  const add = async (spec: VizSpec) => {
    const added = await dashboardsApi.addPanel(id, spec);
    board.reload();
    return added;
  };
  const move = async (panelId: string, grid: Grid) => {
    await dashboardsApi.movePanel(id, panelId, grid);
  };
  const guard = async (job: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await job();
      board.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const remove = (panelId: string) => guard(() => dashboardsApi.removePanel(id, panelId));
  const togglePin = (p: Panel, shown: { start: string; end: string }) => {
    const fallback = range?.kind === "last"
      ? range.last
      : "last" in board.data!.default_range
      ? board.data!.default_range.last
      : "P1D";
    const next: VizSpec["range"] = isPinned(p.spec)
      ? { last: fallback }
      : { start: shown.start, end: shown.end };
    return guard(() => dashboardsApi.setPanelSpec(id, p.id, { ...p.spec, range: next }));
  };
  const setRange = (next: BoardRange | null) =>
    navigate(`/dashboards/${id}${boardRangeQuery(next)}`);
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{board.data.title}</h1>
        <div class="toolbar">
          <PdfButton path={`/api/dashboards/${id}/pdf`} name={board.data.title} />
          <GrafanaDownload path={`/api/dashboards/${id}/grafana`} />
          <GrafanaExport id={id} />
          <ShareControl dashboardId={id} initial={board.data.share} />
        </div>
      </div>
      <RangeProblem problem={problem} />
      <BoardRangePicker
        range={range}
        onChange={setRange}
      />
      <ErrorNote message={error ?? data.error} />
      {board.data.panels.length === 0
        ? <p class="muted">No panels yet: ask for a chart below, or add one by hand.</p>
        : null}
      <PanelGrid
        items={board.data.panels.map((p) => ({
          id: p.id,
          title: p.spec.title,
          grid: p.grid,
          body: (grid) => {
            const d = byPanel.get(p.id);
            if (!d) return <Loading />;
            const shown = { ...p.spec, range: { start: d.start, end: d.end } };
            return (
              <>
                <PanelWindow
                  title={p.spec.title}
                  start={d.start}
                  end={d.end}
                  pinned={isPinned(p.spec)}
                  onToggle={() => togglePin(p, d)}
                />
                <SpecView
                  spec={range ? shown : p.spec}
                  data={d.series}
                  table={d.table}
                  height={plotHeight(grid) - 24}
                />
              </>
            );
          },
        }))}
        onCommit={move}
        onRemove={remove}
      />
      <div class="two-col">
        <AiCard dashboardId={id} onAdd={add} />
        <ManualPanel onAdd={add} />
      </div>
    </>
  );
}

function GrafanaExport({ id }: { id: string }) {
  const [result, setResult] = useState<{ url: string; version: number }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const push = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await dashboardsApi.grafana(id));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="result" aria-live="polite">
      <button type="button" disabled={busy} onClick={push}>Export to Grafana</button>
      {result
        ? (
          <p>
            Saved in Grafana as version {result.version}:{" "}
            <a href={result.url} rel="noopener">{result.url}</a>
          </p>
        )
        : null}
      <ErrorNote message={error} />
    </div>
  );
}
