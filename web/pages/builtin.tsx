/**
 * `/dashboards/builtin/:uid`: a built-in dashboard, read-only, each panel
 * reading its own spec's data over the dashboard range in the URL (unless
 * pinned) or its own; a signed-in user can copy it to their own, and anyone
 * can download it as Grafana JSON.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { BoardRangePicker, RangeProblem } from "../components/board_range_picker.tsx";
import { GrafanaDownload } from "../components/grafana_download.tsx";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { PanelWindow } from "../components/panel_window.tsx";
import { PanelGrid, plotHeight } from "../components/panel_grid.tsx";
import { SpecView } from "../components/spec_view.tsx";
import { currentUser } from "../lib/auth.ts";
import { isPinned } from "../lib/board_data.ts";
import {
  type BoardRange,
  boardRangeParams,
  boardRangeQuery,
  parseBoardRange,
} from "../lib/board_range.ts";
import { fetchObservations } from "../lib/data.ts";
import { dashboardsApi, specQuery, type VizSpec } from "../lib/dashboards.ts";
import { messageOf } from "../lib/http.ts";
import { currentLocation, navigate } from "../lib/router.ts";
import { durationMs } from "../lib/format.ts";
import { useStore } from "../lib/store.ts";
import { useAsync } from "../lib/use_async.ts";

/** The built-in dashboard page. */
export default function BuiltinPage({ params }: { params: Record<string, string> }) {
  const board = useAsync(() => dashboardsApi.builtin(params.uid), [params.uid]);
  const user = useStore(currentUser);
  const { range, problem } = parseBoardRange(useStore(currentLocation).query);
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
      <RangeProblem problem={problem} />
      <BoardRangePicker
        range={range}
        onChange={(next) => navigate(`/dashboards/builtin/${params.uid}${boardRangeQuery(next)}`)}
      />
      <ErrorNote message={error} />
      <PanelGrid
        items={board.data.panels.map((p) => ({
          id: p.id,
          title: p.spec.title,
          grid: p.grid,
          body: (grid) => (
            <SpecData
              spec={following(p.spec, range)}
              pinned={isPinned(p.spec)}
              height={plotHeight(grid) - 24}
            />
          ),
        }))}
      />
    </>
  );
}

/** The spec a panel draws: its own when pinned or when the board has no range. */
function following(spec: VizSpec, range: BoardRange | null): VizSpec {
  if (!range || isPinned(spec)) return spec;
  return { ...spec, range: boardRangeParams(range, Date.now()) };
}

function SpecData(
  { spec, pinned, height }: { spec: VizSpec; pinned: boolean; height: number },
) {
  const data = useAsync((signal) => fetchObservations(specQuery(spec), signal), [
    JSON.stringify(spec),
  ]);
  const now = Date.now();
  const r = spec.range;
  const window = "last" in r
    ? { start: now - durationMs(r.last), end: now }
    : { start: Date.parse(r.start), end: Date.parse(r.end) };
  if (data.error) return <ErrorNote message={data.error} />;
  if (!data.data) return <Loading />;
  return (
    <>
      <PanelWindow
        title={spec.title}
        start={new Date(window.start).toISOString()}
        end={new Date(window.end).toISOString()}
        pinned={pinned}
      />
      <SpecView spec={spec} data={data.data} height={height} />
    </>
  );
}
