/**
 * Feed health, `GET /health/scrapers`: per ingest feed, the last success, the
 * newest data instant it wrote, the lag behind now, the last run and the last
 * error, when it is attempted next and why, its failure streak, and whether
 * this replica currently leads ingestion.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppDeps } from "./deps.ts";
import { FEED_IDS, type FeedId, FEEDS } from "../ingest/feeds/mod.ts";
import { feedCrons } from "../ingest/schedule.ts";

const Feed = z.object({
  feed: z.string(),
  title: z.string(),
  schedule: z.string(),
  last_run_status: z.string().nullable(),
  last_run_at: z.string().nullable(),
  last_success_at: z.string().nullable(),
  last_data_at: z.string().nullable(),
  lag_seconds: z.number().nullable(),
  stale: z.boolean(),
  last_error: z.string().nullable(),
  last_error_at: z.string().nullable(),
  next_attempt_at: z.string().nullable().openapi({
    description: "When this replica attempts the feed next: the sooner of its catch-up run at " +
      "start and its next cron tick, and while backing off the first tick after the back-off; " +
      "null when ingestion does not run here or the cron never fires again",
  }),
  next_attempt_reason: z.enum(["cron", "catch-up", "back-off"]).nullable(),
  consecutive_failures: z.number().int().openapi({
    description: "Failed runs in a row on this replica; 0 once the source answers again",
  }),
  backoff_until: z.string().nullable().openapi({
    description: "Ticks before this instant are not attempted (the source is failing)",
  }),
});

const Scrapers = z.object({
  ingest_enabled: z.boolean(),
  leader: z.boolean().nullable(),
  feeds: z.array(Feed),
}).openapi("Scrapers");

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Ingestion status per feed",
  responses: {
    200: { content: { "application/json": { schema: Scrapers } }, description: "Per-feed status" },
  },
});

interface Row {
  feed: string;
  last_run_status: string | null;
  last_run_at: Date | null;
  last_success_at: Date | null;
  last_data_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function attempt(deps: AppDeps, feed: FeedId) {
  if (!deps.ingest) {
    return {
      next_attempt_at: null,
      next_attempt_reason: null,
      consecutive_failures: 0,
      backoff_until: null,
    };
  }
  const next = deps.ingest.nextAttempt(feed);
  return {
    next_attempt_at: iso(next.at),
    next_attempt_reason: next.at ? next.reason : null,
    consecutive_failures: deps.ingest.attempts.state(feed).failures,
    backoff_until: iso(deps.ingest.attempts.backoffUntil(feed)),
  };
}

/** The feed health route (`/health/scrapers`). */
export function feedHealthRoutes(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const crons = feedCrons(deps.config.ingestSchedule);
  app.openapi(route, async (c) => {
    const rows = await deps.sql<Row[]>`
      select f.feed, l.status as last_run_status, l.started_at as last_run_at,
             s.finished_at as last_success_at, d.last_data_at, e.error as last_error,
             e.finished_at as last_error_at
      from unnest(${[...FEED_IDS]}::text[]) as f(feed)
      left join lateral (select status, started_at from ingest_runs
        where feed = f.feed order by started_at desc limit 1) l on true
      left join lateral (select finished_at from ingest_runs
        where feed = f.feed and status in ('success', 'empty') order by started_at desc limit 1) s on true
      left join lateral (select (details->>'last_data_at')::timestamptz as last_data_at from ingest_runs
        where feed = f.feed and details->>'last_data_at' is not null
        order by started_at desc limit 1) d on true
      left join lateral (select error, finished_at from ingest_runs
        where feed = f.feed and error is not null order by started_at desc limit 1) e on true`;
    const now = deps.clock().getTime();
    const feeds = rows.map((r) => {
      const feed = FEEDS[r.feed as FeedId];
      const lag = r.last_data_at ? Math.round((now - r.last_data_at.getTime()) / 1000) : null;
      // Stale: no success within three posting periods (and at least ten minutes).
      const window = Math.max(3 * feed.cadenceMinutes, 10) * 60_000;
      const stale = !r.last_success_at || now - r.last_success_at.getTime() > window;
      return {
        feed: r.feed,
        title: feed.title,
        schedule: crons[feed.id],
        last_run_status: r.last_run_status,
        last_run_at: iso(r.last_run_at),
        last_success_at: iso(r.last_success_at),
        last_data_at: iso(r.last_data_at),
        lag_seconds: lag,
        stale,
        last_error: r.last_error,
        last_error_at: iso(r.last_error_at),
        ...attempt(deps, feed.id),
      };
    });
    return c.json({
      ingest_enabled: deps.config.ingestEnabled,
      leader: deps.leader ? deps.leader.held : null,
      feeds,
    }, 200);
  });
  return app;
}
