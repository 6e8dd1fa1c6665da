/**
 * Every feed's ingestion status from `/health/scrapers`: a one-line summary
 * (how many run on time, late, failing or are waiting for their first run)
 * that opens into a table with each feed's last success, newest data and last
 * error; and the overall health the live indicator shows.
 *
 * @module
 */
import type { FeedStatus } from "../lib/data.ts";
import { formatInstant } from "../lib/format.ts";

const FAILED = new Set(["failed", "schema_changed", "partial"]);

/** A feed's state: a feed that never ran is waiting, not late. */
export type FeedState = "failed" | "stale" | "live" | "waiting";

/** The state of `f`. */
export function feedState(f: FeedStatus): FeedState {
  if (f.last_run_status && FAILED.has(f.last_run_status)) return "failed";
  if (!f.last_run_at && !f.last_success_at) return "waiting";
  return f.stale ? "stale" : "live";
}

// Feed states describe the runs (late: no success within three posting periods); how old each
// value is shows on the tiles.
const LABEL: Record<FeedState, string> = {
  live: "ok",
  stale: "late",
  failed: "failing",
  waiting: "waiting for first run",
};

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

/** The summary and table. */
export function FeedHealth({ feeds }: { feeds: FeedStatus[] }) {
  if (!feeds.length) return null;
  const count = (s: FeedState) => feeds.filter((f) => feedState(f) === s).length;
  const waiting = count("waiting");
  return (
    <details class="card feed-health">
      <summary>
        Feeds: {count("live")} ok, {count("stale")} late, {count("failed")} failing
        {waiting ? `, ${waiting} waiting for first run` : ""}
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Feed</th>
            <th scope="col">State</th>
            <th scope="col">Last success</th>
            <th scope="col">Newest data</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {feeds.map((f) => {
            const s = feedState(f);
            return (
              <tr key={f.feed} data-feed={f.feed}>
                <td>{f.title}</td>
                <td>
                  <span class={`badge badge-${s === "waiting" ? "nodata" : s}`}>{LABEL[s]}</span>
                </td>
                <td>{formatInstant(f.last_success_at)}</td>
                <td>{formatInstant(f.last_data_at)}</td>
                <td>{f.last_error ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
