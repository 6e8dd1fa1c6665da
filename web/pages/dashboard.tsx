/**
 * `/dashboards/:id`: one of the user's dashboards. Panels can be moved,
 * resized and removed; new ones come from the AI card or the series picker;
 * the dashboard can be shared read-only by link, downloaded as Grafana JSON
 * and pushed to Grafana.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { AiCard } from "../components/ai_card.tsx";
import { ManualPanel } from "../components/manual_panel.tsx";
import { GrafanaDownload } from "../components/grafana_download.tsx";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { PdfButton } from "../components/pdf_button.tsx";
import { PanelGrid, plotHeight } from "../components/panel_grid.tsx";
import { ShareControl } from "../components/share_control.tsx";
import { SpecView } from "../components/spec_view.tsx";
import { currentUser } from "../lib/auth.ts";
import { dashboardsApi, type Grid, type VizSpec } from "../lib/dashboards.ts";
import { messageOf } from "../lib/http.ts";
import { useStore } from "../lib/store.ts";
import { useAsync } from "../lib/use_async.ts";

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
  const board = useAsync(() => dashboardsApi.get(id), [id]);
  const data = useAsync(() => dashboardsApi.data(id), [id, board.data?.panels.length]);
  const [error, setError] = useState<string>();

  if (!board.data) {
    return (
      <>
        <h1 tabIndex={-1}>Dashboard</h1>
        {board.error ? <ErrorNote message={board.error} /> : <Loading />}
      </>
    );
  }
  const byPanel = new Map(data.data?.panels.map((p) => [p.panel_id, p]));
  const add = async (spec: VizSpec) => {
    await dashboardsApi.addPanel(id, spec);
    board.reload();
  };
  const move = async (panelId: string, grid: Grid) => {
    await dashboardsApi.movePanel(id, panelId, grid);
  };
  const remove = async (panelId: string) => {
    setError(undefined);
    try {
      await dashboardsApi.removePanel(id, panelId);
      board.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
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
            return d
              ? <SpecView spec={p.spec} data={d.series} height={plotHeight(grid)} />
              : <Loading />;
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
