import assert from "node:assert/strict";
import type { FeedStatus } from "../../web/lib/data.ts";
import { feedsHealth, feedState } from "../../web/lib/feed_state.ts";

const feed = (over: Partial<FeedStatus>): FeedStatus => ({
  feed: "np6_905",
  title: "Settlement point prices",
  schedule: "*/15 * * * *",
  last_run_status: "success",
  last_run_at: "2026-06-25T05:40:00Z",
  last_success_at: "2026-06-25T05:40:00Z",
  last_data_at: "2026-06-25T05:40:00Z",
  lag_seconds: 60,
  stale: false,
  last_error: null,
  last_error_at: null,
  next_attempt_at: null,
  next_attempt_reason: null,
  consecutive_failures: 0,
  backoff_until: null,
  ...over,
});
const never = { last_run_status: null, last_run_at: null, last_success_at: null, stale: true };

Deno.test("feedState() calls a feed that never ran 'waiting', never late", () => {
  assert.equal(feedState(feed(never)), "waiting");
  assert.equal(feedState(feed({ stale: true })), "stale");
  assert.equal(feedState(feed({ last_run_status: "failed" })), "failed");
  assert.equal(feedState(feed({})), "live");
});

Deno.test("feedsHealth() is red naming failing feeds, amber naming late ones, calm when waiting", () => {
  assert.deepEqual(feedsHealth([feed({}), feed(never)]), { level: "ok", reason: "" });
  assert.deepEqual(feedsHealth([feed({ title: "Fuel mix", stale: true }), feed({})]), {
    level: "warn",
    reason: "late: Fuel mix",
  });
  const failing = ["A", "B", "C", "D"].map((title) =>
    feed({ title, last_run_status: "failed", last_error: "HTTP 503" })
  );
  assert.deepEqual(feedsHealth([...failing, feed({ stale: true })]), {
    level: "bad",
    reason: "failing: A, B, C and 1 more",
  });
});
