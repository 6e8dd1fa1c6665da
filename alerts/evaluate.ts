/**
 * Evaluating alert rules against the database: after each ingest for the
 * rules reading a series the document wrote, and every minute for rules that
 * time alone can change (`for` durations, staleness, cooldowns ending). Each
 * rule is evaluated in its own transaction holding its row lock, so edits and
 * concurrent evaluations wait; its state and any event commit together, and
 * only then are the channels notified. The decisions are `step()`'s, in
 * `alerts/rules.ts`. Evaluation runs where ingestion runs: on the leader.
 * A condition on a derived series is read through its SQL (`alerts/derived_reading.ts`) and
 * evaluated after a write to any of its inputs.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { type AlertEventRow, insertAlertEvents } from "./events_store.ts";
import {
  lockRule,
  ruleIdsForSeries,
  ruleIdsForTick,
  rulesReadingDerived,
  saveRuleState,
} from "./rules_store.ts";
import { readDerivedStale, readDerivedThreshold, readsDerivedOf } from "./derived_reading.ts";
import { derivedSeries } from "../domain/derived.ts";
import {
  type Condition,
  conditionSeries,
  describeCondition,
  type Reading,
  type StaleCondition,
  step,
  type ThresholdCondition,
  type ThresholdReading,
} from "./rules.ts";
import { durationMs } from "../domain/duration.ts";
import { checkGridCondition } from "./grid_status.ts";
import { escalateDue, firstEscalation } from "./escalate.ts";
import type { Notifier } from "./notify.ts";
import { log } from "../log/logger.ts";

/** What the evaluator needs. */
export interface EvaluatorDeps {
  sql: Sql;
  clock: () => Date;
  notifier: Notifier;
}

/**
 * A document ingestion committed, as the post-ingest hook reads it
 * (ingestion's `StoredEvent` is one): which series it wrote.
 */
export interface WrittenDocument {
  feed: string;
  docId: string;
  result: {
    /** Ids of the series it wrote rows to. */
    seriesIds: readonly number[];
    /** Series key → id for every series of the document. */
    ids: ReadonlyMap<string, number>;
  };
}

/** The ingest leader lock, as the minute tick asks it (ingestion's `LeaderLock` is one). */
export interface Leader {
  /** True when this process holds (or just took) the lock. */
  acquire(): Promise<boolean>;
}

/** Evaluates rules and the grid condition. */
export interface AlertEvaluator {
  /** Evaluates the enabled rules reading any of `keys`; resolves with the events raised. */
  evaluateSeries(keys: string[]): Promise<AlertEventRow[]>;
  /** The minute tick: timed and pending rules, the grid condition, and escalations due. */
  tick(): Promise<AlertEventRow[]>;
  /** The post-ingest hook: the series a document wrote, and the grid condition after daily_prc. Never throws. */
  afterIngest(e: WrittenDocument): Promise<void>;
  /** Resolves once webhook deliveries started so far have finished. */
  settled(): Promise<void>;
  /** Sends deliveries left pending by a stopped process or a former leader. */
  resumeDeliveries(): Promise<number>;
}

/**
 * Creates an evaluator.
 *
 * @example
 * const alerts = createAlertEvaluator({ sql, clock: () => new Date(), notifier });
 * await alerts.evaluateSeries(["reserves.prc"]);
 */
export function createAlertEvaluator(deps: EvaluatorDeps): AlertEvaluator {
  const evaluateIds = async (ids: string[]) => {
    const raised: AlertEventRow[] = [];
    for (const id of ids) {
      try {
        raised.push(...await evaluateRule(deps, id));
      } catch (err) {
        log.error(`Cannot evaluate alert rule ${id}`, { error: err });
      }
    }
    return raised;
  };
  const grid = async () => {
    const found = await checkGridCondition(deps.sql, deps.clock());
    for (const d of found?.dispatches ?? []) await deps.notifier.dispatch(d.event, d.channels);
    return found?.dispatches.map((d) => d.event) ?? [];
  };
  return {
    evaluateSeries: async (keys) => await evaluateIds(await ruleIdsReading(deps.sql, keys)),
    tick: async () => [
      ...await evaluateIds(await ruleIdsForTick(deps.sql)),
      ...await grid(),
      ...await escalateDue(deps.sql, deps.notifier, deps.clock()),
    ],
    afterIngest: async (e) => {
      try {
        const written = new Set(e.result.seriesIds);
        const keys = [...e.result.ids].filter(([, id]) => written.has(id)).map(([key]) => key);
        await evaluateIds(await ruleIdsReading(deps.sql, keys, e.feed));
        if (e.feed === "daily_prc") await grid();
      } catch (err) {
        log.error(`Cannot evaluate alerts after ${e.feed} document ${e.docId}`, { error: err });
      }
    },
    settled: () => deps.notifier.settled(),
    resumeDeliveries: () => deps.notifier.resume(),
  };
}

/**
 * Ids of enabled rules reading any of `keys`, directly or through a derived series computed from
 * one of them (the grid condition: from `feed`).
 */
async function ruleIdsReading(sql: Sql, keys: string[], feed?: string): Promise<string[]> {
  const direct = await ruleIdsForSeries(sql, keys);
  const written = new Set(keys);
  const derived = (await rulesReadingDerived(sql))
    .filter((r) => readsDerivedOf(r.series, written, feed)).map((r) => r.id);
  return [...new Set([...direct, ...derived])].sort();
}

