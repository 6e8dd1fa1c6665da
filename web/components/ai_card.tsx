/**
 * The AI card: a plain-English request becomes a chart spec, previewed with
 * its data and the SQL that read it, and added to the dashboard on request.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { dashboardsApi, type VizAnswer, type VizSpec } from "../lib/dashboards.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";
import { rangeText, SpecView } from "./spec_view.tsx";

/** Props of {@link AiCard}. */
export interface AiCardProps {
  dashboardId: string;
  /** Adds the previewed spec as a panel. */
  onAdd: (spec: VizSpec) => Promise<void>;
}

const PROVIDER = { bedrock: "the language model", rules: "the rule-based parser" };

/** The card. */
export function AiCard({ dashboardId, onAdd }: AiCardProps) {
  const [text, setText] = useState("");
  const [answer, setAnswer] = useState<VizAnswer>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (job: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await job();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const preview = (e: SubmitEvent) => {
    e.preventDefault();
    run(async () => setAnswer(await dashboardsApi.preview(text.trim(), dashboardId)));
  };
  const add = () =>
    run(async () => {
      await onAdd(answer!.spec);
      setAnswer(undefined);
      setText("");
    });

  return (
    <section class="card ai-card" aria-labelledby="ai-card-title">
      <h2 id="ai-card-title">Ask for a chart</h2>
      <form class="stack" onSubmit={preview}>
        <label>
          Describe the chart in plain English
          <textarea
            name="request"
            value={text}
            placeholder="e.g. daily average west hub price over the last 90 days"
            onInput={(e) => setText(e.currentTarget.value)}
            required
          />
        </label>
        <div class="row">
          <button type="submit" disabled={busy || !text.trim()}>Preview</button>
          {answer
            ? (
              <button type="button" class="primary" disabled={busy} onClick={add}>
                Add to dashboard
              </button>
            )
            : null}
        </div>
      </form>
      <ErrorNote message={error} />
      {answer
        ? (
          <div class="ai-preview" aria-live="polite">
            <h3>{answer.spec.title}</h3>
            <p class="muted">
              {answer.spec.chart} of {answer.spec.series.join(", ")},{" "}
              {rangeText(answer.spec)}; read by {PROVIDER[answer.provider]}
              {answer.fallback_reason ? ` (${answer.fallback_reason.replace(/_/g, " ")})` : ""}
            </p>
            <SpecView spec={answer.spec} data={answer.preview.series} height={200} />
            <details>
              <summary>SQL</summary>
              <pre>{answer.sql}</pre>
              <pre>{JSON.stringify(answer.sql_params)}</pre>
            </details>
          </div>
        )
        : null}
    </section>
  );
}
