/**
 * `/shared/:token`: a dashboard someone shared, read-only and without an
 * account — "Read-only, shared by <name>", every panel with live data
 * (reloaded at the dashboard's refresh interval, every minute when it has
 * none), and no way to change anything. A revoked or unknown link says so
 * the next time it loads.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { PanelGrid, plotHeight } from "../components/panel_grid.tsx";
import { SpecView } from "../components/spec_view.tsx";
import { dashboardsApi } from "../lib/dashboards.ts";
import { ApiError, messageOf } from "../lib/http.ts";

type Board = Awaited<ReturnType<typeof dashboardsApi.shared>>;
type Data = Awaited<ReturnType<typeof dashboardsApi.sharedData>>;

interface State {
  board?: Board;
  data?: Data;
  gone?: boolean;
  error?: string;
}

const DEFAULT_REFRESH_SECONDS = 60;

function useShared(token: string): State {
  const [state, setState] = useState<State>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    Promise.all([
      dashboardsApi.shared(token, ctl.signal),
      dashboardsApi.sharedData(token, ctl.signal),
    ]).then(
      ([board, data]) => !ctl.signal.aborted && setState({ board, data }),
      (err) => {
        if (ctl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) setState({ gone: true });
        else setState((s) => ({ ...s, error: messageOf(err) }));
      },
    );
    return () => ctl.abort();
  }, [token, tick]);
  const seconds = state.board?.refresh_seconds ?? DEFAULT_REFRESH_SECONDS;
  useEffect(() => {
    if (state.gone) return;
    const timer = setInterval(() => setTick((n) => n + 1), seconds * 1000);
    return () => clearInterval(timer);
  }, [seconds, state.gone]);
  return state;
}

/** The shared dashboard page. */
export default function SharedPage({ params }: { params: Record<string, string> }) {
  const { board, data, gone, error } = useShared(params.token);
  if (gone) {
    return (
      <section class="shared-gone">
        <h1 tabIndex={-1}>This link was revoked or never existed</h1>
        <p>
          Whoever shared this dashboard has turned the link off, or the address is mistyped. Ask
          them for a new link, or go to the <a href="/">overview</a>.
        </p>
      </section>
    );
  }
  if (!board) {
    return (
      <>
        <h1 tabIndex={-1}>Shared dashboard</h1>
        {error ? <ErrorNote message={error} /> : <Loading />}
      </>
    );
  }
  const byPanel = new Map(data?.panels.map((p) => [p.panel_id, p]));
  return (
    <>
      <h1 tabIndex={-1}>{board.title}</h1>
      <p class="shared-banner" role="note">Read-only, shared by {board.shared_by}</p>
      <ErrorNote message={error} />
      {board.panels.length === 0 ? <p class="muted">This dashboard has no panels yet.</p> : null}
      <PanelGrid
        items={board.panels.map((p) => ({
          id: p.id,
          title: p.spec.title,
          grid: p.grid,
          body: (grid) => {
            const d = byPanel.get(p.id);
            return d
              ? <SpecView spec={p.spec} data={d.series} table={d.table} height={plotHeight(grid)} />
              : <Loading />;
          },
        }))}
      />
    </>
  );
}
