/**
 * `/keys`: the account's API keys. A new key's secret is shown once, with a
 * copy button; keys can be revoked, and each shows its recent usage.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { ErrorNote, Loading } from "../components/notice.tsx";
import { client, ok } from "../lib/client.ts";
import type { components } from "../lib/api_schema.ts";
import { currentUser } from "../lib/auth.ts";
import { formatInstant } from "../lib/format.ts";
import { messageOf } from "../lib/http.ts";
import { useStore } from "../lib/store.ts";
import { useAsync } from "../lib/use_async.ts";

type ApiKey = components["schemas"]["ApiKey"];
type CreatedApiKey = components["schemas"]["CreatedApiKey"];
type Scope = components["schemas"]["NewApiKey"]["scopes"][number];

/** The API keys page. */
export default function KeysPage() {
  const keys = useAsync(() => ok(client.GET("/api/keys")), []);
  const [created, setCreated] = useState<CreatedApiKey>();
  const [error, setError] = useState<string>();
  const revoke = async (k: ApiKey) => {
    if (
      !confirm(`Revoke the key "${k.name}" (${k.prefix}…)? Programs using it will stop working.`)
    ) return;
    setError(undefined);
    try {
      await ok(client.DELETE("/api/keys/{id}", { params: { path: { id: k.id } } }));
      keys.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>API keys</h1>
      <p class="muted">
        Send a key as <code>X-API-Key</code> or <code>Authorization: Bearer</code>; see the{" "}
        <a href="/api/docs">API reference</a>.
      </p>
      <NewKey onCreated={(k) => (setCreated(k), keys.reload())} />
      {created ? <Secret created={created} onDone={() => setCreated(undefined)} /> : null}
      <ErrorNote message={error ?? keys.error} />
      {keys.loading && !keys.data ? <Loading /> : null}
      {keys.data?.keys.length === 0 ? <p class="muted">No keys yet.</p> : null}
      <ul class="dash-list" aria-label="Your keys">
        {keys.data?.keys.map((k) => <KeyCard key={k.id} k={k} onRevoke={() => revoke(k)} />)}
      </ul>
    </>
  );
}

function NewKey({ onCreated }: { onCreated: (k: CreatedApiKey) => void }) {
  const user = useStore(currentUser);
  const scopes = (user?.scopes ?? ["read"]).filter((s) => s !== "admin");
  const [error, setError] = useState<string>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const expires = String(data.get("expires") ?? "");
    setError(undefined);
    try {
      onCreated(
        await ok(client.POST("/api/keys", {
          body: {
            name: String(data.get("name")).trim(),
            // The form's checkboxes are the scope names.
            scopes: data.getAll("scope").map(String) as Scope[],
            expires_at: expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined,
          },
        })),
      );
      form.reset();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form class="card stack narrow" onSubmit={submit} aria-labelledby="new-key-title">
      <h2 id="new-key-title">Create a key</h2>
      <label>
        Name
        <input name="name" required maxLength={100} placeholder="e.g. trading notebook" />
      </label>
      <fieldset class="row">
        <legend>Scopes</legend>
        {scopes.map((s) => (
          <label key={s} class="check">
            <input type="checkbox" name="scope" value={s} defaultChecked={s === "read"} /> {s}
          </label>
        ))}
      </fieldset>
      <label>
        Expires (optional)
        <input name="expires" type="date" />
      </label>
      <ErrorNote message={error} />
      <button type="submit" class="primary">Create key</button>
    </form>
  );
}

function Secret(
  { created, onDone }: { created: { name: string; key: string }; onDone: () => void },
) {
  const [copied, setCopied] = useState("");
  const copy = () =>
    navigator.clipboard.writeText(created.key).then(
      () => setCopied("Copied to the clipboard"),
      () => setCopied("Copying failed: select the key and copy it"),
    );
  return (
    <section class="card" role="alert" aria-labelledby="secret-title">
      <h2 id="secret-title">Your new key "{created.name}"</h2>
      <p>This is the only time the key is shown. Store it somewhere safe now.</p>
      <p class="secret" data-secret>{created.key}</p>
      <div class="row">
        <button type="button" class="primary" onClick={copy}>Copy key</button>
        <button type="button" onClick={onDone}>I have stored it</button>
        <span aria-live="polite">{copied}</span>
      </div>
    </section>
  );
}

function KeyCard({ k, onRevoke }: { k: ApiKey; onRevoke: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <li class="card" data-key={k.prefix}>
      <h3>{k.name}</h3>
      <p>
        <code>{k.prefix}…</code>{" "}
        <span class={`badge badge-${k.status === "active" ? "live" : "nodata"}`}>{k.status}</span>
      </p>
      <p class="muted">
        {k.scopes.join(", ")}; created {formatInstant(k.created_at)}; last used{" "}
        {formatInstant(k.last_used_at)}
        {k.expires_at ? `; expires ${formatInstant(k.expires_at)}` : ""}
      </p>
      <div class="row">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>Usage</button>
        {k.status === "active"
          ? <button type="button" class="danger" onClick={onRevoke}>Revoke</button>
          : null}
      </div>
      {open ? <Usage id={k.id} /> : null}
    </li>
  );
}

function Usage({ id }: { id: string }) {
  const usage = useAsync(
    () => ok(client.GET("/api/keys/{id}/usage", { params: { path: { id } } })),
    [id],
  );
  if (usage.error) return <ErrorNote message={usage.error} />;
  if (!usage.data) return <Loading />;
  const hours = usage.data.hourly.reduce((n, h) => n + h.count, 0);
  return (
    <div>
      <p>{hours} requests in the last 48 hours.</p>
      {usage.data.daily.length
        ? (
          <table>
            <caption class="visually-hidden">Requests per UTC day</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">Requests</th>
              </tr>
            </thead>
            <tbody>
              {usage.data.daily.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
        : <p class="muted">Not used in the last 30 days.</p>}
    </div>
  );
}
