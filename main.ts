/**
 * The service: config → database → migrate → app → serve.
 *
 * @module
 */
import { loadConfig, redact } from "./config.ts";
import { prepareDatabase } from "./db/setup.ts";
import { createApp } from "./routes/app.ts";
import { composeDeps, serveFetch } from "./routes/compose.ts";
import { startIngestion } from "./ingest/service.ts";
import { startAlerting } from "./alerts/service.ts";
import { AppError } from "./domain/errors.ts";
import { ensureWebBuild } from "./web/build.ts";
import { configureLogging, log } from "./log/logger.ts";
import { guardProcess } from "./db/guard.ts";
import { openReads } from "./db/read_pool.ts";

async function main(): Promise<void> {
  // A lost database connection is retried or reported where it happens; never fatal.
  guardProcess();
  const config = loadConfig(Deno.env.toObject());
  configureLogging({ level: config.logLevel, format: config.logFormat });
  const { db, capabilities, migration } = await prepareDatabase(config);
  const where = db.mode === "embedded"
    ? `embedded PGlite in ${db.location}`
    : `PostgreSQL at ${redact(db.location)}`;
  log.info(
    `database: ${where}; TimescaleDB ${
      capabilities.timescale ? capabilities.timescaleVersion : "not used"
    }; rollups ${migration.variant}; migration ${migration.version}` +
      (migration.applied.length ? ` (applied ${migration.applied.join(", ")})` : ""),
  );
  if (capabilities.timescaleNote) log.warn(capabilities.timescaleNote);
  // Data reads go to the streaming replicas of DATABASE_READ_URL; one that is down never stops start-up.
  const reads = await openReads(db.mode, { primary: db.sql, urls: config.databaseReadUrls, log });
  if (reads.replicas) {
    const up = reads.status().filter((r) => r.healthy).map((r) => r.name);
    log.info(`reads: ${reads.replicas} replica(s), answering now: ${up.join(", ") || "none"}`);
  }
  // Everything the routes and ingestion share, built once: one bus per process, the registry.
  const deps = composeDeps({
    config,
    sql: db.sql,
    database: db.mode,
    capabilities,
    migration,
    startedAt: new Date(),
    clock: () => new Date(),
  }, { readSql: reads });
  const { bus, metrics } = deps;
  // Alert rules are evaluated where ingestion runs: after each document, and every minute.
  const scheduler = config.ingestEnabled
    ? startIngestion({
      config,
      db,
      variant: migration.variant,
      bus,
      metrics,
      hooks: startAlerting({ sql: db.sql, bus, config }),
    })
    : undefined;
  if (scheduler) log.info(`ingestion: ${Object.keys(scheduler.crons).length} feeds scheduled`);
  const withIngest = { ...deps, leader: scheduler?.leader, ingest: scheduler };
  const app = createApp(withIngest);
  // A fresh clone has no web/dist: build the UI once; the API serves without it if that fails.
  await ensureWebBuild({ log: (line) => log.info(line) })
    .catch((err) => log.warn(`web: the UI is not built: ${(err as Error).message}`));
  const server = Deno.serve({
    port: config.port,
    hostname: config.host,
    onListen: ({ hostname, port }) =>
      log.info(`listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`),
  }, serveFetch(app, withIngest));
  const stop = async () => {
    scheduler?.stop();
    await scheduler?.leader.release();
    await bus.close();
    await server.shutdown();
    await reads.close();
    await db.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) {
  try {
    await main();
  } catch (err) {
    const message = err instanceof AppError ? err.message : String((err as Error)?.message ?? err);
    // The command's own answer, one plain line on stderr, as every CLI command gives it.
    Deno.stderr.writeSync(new TextEncoder().encode(`ercot-analytics: ${message}\n`));
    Deno.exit(1);
  }
}
