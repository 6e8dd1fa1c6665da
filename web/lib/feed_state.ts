/**
 * What a feed's status from `/health/scrapers` means: ok, late, failing, or
 * waiting for its first run (never "late"); and the worst of them all, with
 * the reason, for the overview's live indicator.
 *
 * @module
 */
import type { FeedStatus } from "./data.ts";

const FAILED = new Set(["failed", "schema_changed", "partial"]);

/** A feed's state: a feed that never ran is waiting, not late. */
export type FeedState = "failed" | "stale" | "live" | "waiting";

/** The state of `f`. */
export function feedState(f: FeedStatus): FeedState {
  if (f.last_run_status && FAILED.has(f.last_run_status)) return "failed";
  if (!f.last_run_at && !f.last_success_at) return "waiting";
  return f.stale ? "stale" : "live";
}

/** Overall feed health for the live indicator: the worst state and why, in words. */
export interface FeedsHealth {
  level: "ok" | "warn" | "bad";
  reason: string;
}

const titles = (fs: FeedStatus[]) =>
  fs.slice(0, 3).map((f) => f.title).join(", ") +
  (fs.length > 3 ? ` and ${fs.length - 3} more` : "");

/** Red when a feed fails, amber when one is late, else ok (waiting feeds are not a fault). */
export function feedsHealth(feeds: FeedStatus[]): FeedsHealth {
  const failed = feeds.filter((f) => feedState(f) === "failed");
  if (failed.length) return { level: "bad", reason: `failing: ${titles(failed)}` };
  const late = feeds.filter((f) => feedState(f) === "stale");
  if (late.length) return { level: "warn", reason: `late: ${titles(late)}` };
  return { level: "ok", reason: "" };
}
