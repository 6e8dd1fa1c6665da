/**
 * Creating an alert rule: a name, one condition (a threshold on a series,
 * or the series going stale) and where to send it (the live feed, and a
 * webhook if given; a generated webhook secret is shown once).
 *
 * @module
 */
import { useState } from "preact/hooks";
import {
  type AlertRule,
  alertsApi,
  type Condition,
  type NewRule,
  type Op,
  OPS,
} from "../lib/alerts.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";
import { SeriesPicker } from "./series_picker.tsx";

function conditionOf(data: FormData, series: string): Condition {
  if (data.get("type") === "stale") {
    return { type: "stale", series, minutes: Number(data.get("minutes")) };
  }
  const forText = String(data.get("for") ?? "").trim();
  return {
    type: "threshold",
    series,
    // The operator select's options are OPS.
    op: String(data.get("op")) as Op,
    value: Number(data.get("value")),
    ...(forText ? { for: forText } : {}),
  };
}

/** The form; `onCreated` receives the new rule. */
export function RuleForm({ onCreated }: { onCreated: (rule: AlertRule) => void }) {
  const [series, setSeries] = useState<string[]>([]);
  const [type, setType] = useState("threshold");
  const [error, setError] = useState<string>();
  const [secret, setSecret] = useState<string>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const hook = String(data.get("webhook") ?? "").trim();
    const channels: NewRule["channels"] = [
      { type: "sse" },
      ...(hook ? [{ type: "webhook" as const, url: hook }] : []),
    ];
    setError(undefined);
    setSecret(undefined);
    try {
      const rule = await alertsApi.create({
        name: String(data.get("name")).trim(),
        conditions: [conditionOf(data, series[0])],
        channels,
      });
      const generated = rule.channels.find((c) => c.type === "webhook" && c.secret);
      if (generated?.type === "webhook") setSecret(generated.secret);
      form.reset();
      setSeries([]);
      onCreated(rule);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="rule-form-title">
      <h2 id="rule-form-title">New rule</h2>
      <label>
        Name
        <input name="name" required maxLength={120} placeholder="e.g. Reserves below 2,500 MW" />
      </label>
      <SeriesPicker
        label="Series"
        selected={series}
        onChange={(keys) => setSeries(keys.slice(-1))}
      />
      <div class="row">
        <label>
          Condition
          <select name="type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="threshold">Threshold</option>
            <option value="stale">No new data</option>
          </select>
        </label>
        {type === "threshold"
          ? (
            <>
              <label>
                Operator
                <select name="op">
                  {OPS.map((o) => <option key={o} value={o}>{o.replace("_", " ")}</option>)}
                </select>
              </label>
              <label>
                Value
                <input name="value" type="number" step="any" required />
              </label>
              <label>
                For (optional)
                <input name="for" placeholder="PT15M" pattern="P.*" />
              </label>
            </>
          )
          : (
            <label>
              Minutes
              <input name="minutes" type="number" min={1} max={10080} required defaultValue="30" />
            </label>
          )}
      </div>
      <label>
        Webhook URL (optional; the live feed always gets it)
        <input name="webhook" type="url" placeholder="https://example.com/hook" />
      </label>
      <ErrorNote message={error} />
      {secret
        ? (
          <p role="alert">
            Webhook signing secret, shown once: <span class="secret">{secret}</span>
          </p>
        )
        : null}
      <button type="submit" class="primary" disabled={!series.length}>Create rule</button>
    </form>
  );
}
