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
import { drawnText, rangeText, SpecView } from "./spec_view.tsx";

/** Props of {@link AiCard}. */
export interface AiCardProps {
  dashboardId: string;
  /** Adds the previewed spec as a panel; `duplicate` when the same chart was already there. */
  onAdd: (spec: VizSpec) => Promise<{ duplicate: boolean }>;
}

const PROVIDER = { bedrock: "the language model", rules: "the rule-based parser" };

/** The card. */
export function AiCard({ dashboardId, onAdd }: AiCardProps) {
  const [text, setText] = useState("");
  const [answer, setAnswer] = useState<VizAnswer>();
  const [error, setError] = useState<string>();
  const [said, say] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (job: () => Promise<void>, clearOnError: boolean) => {
    setBusy(true);
    setError(undefined);
    say(undefined);
    try {
      await job();
    } catch (err) {
      // A failed request leaves no stale preview (and no "Add") behind.
      if (clearOnError) setAnswer(undefined);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const preview = (e: SubmitEvent) => {
    e.preventDefault();
    setAnswer(undefined);
    run(async () => setAnswer(await dashboardsApi.preview(text.trim(), dashboardId)), true);
  };
  const add = () =>
    run(async () => {
      const { duplicate } = await onAdd(answer!.spec);
      say(
        duplicate
          ? `"${answer!.spec.title}" is already on this dashboard; nothing was added.`
          : `Added "${answer!.spec.title}".`,
      );
      setAnswer(undefined);
      setText("");
    }, false);

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
      <p class="muted" role="status">{said}</p>
      {answer
        ? (
          <div class="ai-preview" aria-live="polite">
            <h3>{answer.spec.title}</h3>
            <p class="muted">
              {answer.spec.chart} of {drawnText(answer.spec)}, {rangeText(answer.spec)}; read by
              {" "}
              {PROVIDER[answer.provider]}
              {answer.fallback_reason ? ` (${answer.fallback_reason.replace(/_/g, " ")})` : ""}
            </p>
            <SpecView
              spec={answer.spec}
              data={answer.preview.series}
              table={answer.preview.table}
              height={200}
            />
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
