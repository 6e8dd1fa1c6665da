/**
 * `deno task backfill <feed-id> --from YYYY-MM-DD --to YYYY-MM-DD [--resource-nodes]`:
 * fills a MIS feed's history from the ERCOT Public API archive, for documents
 * posted on those Central-time days, into the configured database. Needs
 * `ERCOT_API_USERNAME`, `ERCOT_API_PASSWORD` and `ERCOT_API_SUBSCRIPTION_KEY`.
 *
 * Progress (documents done/total, rows, rate, ETA) is rewritten in place on a
 * terminal and printed every 10 % otherwise. Ctrl-C stops after the current
 * document; the same command resumes. Exit 0 when every document is stored,
 * 1 when some failed or the run stopped, 2 on bad usage or missing
 * credentials, 130 when interrupted. Each stored document is published on the
 * event bus as an ingest run publishes it, so running servers see it.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../config.ts";
import { prepareDatabase } from "../db/setup.ts";
import { createHttpClient } from "../ingest/http.ts";
import { createPublicApiClient } from "../ingest/public_api.ts";
import {
  backfillFeed,
  type BackfillProgress,
  type BackfillSummary,
  parseBackfillRange,
  runBackfill,
} from "../ingest/backfill.ts";
import { ValidationError } from "../domain/errors.ts";
import { SETTLEMENT_POINT_SCOPES, type SettlementPoints } from "../ingest/feeds/points.ts";
import { createEventBus } from "../bus/events.ts";
import { afterStored } from "../ingest/service.ts";
import { metrics } from "../metrics.ts";

const USAGE =
  "Usage: deno task backfill <feed-id> --from YYYY-MM-DD --to YYYY-MM-DD [--settlement-points hubs|zones|all]";

/** The parsed command line. */
export interface BackfillArgs {
  feed: string;
  from: string;
  to: string;
  /** `--settlement-points`; the deprecated `--resource-nodes` means `all`. */
  settlementPoints?: SettlementPoints;
  /** A deprecation warning to print, when the old flag was used. */
  warning?: string;
}