/**
 * One minute tick when this process leads ingestion, then the deliveries left
 * pending elsewhere are resumed; "not-leader" otherwise.
 *
 * @example Deno.cron("alerts", "* * * * *", () => alertTick(alerts, leader).then(() => {}));
 */
export async function alertTick(
  alerts: AlertEvaluator,
  leader: Leader,
): Promise<AlertEventRow[] | "not-leader"> {
  if (!(await leader.acquire().catch(() => false))) return "not-leader";
  const raised = await alerts.tick();
  await alerts.resumeDeliveries();
  return raised;
}

async function evaluateRule(deps: EvaluatorDeps, id: string): Promise<AlertEventRow[]> {
  const now = deps.clock();
  const outcome = await deps.sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    const locked = await lockRule(tx, id);
    if (!locked) return null;
    const { rule, state } = locked;
    const readings: Reading[] = [];
    for (const c of rule.conditions) readings.push(await readCondition(tx, c, now));
    const result = step(rule, state, readings, now);
    await saveRuleState(tx, id, result.state, now);
    if (!result.transition) return null;
    const details = eventDetails(rule.conditions, readings, result.state.conditions);
    const [event] = await insertAlertEvents(tx, [{
      user_id: rule.user_id,
      rule_id: rule.id,
      builtin: null,
      name: rule.name,
      state: result.transition,
      value: result.value,
      instant: now,
      details: { match: rule.match, ...details },
    }], now);
    const escalateAt = result.transition === "firing"
      ? firstEscalation(rule.escalate_after, now)
      : null;
    if (!escalateAt) return { event, rule };
    const [due] = await tx<AlertEventRow[]>`
      update alert_events set next_escalation_at = ${escalateAt} where id = ${event.id}
      returning *`;
    return { event: due, rule };
  });
  if (!outcome) return [];
  const series = conditionSeries(outcome.rule.conditions);
  await deps.notifier.dispatch(outcome.event, outcome.rule.channels, series);
  return [outcome.event];
}

function eventDetails(
  conditions: Condition[],
  readings: Reading[],
  states: { value: number | null; met: boolean }[],
): Record<string, unknown> {
  return {
    conditions: conditions.map((c, i) => ({
      series: c.series,
      condition: describeCondition(c),
      value: states[i].value,
      met: states[i].met,
      at: "at" in readings[i] ? (readings[i] as ThresholdReading).at?.toISOString() ?? null : null,
    })),
  };
}

function readCondition(tx: Sql, c: Condition, now: Date): Promise<Reading> {
  const derived = derivedSeries(c.series);
  if (derived) {
    return c.type === "stale"
      ? readDerivedStale(tx, derived, now)
      : readDerivedThreshold(tx, c, derived, now);
  }
  return c.type === "stale" ? readStale(tx, c) : readThreshold(tx, c, now);
}

/** The end of the newest observation's interval (any instant: day-ahead data lies ahead). */
async function readStale(tx: Sql, c: StaleCondition): Promise<Reading> {
  const [row] = await tx<{ ts: Date | null; interval_seconds: number }[]>`
    select (select max(ts) from observations where series_id = s.id) as ts, s.interval_seconds
    from series s where s.key = ${c.series}`;
  if (!row?.ts) return { newestEnd: null };
  return { newestEnd: new Date(row.ts.getTime() + row.interval_seconds * 1000) };
}

/**
 * The value now (newest observation at or before `now`, or the aggregate over
 * the window ending there) and the same one observation earlier.
 */
async function readThreshold(tx: Sql, c: ThresholdCondition, now: Date): Promise<Reading> {
  const recent = await tx<{ id: number; ts: Date; value: number }[]>`
    select s.id, o.ts, o.value from series s
    join lateral (select ts, value from observations where series_id = s.id and ts <= ${now}
                  order by ts desc limit 2) o on true
    where s.key = ${c.series} order by o.ts desc`;
  const [newest, before] = recent;
  if (!newest) return { value: null, previous: null, at: null };
  if (c.agg === "last" || !c.window) {
    return { value: newest.value, previous: before?.value ?? null, at: newest.ts };
  }
  const w = durationMs(c.window)!;
  const prevEnd = (before ?? newest).ts;
  const curStart = new Date(newest.ts.getTime() - w);
  const [a] = await tx<Record<string, number | null>[]>`
    select
      avg(value) filter (where ts > ${curStart}) as cur_avg,
      min(value) filter (where ts > ${curStart}) as cur_min,
      max(value) filter (where ts > ${curStart}) as cur_max,
      avg(value) filter (where ts <= ${prevEnd}) as prev_avg,
      min(value) filter (where ts <= ${prevEnd}) as prev_min,
      max(value) filter (where ts <= ${prevEnd}) as prev_max
    from observations
    where series_id = ${newest.id} and ts > ${new Date(prevEnd.getTime() - w)}
      and ts <= ${newest.ts}`;
  return {
    value: a[`cur_${c.agg}`],
    previous: before ? a[`prev_${c.agg}`] : null,
    at: newest.ts,
  };
}
