/**
 * Alerting inside the service process: the notifier, the evaluator, and the
 * two moments ingestion gives it — after each committed document, and a
 * minute tick on the ingest leader. Ingestion knows nothing of alerts: the
 * composition (main.ts) hands {@linkcode startAlerting}'s hooks to
 * `startIngestion`.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { Sql } from "../db/client.ts";
import type { EventBus } from "../bus/events.ts";
import { loadJwtSecret } from "../auth/tokens.ts";
import { log } from "../log/logger.ts";
import {
  type AlertEvaluator,
  alertTick,
  createAlertEvaluator,
  type Leader,
  type WrittenDocument,
} from "./evaluate.ts";
import { createNotifier } from "./notify.ts";

/** Options of {@linkcode startAlerting}. */
export interface AlertingOptions {
  sql: Sql;
  bus: EventBus;
  config: Pick<Config, "alertWebhookAllowPrivate" | "smtp" | "publicUrl" | "jwtSecret">;
  /** The current instant (default: the system clock). */
  clock?: () => Date;
}

/** Alerting as ingestion runs it: the shape of ingestion's hooks. */
export interface Alerting {
  evaluator: AlertEvaluator;
  /** Evaluates the rules reading the series a document wrote; never throws. */
  afterStored(e: WrittenDocument): Promise<void>;
  /** The `alerts` cron, every minute: timed rules, the grid condition, escalations; never throws. */
  minutely: { name: string; run(leader: Leader): Promise<void> };
  /** Stops the notifier's pending retries. */
  stop(): void;
}

/**
 * Creates the notifier and the evaluator over `sql`.
 *
 * @example
 * const alerting = startAlerting({ sql: db.sql, bus, config });
 * startIngestion({ ...opts, hooks: alerting });
 */
export function startAlerting(opts: AlertingOptions): Alerting {
  const notifier = createNotifier({
    sql: opts.sql,
    bus: opts.bus,
    allowPrivate: opts.config.alertWebhookAllowPrivate,
    smtp: opts.config.smtp,
    publicUrl: opts.config.publicUrl,
    ackSecret: () => loadJwtSecret(opts.sql, opts.config.jwtSecret, () => {}),
  });
  const clock = opts.clock ?? (() => new Date());
  const evaluator = createAlertEvaluator({ sql: opts.sql, clock, notifier });
  return {
    evaluator,
    afterStored: (e) => evaluator.afterIngest(e),
    minutely: {
      name: "alerts",
      run: async (leader) => {
        await alertTick(evaluator, leader).catch((err) =>
          log.error("Alert tick failed", { error: err })
        );
      },
    },
    stop: () => notifier.stop(),
  };
}