/** Reads the command line; bad usage is a `ValidationError` ending with the usage. */
export function parseBackfillArgs(args: string[]): BackfillArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        "settlement-points": { type: "string" },
        "resource-nodes": { type: "boolean" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new ValidationError(`${(err as Error).message.split("\n")[0]}. ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new ValidationError(`Expected one feed id, got ${positionals.length}. ${USAGE}`);
  }
  if (!values.from || !values.to) throw new ValidationError(`Missing --from or --to. ${USAGE}`);
  const feed = positionals[0];
  const scope = values["settlement-points"] ?? (values["resource-nodes"] ? "all" : undefined);
  if (scope !== undefined && !(SETTLEMENT_POINT_SCOPES as readonly string[]).includes(scope)) {
    throw new ValidationError(
      `--settlement-points must be one of ${
        SETTLEMENT_POINT_SCOPES.join(", ")
      }, got "${scope}". ${USAGE}`,
    );
  }
  return {
    feed,
    from: values.from,
    to: values.to,
    settlementPoints: scope as SettlementPoints | undefined,
    warning: values["resource-nodes"]
      ? "backfill: --resource-nodes is deprecated, use --settlement-points all (or INGEST_SETTLEMENT_POINTS=all)"
      : undefined,
  };
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}h${two(m)}m` : m > 0 ? `${m}m${two(sec)}s` : `${sec}s`;
}

/**
 * One progress line: documents done/total, rows, this run's rate and the ETA.
 *
 * @example formatProgress(p) // "np4_188 12/40 documents (30%), 1,234 rows, 28.5/min, ETA 59s"
 */
export function formatProgress(p: BackfillProgress): string {
  const pct = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
  const handled = p.done - p.skipped;
  const perMinute = p.elapsedMs > 0 ? handled / (p.elapsedMs / 60_000) : 0;
  const eta = perMinute > 0 ? duration(((p.total - p.done) / perMinute) * 60_000) : "unknown";
  const failed = p.failed > 0 ? `, ${p.failed} failed` : "";
  return `${p.feed} ${p.done}/${p.total} documents (${pct}%)${failed}, ` +
    `${p.rows.toLocaleString("en-US")} rows, ${perMinute.toFixed(1)}/min, ETA ${eta}`;
}

/** Where progress goes. */
export interface ProgressSink {
  write(text: string): void;
  /** A terminal: the line is rewritten in place with `\r`. */
  tty: boolean;
}

/**
 * A progress printer: on a terminal every update rewrites one line; otherwise
 * a line is printed each time another 10 % is done. `end()` closes the line.
 */
export function createProgressPrinter(sink: ProgressSink): {
  update(p: BackfillProgress): void;
  end(): void;
} {
  let lastDecile = -1;
  let open = false;
  return {
    update(p) {
      if (sink.tty) {
        sink.write(`\r${formatProgress(p)}\x1b[K`);
        open = true;
        return;
      }
      const decile = p.total === 0 ? 10 : Math.floor((p.done * 10) / p.total);
      if (decile > lastDecile) sink.write(`${formatProgress(p)}\n`);
      lastDecile = Math.max(lastDecile, decile);
    },
    end() {
      if (open) sink.write("\n");
      open = false;
    },
  };
}

/** The closing line of a run. */
export function formatSummary(s: BackfillSummary): string {
  const line = `${s.feed} backfill ${s.from}..${s.to}: ${s.status}, ${s.done}/${s.total} ` +
    `documents (${s.skipped} already stored, ${s.failed} failed), ` +
    `${s.rows.toLocaleString("en-US")} rows in ${duration(s.elapsedMs)}`;
  const firstFailure = s.documents.find((d) => d.error)?.error;
  return [line, s.error, firstFailure].filter(Boolean).join("\n");
}

/** What the command needs from its process. */
export interface BackfillIo {
  env: Record<string, string | undefined>;
  stdout: ProgressSink;
  stderr: (line: string) => void;
  signal?: AbortSignal;
}

/** Runs the command; returns the exit code. */
export async function backfillCommand(args: string[], io: BackfillIo): Promise<number> {
  let request: BackfillArgs;
  let config: Config;
  try {
    request = parseBackfillArgs(args);
    backfillFeed(request.feed);
    parseBackfillRange(request.from, request.to);
    config = loadConfig(io.env);
  } catch (err) {
    io.stderr(`backfill: ${(err as Error).message}`);
    return 2;
  }
  if (request.warning) io.stderr(request.warning);
  if (!config.ercotApi) {
    io.stderr(
      "backfill: the ERCOT Public API needs ERCOT_API_USERNAME, ERCOT_API_PASSWORD and ERCOT_API_SUBSCRIPTION_KEY to be set",
    );
    return 2;
  }
  const http = createHttpClient();
  const api = createPublicApiClient({ http, apiBase: config.ercotApiBaseUrl, ...config.ercotApi });
  const { db, migration } = await prepareDatabase(config);
  const printer = createProgressPrinter(io.stdout);
  const bus = createEventBus({ sql: db.sql, mode: db.mode });
  try {
    const onStored = afterStored(bus, metrics);
    const deps = { sql: db.sql, variant: migration.variant, api, signal: io.signal, onStored };
    const summary = await runBackfill(
      { ...deps, clock: () => new Date(), onProgress: printer.update },
      request.feed,
      { ...request, settlementPoints: request.settlementPoints ?? config.ingestSettlementPoints },
    );
    printer.end();
    io.stdout.write(`${formatSummary(summary)}\n`);
    if (io.signal?.aborted) return 130;
    return summary.status === "success" || summary.status === "empty" ? 0 : 1;
  } finally {
    await bus.close();
    await db.close();
  }
}

if (import.meta.main) {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) Deno.exit(130);
    console.error("\nbackfill: stopping after the current document (Ctrl-C again to quit now)");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", stop);
  const write = (text: string) => {
    let bytes = new TextEncoder().encode(text);
    while (bytes.length > 0) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
  };
  try {
    Deno.exit(
      await backfillCommand(Deno.args, {
        env: Deno.env.toObject(),
        stdout: { write, tty: Deno.stdout.isTerminal() },
        stderr: (line) => console.error(line),
        signal: controller.signal,
      }),
    );
  } catch (err) {
    console.error(`backfill: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
