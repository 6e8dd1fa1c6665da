/**
 * `/alerts`: the account's rules (create, enable or disable, delete), the
 * built-in grid-condition rule, and recent events with acknowledgement.
 * New events arrive over the live feed.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { RuleForm } from "../components/rule_form.tsx";
import { type AlertRule, alertsApi, conditionText } from "../lib/alerts.ts";
import { formatInstant, formatValue } from "../lib/format.ts";
import { messageOf } from "../lib/http.ts";
import { subscribeLive } from "../lib/live.ts";
import { useAsync } from "../lib/use_async.ts";

/** The alerts page. */
export default function AlertsPage() {
  const rules = useAsync(() => alertsApi.rules(), []);
  const [error, setError] = useState<string>();
  const act = (job: () => Promise<unknown>) => {
    setError(undefined);
    job().then(rules.reload, (err) => setError(messageOf(err)));
  };
  return (
    <>
      <h1 tabIndex={-1}>Alerts</h1>
      <div class="two-col">
        <section aria-labelledby="rules-title">
          <h2 id="rules-title">Your rules</h2>
          <ErrorNote message={error ?? rules.error} />
          {rules.loading && !rules.data ? <Loading /> : null}
          {rules.data?.rules.length === 0 ? <p class="muted">No rules yet.</p> : null}
          <ul class="dash-list">
            {rules.data?.rules.map((r) => (
              <RuleCard
                key={r.id}
                rule={r}
                onToggle={() => act(() => alertsApi.setEnabled(r.id, !r.enabled))}
                onDelete={() =>
                  confirm(`Delete the rule "${r.name}" and its events?`) &&
                  act(() => alertsApi.remove(r.id))}
              />
            ))}
          </ul>
          <Builtins />
        </section>
        <RuleForm onCreated={rules.reload} />
      </div>
      <Events />
    </>
  );
}

function RuleCard(
  { rule, onToggle, onDelete }: { rule: AlertRule; onToggle: () => void; onDelete: () => void },
) {
  const status = rule.state?.status ?? "ok";
  const badge = status === "firing" ? "failed" : status === "pending" ? "stale" : "live";
  return (
    <li class="card">
      <h3>{rule.name}</h3>
      <p>
        <span class={`badge badge-${rule.enabled ? badge : "nodata"}`}>
          {rule.enabled ? status : "disabled"}
        </span>{" "}
        {rule.conditions.map(conditionText).join(rule.match === "all" ? " and " : " or ")}
      </p>
      <div class="row">
        <label class="check">
          <input type="checkbox" checked={rule.enabled} onChange={onToggle} /> Enabled
        </label>
        <button type="button" class="danger" onClick={onDelete}>Delete</button>
      </div>
    </li>
  );
}

function Builtins() {
  const list = useAsync(() => alertsApi.builtins(), []);
  const [error, setError] = useState<string>();
  const toggle = (id: string, on: boolean) =>
    alertsApi.subscribe(id, on).then(list.reload, (err) => setError(messageOf(err)));
  return (
    <section aria-labelledby="builtin-rules-title">
      <h2 id="builtin-rules-title">Built-in rules</h2>
      <ErrorNote message={error ?? list.error} />
      {list.data?.builtin.map((b) => (
        <div key={b.id} class="card">
          <h3>{b.name}</h3>
          <p class="muted">{b.description}</p>
          {b.current ? <p>Now: {b.current.label}, as of {formatInstant(b.current.as_of)}</p> : null}
          <label class="check">
            <input
              type="checkbox"
              checked={Boolean(b.subscription)}
              onChange={() => toggle(b.id, !b.subscription)}
            />{" "}
            Notify me
          </label>
        </div>
      ))}
    </section>
  );
}

function Events() {
  const events = useAsync(() => alertsApi.events(), []);
  const [error, setError] = useState<string>();
  useEffect(() => subscribeLive((e) => e.type === "alert" && events.reload()), []);
  const ack = (id: string) =>
    alertsApi.ack(id).then(events.reload, (err) => setError(messageOf(err)));
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">Recent events</h2>
      <ErrorNote message={error ?? events.error} />
      {events.data?.events.length === 0 ? <p class="muted">Nothing has fired.</p> : null}
      {events.data?.events.length
        ? (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Rule</th>
                <th scope="col">State</th>
                <th scope="col">Value</th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody aria-live="polite">
              {events.data.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatInstant(e.instant)}</td>
                  <td>{e.name}</td>
                  <td>
                    <span class={`badge badge-${e.state === "firing" ? "failed" : "live"}`}>
                      {e.state}
                    </span>
                  </td>
                  <td>{formatValue(e.value)}</td>
                  <td>
                    {e.acknowledged_at
                      ? formatInstant(e.acknowledged_at)
                      : <button type="button" onClick={() => ack(e.id)}>Acknowledge</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
        : null}
    </section>
  );
}
