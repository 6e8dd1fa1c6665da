/**
 * Every feed's ingestion status from `/health/scrapers`: a one-line summary
 * (how many run on time, late or failing) that opens into a table with
 * each feed's last success, newest data and last error.
 *
 * @module
 */
import type { FeedStatus } from "../lib/data.ts";
import { formatInstant } from "../lib/format.ts";

const FAILED = new Set(["failed", "schema_changed", "partial"]);

function state(f: FeedStatus): "failed" | "stale" | "live" {
  if (f.last_run_status && FAILED.has(f.last_run_status)) return "failed";
  return f.stale ? "stale" : "live";
}

// Feed states describe the runs (late: no success within three posting periods); how old each
// value is shows on the tiles.
const LABEL = { live: "ok", stale: "late", failed: "failing" };

/** The summary and table. */
export function FeedHealth({ feeds }: { feeds: FeedStatus[] }) {
  if (!feeds.length) return null;
  const count = (s: string) => feeds.filter((f) => state(f) === s).length;
  return (
    <details class="card feed-health">
      <summary>
        Feeds: {count("live")} ok, {count("stale")} late, {count("failed")} failing
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
            const s = state(f);
            return (
              <tr key={f.feed}>
                <td>{f.title}</td>
                <td>
                  <span class={`badge badge-${s}`}>{LABEL[s]}</span>
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
