/**
 * The dashboard-wide range: "Panel ranges" (each panel its own), relative
 * presets, and from/to dates in Central time. Panels follow it unless
 * pinned.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import {
  BOARD_PRESETS,
  type BoardRange,
  boardRangeText,
  boardWindow,
  centralDateText,
} from "../lib/board_range.ts";
import { ErrorNote } from "./notice.tsx";

/** Props of {@link BoardRangePicker}. */
export interface BoardRangePickerProps {
  range: BoardRange | null;
  onChange: (range: BoardRange | null) => void;
}

const presetOf = (r: BoardRange | null) =>
  r === null ? "" : r.kind === "last" ? r.last : r.kind === "dates" ? null : r.kind;

/** The From and To dates (Central) a range covers now; empty for none. */
function datesOf(range: BoardRange | null): [string, string] {
  if (!range) return ["", ""];
  const w = boardWindow(range, Date.now());
  return [centralDateText(w.start), centralDateText(w.end - 1)];
}

/** The controls. */
export function BoardRangePicker({ range, onChange }: BoardRangePickerProps) {
  const [from, setFrom] = useState(() => datesOf(range)[0]);
  const [to, setTo] = useState(() => datesOf(range)[1]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const [f, t] = datesOf(range);
    setFrom(f);
    setTo(t);
    setError(undefined);
  }, [JSON.stringify(range)]);
  const active = presetOf(range);
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    if (!from || !to) return setError("Give both a From and a To date");
    if (from > to) return setError(`From ${from} is after To ${to}`);
    setError(undefined);
    onChange({ kind: "dates", from, to });
  };
  return (
    <section class="range board-range" aria-label="Dashboard time range">
      <div role="group" aria-label="Dashboard range presets" class="button-group">
        <button type="button" aria-pressed={active === ""} onClick={() => onChange(null)}>
          Panel ranges
        </button>
        {BOARD_PRESETS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={active === value}
            onClick={() =>
              onChange(
                value.startsWith("P") ? { kind: "last", last: value } : {
                  kind: value as "today",
                },
              )}
          >
            {label}
          </button>
        ))}
      </div>
      <form class="custom-range" onSubmit={apply}>
        <label>
          From (Central){" "}
          <input
            type="date"
            name="from"
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </label>
        <label>
          To (Central){" "}
          <input type="date" name="to" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit">Apply</button>
      </form>
      <ErrorNote message={error} />
      <p class="muted" aria-live="polite">
        {range
          ? `Every panel shows ${boardRangeText(range)} unless pinned.`
          : "Every panel shows its own range."}
      </p>
    </section>
  );
}

/** Says that the address's range was ignored, and what is shown instead. */
export function RangeProblem({ problem }: { problem?: string }) {
  if (!problem) return null;
  return (
    <p class="error" role="alert">
      The range in this page's address was ignored:{" "}
      {problem}. Every panel shows its own range instead; pick a range below.
    </p>
  );
}
