/**
 * Range presets (last 6 h … 1 y) as toggle buttons, and a custom start/end
 * in the browser's time zone.
 *
 * @module
 */
import { useEffect, useId, useState } from "preact/hooks";
import { PRESETS } from "../lib/explore_state.ts";
import { toLocalInput } from "../lib/format.ts";

/** Props of {@link RangePicker}. */
export interface RangePickerProps {
  /** The active preset, or null for a custom window. */
  last: string | null;
  /** The window shown, epoch ms. */
  window: { start: number; end: number };
  onPreset: (last: string) => void;
  onCustom: (start: number, end: number) => void;
}

/** Why a custom From/To pair (datetime-local values) cannot be applied, or undefined when it can. */
export function rangeProblem(from: string, to: string): string | undefined {
  const [start, end] = [Date.parse(from), Date.parse(to)];
  if (!Number.isFinite(start)) return "Enter a complete From date and time";
  if (!Number.isFinite(end)) return "Enter a complete To date and time";
  if (start > end) return "From is later than To; pick a From before the To";
  if (start === end) return "From and To are the same instant; pick a From before the To";
  return undefined;
}

/** The range controls. */
export function RangePicker({ last, window, onPreset, onCustom }: RangePickerProps) {
  const [from, setFrom] = useState(toLocalInput(window.start));
  const [to, setTo] = useState(toLocalInput(window.end));
  useEffect(() => {
    setFrom(toLocalInput(window.start));
    setTo(toLocalInput(window.end));
  }, [window.start, window.end]);
  const problem = rangeProblem(from, to);
  const valid = !problem;
  const id = useId();
  return (
    <div class="range">
      <div role="group" aria-label="Range presets" class="button-group">
        {PRESETS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={last === value}
            onClick={() => onPreset(value)}
          >
            {label}
          </button>
        ))}
      </div>
      <form
        class="custom-range"
        onSubmit={(e) => (e.preventDefault(), valid && onCustom(Date.parse(from), Date.parse(to)))}
      >
        <label>
          From (your time){" "}
          <input
            type="datetime-local"
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </label>
        <label>
          To (your time){" "}
          <input type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!valid} aria-describedby={problem ? id : undefined}>
          Apply
        </button>
        {problem ? <p id={id} class="field-error" role="alert">{problem}</p> : null}
      </form>
    </div>
  );
}
