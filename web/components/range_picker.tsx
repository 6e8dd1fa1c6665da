/**
 * Range presets (last 6 h … 1 y) as toggle buttons, and a custom start/end
 * in the browser's time zone.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
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

/** The range controls. */
export function RangePicker({ last, window, onPreset, onCustom }: RangePickerProps) {
  const [from, setFrom] = useState(toLocalInput(window.start));
  const [to, setTo] = useState(toLocalInput(window.end));
  useEffect(() => {
    setFrom(toLocalInput(window.start));
    setTo(toLocalInput(window.end));
  }, [window.start, window.end]);
  const valid = Date.parse(from) < Date.parse(to);
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
        <button type="submit" disabled={!valid}>Apply</button>
      </form>
    </div>
  );
}
