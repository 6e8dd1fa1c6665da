/**
 * Alert rule logic, free of IO: what a condition means, and how a rule moves
 * between `ok`, `pending` and `firing` given fresh readings. The evaluator
 * (`alerts/evaluate.ts`) reads the data and stores the state; {@link step}
 * decides.
 *
 * - A threshold condition compares a value with `value` by `op`. The value is
 *   the newest observation at or before now (`agg: "last"`, no `window`), or
 *   `agg` over the `window` that ends at that observation, so series published
 *   late (hourly load) are judged on their newest data.
 * - `crosses_above` / `crosses_below` start only on an observed crossing (the
 *   previous value at or below, the current above) and then hold like `>` / `<`.
 * - `for` asks the condition to have held without a break for that long.
 * - A stale condition holds when no observation covers the last `minutes`.
 * - A firing rule resolves only once the combined condition is false with each
 *   threshold moved back past its threshold by its `deadband` (hysteresis).
 * - `cooldown` after a firing suppresses the next one until it has passed.
 *
 * @module
 */
import { durationMs } from "../domain/duration.ts";

/** Comparisons a threshold condition may use. */
export const OPS = [">", ">=", "<", "<=", "crosses_above", "crosses_below"] as const;
/** A comparison. */
export type Op = typeof OPS[number];
/** Aggregations over a condition's window. */
export const CONDITION_AGGS = ["avg", "min", "max", "last"] as const;
/** An aggregation. */
export type ConditionAgg = typeof CONDITION_AGGS[number];

/** `series op value`, optionally aggregated over `window`, held `for` a duration. */
export interface ThresholdCondition {
  type: "threshold";
  series: string;
  op: Op;
  value: number;
  agg: ConditionAgg;
  /** ISO 8601 duration the aggregate covers; absent for the newest value alone. */
  window?: string;
  /** ISO 8601 duration the condition must hold before the rule fires. */
  for?: string;
  /** How far back past the threshold the value must move to resolve (0). */
  deadband: number;
}

/** Holds when `series` has no observation covering the last `minutes`. */
export interface StaleCondition {
  type: "stale";
  series: string;
  minutes: number;
}

/** One condition of a rule. */
export type Condition = ThresholdCondition | StaleCondition;

/** What {@link step} needs of a rule. */
export interface RuleLogic {
  match: "all" | "any";
  conditions: Condition[];
  /** ISO 8601 duration after a firing during which the rule cannot fire again. */
  cooldown?: string | null;
}

/** A threshold condition's data: the aggregate now and one observation earlier. */
export interface ThresholdReading {
  value: number | null;
  previous: number | null;
  /** Instant of the newest observation used. */
  at: Date | null;
}

/** A stale condition's data: the end of the newest observation's interval. */
export interface StaleReading {
  newestEnd: Date | null;
}

/** The reading for a condition, by its index. */
export type Reading = ThresholdReading | StaleReading;

/** One condition's stored state (JSON). */
export interface ConditionState {
  /** ISO instant since which it has held, or null. */
  since: string | null;
  value: number | null;
  met: boolean;
}

/** Where a rule stands. */
export interface RuleState {
  status: "ok" | "pending" | "firing";
  pendingSince: Date | null;
  firingSince: Date | null;
  lastFiredAt: Date | null;
  lastResolvedAt: Date | null;
  lastValue: number | null;
  conditions: ConditionState[];
}

/** The state of a rule never evaluated. */
export const INITIAL_STATE: RuleState = Object.freeze({
  status: "ok",
  pendingSince: null,
  firingSince: null,
  lastFiredAt: null,
  lastResolvedAt: null,
  lastValue: null,
  conditions: [],
});

/** What one evaluation decided. */
export interface StepResult {
  state: RuleState;
  /** Set when the rule fired or resolved on this evaluation. */
  transition: "firing" | "resolved" | null;
  /** The value reported with the outcome. */
  value: number | null;
  /** True when the rule would have fired but its cooldown had not passed. */
  suppressed: boolean;
}

