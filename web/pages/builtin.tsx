/**
 * `/dashboards/builtin/:uid`: a built-in dashboard, read-only, each panel
 * reading its own spec's data; a signed-in user can copy it to their own, and
 * anyone can download it as Grafana JSON.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { GrafanaDownload } from "../components/grafana_download.tsx";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { PanelGrid, plotHeight } from "../components/panel_grid.tsx";
import { SpecView } from "../components/spec_view.tsx";
import { currentUser } from "../lib/auth.ts";
import { fetchObservations } from "../lib/data.ts";
import { dashboardsApi, specQuery, type VizSpec } from "../lib/dashboards.ts";
import { messageOf } from "../lib/http.ts";
import { navigate } from "../lib/router.ts";
import { useStore } from "../lib/store.ts";
import { useAsync } from "../lib/use_async.ts";

/** The built-in dashboard page. */
export default function BuiltinPage({ params }: { params: Record<string, string> }) {
  const board = useAsync(() => dashboardsApi.builtin(params.uid), [params.uid]);
  const user = useStore(currentUser);
  const [error, setError] = useState<string>();
  const copy = async () => {
    const b = board.data!;
    try {
      const d = await dashboardsApi.create({
        title: b.title,
        panels: b.panels.map((p) => ({ spec: p.spec, grid: p.grid })),
      });
      navigate(`/dashboards/${d.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  if (!board.data) {
    return (
      <>
        <h1 tabIndex={-1}>Built-in dashboard</h1>
        {board.error ? <ErrorNote message={board.error} /> : <Loading />}
      </>
    );
  }
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{board.data.title}</h1>
        <div class="toolbar">
          <GrafanaDownload path={`/api/builtin-dashboards/${params.uid}/grafana`} />
          {user ? <button type="button" onClick={copy}>Copy to my dashboards</button> : null}
        </div>
      </div>
      <p class="muted">{board.data.description}</p>
      <ErrorNote message={error} />
      <PanelGrid
        items={board.data.panels.map((p) => ({
          id: p.id,
          title: p.spec.title,
          grid: p.grid,
          body: (grid) => <SpecData spec={p.spec} height={plotHeight(grid)} />,
        }))}
      />
    </>
  );
}

function SpecData({ spec, height }: { spec: VizSpec; height: number }) {
  const data = useAsync((signal) => fetchObservations(specQuery(spec), signal), [
    JSON.stringify(spec),
  ]);
  if (data.error) return <ErrorNote message={data.error} />;
  if (!data.data) return <Loading />;
  return <SpecView spec={spec} data={data.data} height={height} />;
}
