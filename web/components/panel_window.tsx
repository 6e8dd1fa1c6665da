/**
 * The line above a dashboard panel's chart: the window it shows, a
 * "pinned" marker when it keeps its own window, and the pin toggle.
 *
 * @module
 */
import { formatInstant } from "../lib/format.ts";

/** Props of {@link PanelWindow}. */
export interface PanelWindowProps {
  title: string;
  start: string;
  end: string;
  pinned: boolean;
  /** Pins or unpins; absent on a read-only board. */
  onToggle?: () => void;
}

/** The window line. */
export function PanelWindow({ title, start, end, pinned, onToggle }: PanelWindowProps) {
  return (
    <p class="panel-window muted">
      <span class="panel-window-text">{formatInstant(start)} – {formatInstant(end)}</span>
      {pinned ? <span class="badge pin-badge" title="Keeps its own window">pinned</span> : null}
      {onToggle
        ? (
          <button
            type="button"
            class="link"
            aria-pressed={pinned}
            aria-label={pinned
              ? `Unpin ${title}: follow the dashboard range`
              : `Pin ${title} to the window it shows`}
            onClick={onToggle}
          >
            {pinned ? "Unpin" : "Pin"}
          </button>
        )
        : null}
    </p>
  );
}