/** Whether `value op threshold` holds for a plain comparison (crossings compare as `>` / `<`). */
export function compare(op: Op, value: number, threshold: number): boolean {
  switch (op) {
    case ">":
    case "crosses_above":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
    case "crosses_below":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

/** Whether `value` has moved back past the condition's threshold by its deadband. */
export function cleared(c: ThresholdCondition, value: number): boolean {
  switch (c.op) {
    case ">":
    case "crosses_above":
      return value <= c.value - c.deadband;
    case ">=":
      return value < c.value - c.deadband;
    case "<":
    case "crosses_below":
      return value >= c.value + c.deadband;
    case "<=":
      return value > c.value + c.deadband;
  }
}

/** The distinct series a rule's conditions read. */
export function conditionSeries(conditions: readonly Condition[]): string[] {
  return [...new Set(conditions.map((c) => c.series))];
}

/** Whether time alone can change the rule's outcome: a `for` duration or a stale condition. */
export function isTimed(conditions: readonly Condition[]): boolean {
  return conditions.some((c) => c.type === "stale" || c.for !== undefined);
}

/**
 * A condition in words.
 *
 * @example describeCondition({ type: "stale", series: "gen.wind", minutes: 10 })
 * // "gen.wind has no data for 10 minutes"
 */
export function describeCondition(c: Condition): string {
  if (c.type === "stale") return `${c.series} has no data for ${c.minutes} minutes`;
  const subject = c.window ? `${c.agg}(${c.series}, ${c.window})` : c.series;
  const op = c.op.replace("_", " ");
  return `${subject} ${op} ${c.value}${c.for ? ` for ${c.for}` : ""}`;
}

interface Judged {
  met: boolean;
  ready: boolean;
  holding: boolean;
  since: Date | null;
  value: number | null;
}

function judgeThreshold(
  c: ThresholdCondition,
  r: ThresholdReading,
  prev: ConditionState | undefined,
  now: Date,
): Judged {
  if (r.value === null) {
    return { met: false, ready: false, holding: false, since: null, value: null };
  }
  let met = compare(c.op, r.value, c.value);
  if (c.op === "crosses_above" || c.op === "crosses_below") {
    const crossed = r.previous !== null && !compare(c.op, r.previous, c.value);
    met &&= crossed || prev?.met === true;
  }
  const since = met ? (prev?.since ? new Date(prev.since) : now) : null;
  const forMs = c.for ? durationMs(c.for) ?? 0 : 0;
  const ready = since !== null && now.getTime() - since.getTime() >= forMs;
  return { met, ready, holding: !cleared(c, r.value), since, value: r.value };
}

function judgeStale(
  c: StaleCondition,
  r: StaleReading,
  prev: ConditionState | undefined,
  now: Date,
): Judged {
  const ageMs = r.newestEnd ? now.getTime() - r.newestEnd.getTime() : null;
  const met = ageMs === null || ageMs > c.minutes * 60_000;
  const since = met ? (prev?.since ? new Date(prev.since) : now) : null;
  const value = ageMs === null ? null : Math.round(ageMs / 6000) / 10;
  return { met, ready: met, holding: met, since, value };
}

function judge(c: Condition, r: Reading, prev: ConditionState | undefined, now: Date): Judged {
  return c.type === "stale"
    ? judgeStale(c, r as StaleReading, prev, now)
    : judgeThreshold(c, r as ThresholdReading, prev, now);
}

function combine(match: "all" | "any", flags: boolean[]): boolean {
  return match === "all" ? flags.every(Boolean) : flags.some(Boolean);
}

function firstValue(judged: Judged[], pick: (j: Judged) => boolean): number | null {
  return (judged.find((j) => pick(j) && j.value !== null) ?? judged.find((j) => j.value !== null))
    ?.value ?? null;
}

/**
 * One evaluation of a rule at `now`: the new state and whether it fired or
 * resolved. `readings[i]` belongs to `rule.conditions[i]`.
 */
export function step(rule: RuleLogic, prev: RuleState, readings: Reading[], now: Date): StepResult {
  const judged = rule.conditions.map((c, i) => judge(c, readings[i], prev.conditions[i], now));
  const conditions = judged.map((j) => ({
    since: j.since?.toISOString() ?? null,
    value: j.value,
    met: j.met,
  }));
  const base = { ...prev, conditions };
  if (prev.status === "firing") {
    if (combine(rule.match, judged.map((j) => j.holding))) {
      const value = firstValue(judged, (j) => j.holding);
      return { state: { ...base, lastValue: value }, transition: null, value, suppressed: false };
    }
    const value = firstValue(judged, (j) => !j.holding);
    const state: RuleState = {
      ...base,
      status: "ok",
      pendingSince: null,
      firingSince: null,
      lastResolvedAt: now,
      lastValue: value,
    };
    return { state, transition: "resolved", value, suppressed: false };
  }
  return stepNotFiring(rule, base, judged, now);
}

function stepNotFiring(rule: RuleLogic, base: RuleState, judged: Judged[], now: Date): StepResult {
  const ready = combine(rule.match, judged.map((j) => j.ready));
  const met = combine(rule.match, judged.map((j) => j.met));
  const value = firstValue(judged, (j) => (ready ? j.ready : j.met));
  const cooldownMs = rule.cooldown ? durationMs(rule.cooldown) ?? 0 : 0;
  const cooling = base.lastFiredAt !== null &&
    now.getTime() < base.lastFiredAt.getTime() + cooldownMs;
  if (ready && !cooling) {
    const state: RuleState = {
      ...base,
      status: "firing",
      pendingSince: null,
      firingSince: now,
      lastFiredAt: now,
      lastValue: value,
    };
    return { state, transition: "firing", value, suppressed: false };
  }
  const pending = ready || met;
  const state: RuleState = {
    ...base,
    status: pending ? "pending" : "ok",
    pendingSince: pending ? base.pendingSince ?? now : null,
    lastValue: value,
  };
  return { state, transition: null, value, suppressed: ready && cooling };
}
