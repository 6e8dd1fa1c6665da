/**
 * Adding a panel by hand: series from the catalog, a chart kind, a range
 * ("last N", or from/to dates in Central time, which pins the panel to that
 * window), an optional expression over keys with its label, and a title
 * become a VizSpec; or, instead of series, a cross-section table of a price
 * family (every point at the end of the range, or the top N over it).
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { VizSpec } from "../lib/dashboards.ts";
import { boardWindow, centralDateText } from "../lib/board_range.ts";
import { PRESETS } from "../lib/explore_state.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";
import { SeriesPicker } from "./series_picker.tsx";
import { CHARTS } from "../../domain/charts.ts";
import { MAX_TABLE_ROWS } from "../../domain/cross_section.ts";
import {
  crossSection,
  CrossSectionFields,
  crossTitle,
  FIRST_CHOICE,
  KindField,
  type PanelKind,
} from "./cross_section_fields.tsx";

/** The form; `onAdd` saves the spec. */
export function ManualPanel(
  { onAdd }: { onAdd: (spec: VizSpec) => Promise<{ duplicate: boolean }> },
) {
  const [kind, setKind] = useState<PanelKind>("series");
  const [choice, setChoice] = useState(FIRST_CHOICE);
  const [series, setSeries] = useState<string[]>([]);
  const [chart, setChart] = useState<VizSpec["chart"]>("line");
  const [last, setLast] = useState("P1D");
  const [title, setTitle] = useState("");
  const [expr, setExpr] = useState("");
  const [exprLabel, setExprLabel] = useState("");
  const [from, setFrom] = useState(() => centralDateText(Date.now() - 7 * 86_400_000));
  const [to, setTo] = useState(() => centralDateText(Date.now()));
  const [error, setError] = useState<string>();
  const [said, say] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    say(undefined);
    if (last === "dates" && (!from || !to || from > to)) {
      return setError(from && to ? `From ${from} is after To ${to}` : "Give both dates");
    }
    const table = kind !== "series";
    if (
      kind === "top" && !(Number.isInteger(choice.n) && choice.n >= 1 && choice.n <= MAX_TABLE_ROWS)
    ) {
      return setError(`How many: give a whole number from 1 to ${MAX_TABLE_ROWS}`);
    }
    const formula = table ? "" : expr.trim();
    const named = exprLabel.trim();
    if (formula && !named) return setError("Give the expression a label");
    setBusy(true);
    setError(undefined);
    try {
      const name = title.trim() ||
        (table ? crossTitle(kind, choice) : [...series, ...formula ? [named] : []].join(", "));
      const { duplicate } = await onAdd({
        version: 1,
        title: name,
        chart: table ? "table" : chart,
        series: table ? [] : formula ? [...series, { expr: formula, label: named }] : series,
        ...table ? { cross_section: crossSection(kind, choice) } : {},
        range: last === "dates" ? datesRange(from, to) : { last },
        resolution: "auto",
        agg: "avg",
        stacked: !table && chart === "area" && series.length > 1,
      });
      say(duplicate ? `"${name}" is already on this dashboard; nothing was added.` : undefined);
      setSeries([]);
      setTitle("");
      setExpr("");
      setExprLabel("");
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
        <KindField kind={kind} onChange={setKind} />
        {kind === "series"
          ? (
            <>
              <SeriesPicker selected={series} onChange={setSeries} />
              <div class="row">
                <label>
                  Expression (optional)
                  <input
                    name="panel-expr"
                    value={expr}
                    maxLength={500}
                    placeholder="spp.rt.lz_west - spp.rt.hb_west"
                    onInput={(e) => setExpr(e.currentTarget.value)}
                  />
                </label>
                <label>
                  Expression label
                  <input
                    name="panel-expr-label"
                    value={exprLabel}
                    maxLength={80}
                    placeholder="West basis"
                    onInput={(e) => setExprLabel(e.currentTarget.value)}
                  />
                </label>
              </div>
            </>
          )
          : <CrossSectionFields kind={kind} choice={choice} onChange={setChoice} />}
        <div class="row">
          {kind === "series"
            ? (
              <label>
                Chart
                <select
                  value={chart}
                  onChange={(e) => setChart(e.currentTarget.value as VizSpec["chart"])}
                >
                  {CHARTS.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </label>
            )
            : null}
          <label>
            Range
            <select value={last} onChange={(e) => setLast(e.currentTarget.value)}>
              {PRESETS.map(([v, label]) => <option key={v} value={v}>last {label}</option>)}
              <option value="dates">from/to dates (pinned)</option>
            </select>
          </label>
          {last === "dates"
            ? (
              <>
                <label>
                  From (Central)
                  <input
                    type="date"
                    name="panel-from"
                    value={from}
                    onInput={(e) => setFrom(e.currentTarget.value)}
                  />
                </label>
                <label>
                  To (Central)
                  <input
                    type="date"
                    name="panel-to"
                    value={to}
                    onInput={(e) => setTo(e.currentTarget.value)}
                  />
                </label>
              </>
            )
            : null}
          <label>
            Title
            <input value={title} maxLength={120} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
        </div>
        <ErrorNote message={error} />
        <p class="muted" role="status">{said}</p>
        <button
          type="submit"
          disabled={busy || (kind === "series" && !(series.length || expr.trim()))}
        >
          Add panel
        </button>
      </form>
    </section>
  );
}

/** The absolute range of Central dates `from` through `to`, both days included. */
function datesRange(from: string, to: string): { start: string; end: string } {
  const w = boardWindow({ kind: "dates", from, to }, Date.now());
  return { start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() };
}
