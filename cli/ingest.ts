/**
 * `deno task ingest [feed-id ...]`: runs the named feeds (default: all) once,
 * now, against the configured database and ERCOT source; prints a line per
 * feed and exits non-zero if any failed. Each stored document is published on
 * the event bus as the service publishes it, so running servers on the same
 * PostgreSQL database drop cached answers and stream the new rows.
 *
 * @module
 */
import { loadConfig } from "../config.ts";
import { prepareDatabase } from "../db/setup.ts";
import { FEED_IDS, type FeedId, isFeedId } from "../ingest/feeds/mod.ts";
import { createHttpClient } from "../ingest/http.ts";
import { runFeed, type RunSummary } from "../ingest/job.ts";
import { afterStored } from "../ingest/service.ts";
import { createEventBus } from "../bus/events.ts";
import { metrics } from "../metrics.ts";
import { AppError } from "../domain/errors.ts";

/** One line per feed run. */
export function formatRun(s: RunSummary): string {
  const docs = s.documents.length;
  const bad = s.documents.filter((d) => d.error).map((d) => d.error);
  const detail = s.error ?? bad[0];
  return `${s.feed.padEnd(14)} ${s.status.padEnd(14)} ${
    String(s.rows).padStart(7)
  } rows  ${docs} documents` +
    (detail ? `  ${detail}` : "");
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => !isFeedId(a));
  if (unknown.length) {
    console.error(`ingest: unknown feed "${unknown[0]}"; feeds are ${FEED_IDS.join(", ")}`);
    return 2;
  }
  const feeds: FeedId[] = args.length ? args as FeedId[] : [...FEED_IDS];
  const config = loadConfig(Deno.env.toObject());
  const { db, migration } = await prepareDatabase(config);
  const bus = createEventBus({ sql: db.sql, mode: db.mode });
  const deps = {
    sql: db.sql,
    variant: migration.variant,
    http: createHttpClient(),
    ercotBaseUrl: config.ercotBaseUrl,
    clock: () => new Date(),
    bus,
    onStored: afterStored(bus, metrics),
  };
  let failed = 0;
  try {
    for (const feed of feeds) {
      const s = await runFeed(deps, feed);
      console.log(formatRun(s));
      if (s.status === "failed" || s.status === "schema_changed" || s.status === "partial") {
        failed++;
      }
    }
  } finally {
    await bus.close();
    await db.close();
  }
  return failed ? 1 : 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    const message = err instanceof AppError ? err.message : (err as Error).message;
    console.error(`ingest: ${message}`);
    Deno.exit(1);
  }
}
