/**
 * Adding a panel by hand: series from the catalog, a chart kind, a range and
 * a title become a VizSpec.
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { VizSpec } from "../lib/dashboards.ts";
import { PRESETS } from "../lib/explore_state.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";
import { SeriesPicker } from "./series_picker.tsx";

const CHARTS: VizSpec["chart"][] = ["line", "area", "bar", "stat", "gauge", "table", "scatter"];

/** The form; `onAdd` saves the spec. */
export function ManualPanel({ onAdd }: { onAdd: (spec: VizSpec) => Promise<void> }) {
  const [series, setSeries] = useState<string[]>([]);
  const [chart, setChart] = useState<VizSpec["chart"]>("line");
  const [last, setLast] = useState("P1D");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onAdd({
        version: 1,
        title: title.trim() || series.join(", "),
        chart,
        series,
        range: { last },
        resolution: "auto",
        agg: "avg",
        stacked: chart === "area" && series.length > 1,
      });
      setSeries([]);
      setTitle("");
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="manual-title">
      <h2 id="manual-title">Add a panel by hand</h2>
      <form class="stack" onSubmit={submit}>
        <SeriesPicker selected={series} onChange={setSeries} />
        <div class="row">
          <label>
            Chart
            <select
              value={chart}
              onChange={(e) => setChart(e.currentTarget.value as VizSpec["chart"])}
            >
              {CHARTS.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label>
            Range
            <select value={last} onChange={(e) => setLast(e.currentTarget.value)}>
              {PRESETS.map(([v, label]) => <option key={v} value={v}>last {label}</option>)}
            </select>
          </label>
          <label>
            Title
            <input value={title} maxLength={120} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
        </div>
        <ErrorNote message={error} />
        <button type="submit" disabled={busy || !series.length}>Add panel</button>
      </form>
    </section>
  );
}
