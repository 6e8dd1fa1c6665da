/**
 * Small shared pieces: an error notice (the API's `detail`, announced to
 * screen readers), a loading line and a freshness badge.
 *
 * @module
 */
import type { Freshness } from "../lib/data.ts";

/** An error message, announced; nothing when `message` is empty. */
export function ErrorNote({ message }: { message?: string }) {
  if (!message) return null;
  return <p class="error" role="alert">{message}</p>;
}

/** A loading line. */
export function Loading({ what = "Loading" }: { what?: string }) {
  return <p class="muted" aria-busy="true">{what}…</p>;
}

const BADGE_TEXT: Record<Freshness["kind"], string> = {
  live: "Live",
  stale: "Stale",
  failed: "Feed failed",
  nodata: "No data",
};

/** Live, stale, failed or no data, with the reason as a tooltip and for screen readers. */
export function FreshnessBadge({ freshness }: { freshness: Freshness }) {
  const why = "why" in freshness ? freshness.why : "Current data";
  return (
    <span class={`badge badge-${freshness.kind}`} title={why}>
      {BADGE_TEXT[freshness.kind]}
      <span class="visually-hidden">: {why}</span>
    </span>
  );
}
