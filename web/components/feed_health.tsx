/**
 * Every feed's ingestion status from `/health/scrapers`: a one-line summary
 * (how many run on time, late, failing or are waiting for their first run)
 * that opens into a table with each feed's last success, newest data and last
 * error.
 *
 * @module
 */
import type { FeedStatus } from "../lib/data.ts";
import { type FeedState, feedState } from "../lib/feed_state.ts";
import { formatInstant } from "../lib/format.ts";

// Feed states describe the runs (late: no success within three posting periods); how old each
// value is shows on the tiles.
const LABEL: Record<FeedState, string> = {
  live: "ok",
  stale: "late",
  failed: "failing",
  waiting: "waiting for first run",
};

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
