/**
 * `/dashboards`: the user's dashboards (create, open, delete) and the
 * built-in ones, which anyone can open.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { currentUser } from "../lib/auth.ts";
import { dashboardsApi } from "../lib/dashboards.ts";
import { formatInstant } from "../lib/format.ts";
import { messageOf } from "../lib/http.ts";
import { navigate } from "../lib/router.ts";
import { useStore } from "../lib/store.ts";
import { useAsync } from "../lib/use_async.ts";

/** The dashboards page. */
export default function DashboardsPage() {
  const user = useStore(currentUser);
  return (
    <>
      <h1 tabIndex={-1}>Dashboards</h1>
      {user ? <Mine /> : user === null
        ? (
          <p>
            <a href="/signin?next=/dashboards">Sign in</a> to keep dashboards of your own.
          </p>
        )
        : null}
      <Builtins />
    </>
  );
}

function Mine() {
  const list = useAsync(() => dashboardsApi.list(), []);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string>();
  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const d = await dashboardsApi.create({ title: title.trim() });
      navigate(`/dashboards/${d.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const remove = async (id: string, name: string) => {
    if (!confirm(`Delete the dashboard "${name}" and its panels?`)) return;
    try {
      await dashboardsApi.remove(id);
      list.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <section aria-labelledby="mine-title">
      <h2 id="mine-title">Yours</h2>
      <form class="row" onSubmit={create}>
        <label>
          New dashboard title
          <input
            value={title}
            maxLength={120}
            required
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={!title.trim()}>Create dashboard</button>
      </form>
      <ErrorNote message={error ?? list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      <ul class="dash-list">
        {list.data?.dashboards.map((d) => (
          <li key={d.id} class="card">
            <h3>
              <a href={`/dashboards/${d.id}`}>{d.title}</a>
            </h3>
            <p class="muted">
              {d.panel_count} panels, changed {formatInstant(d.updated_at)}
            </p>
            <button type="button" class="danger" onClick={() => remove(d.id, d.title)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {list.data && !list.data.dashboards.length ? <p class="muted">No dashboards yet.</p> : null}
    </section>
  );
}

function Builtins() {
  const list = useAsync(() => dashboardsApi.builtins(), []);
  return (
    <section aria-labelledby="builtin-title">
      <h2 id="builtin-title">Built in</h2>
      <ErrorNote message={list.error} />
      <ul class="dash-list">
        {list.data?.dashboards.map((b) => (
          <li key={b.uid} class="card">
            <h3>
              <a href={`/dashboards/builtin/${b.uid}`}>{b.title}</a>
            </h3>
            <p class="muted">{b.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
