/**
 * Alert rules and their evaluation state. Every read and write of a user's
 * rule names the owner, so another user's rule is simply not found.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../db/client.ts";
import {
  type Condition,
  conditionSeries,
  INITIAL_STATE,
  isTimed,
  type RuleState,
} from "./rules.ts";
import type { StoredChannel } from "./schemas.ts";
import { isKnownSeries } from "../domain/catalog.ts";
import { DERIVED_KEY_SOURCE } from "../domain/derived.ts";

/** The fields a client sets. */
export interface RuleFields {
  name: string;
  match: "all" | "any";
  conditions: Condition[];
  cooldown: string | null;
  channels: StoredChannel[];
  escalate_after: string | null;
  escalation_channels: StoredChannel[];
  enabled: boolean;
}

/** A stored rule. */
export interface AlertRuleRow extends RuleFields {
  id: string;
  user_id: string;
  created_at: Date;
  updated_at: Date;
}

/** A rule with its state as last evaluated (null before the first evaluation). */
export interface AlertRuleWithState extends AlertRuleRow {
  state: (RuleState & { lastEvaluatedAt: Date }) | null;
}

type StateRow = {
  status: RuleState["status"];
  pending_since: Date | null;
  firing_since: Date | null;
  last_fired_at: Date | null;
  last_resolved_at: Date | null;
  last_value: number | null;
  last_evaluated_at: Date;
  cond_state: RuleState["conditions"];
};

const json = (sql: Sql, v: unknown) => sql.json(v as postgres.JSONValue);
/** The derived key grammar as a PostgreSQL regular expression over a whole key. */
const DERIVED_KEY_RE = `^(${DERIVED_KEY_SOURCE})$`;
const COLUMNS = [
  "id",
  "user_id",
  "name",
  "match",
  "conditions",
  "cooldown",
  "channels",
  "escalate_after",
  "escalation_channels",
  "enabled",
  "created_at",
  "updated_at",
];

function withState(row: AlertRuleRow & Partial<StateRow>): AlertRuleWithState {
  const { status, pending_since, firing_since, last_fired_at, last_resolved_at, ...rest } = row;
  const { last_value, last_evaluated_at, cond_state, ...rule } = rest;
  if (!status) return { ...rule, state: null };
  return {
    ...rule,
    state: {
      status,
      pendingSince: pending_since ?? null,
      firingSince: firing_since ?? null,
      lastFiredAt: last_fired_at ?? null,
      lastResolvedAt: last_resolved_at ?? null,
      lastValue: last_value ?? null,
      lastEvaluatedAt: last_evaluated_at!,
      conditions: cond_state ?? [],
    },
  };
}

/** Inserts a rule owned by `userId`. */
export async function insertRule(
  sql: Sql,
  userId: string,
  f: RuleFields,
  now: Date,
): Promise<AlertRuleWithState> {
  const [row] = await sql<AlertRuleRow[]>`
    insert into alert_rules (user_id, name, match, conditions, cooldown, channels, escalate_after,
                             escalation_channels, enabled, series, timed, created_at, updated_at)
    values (${userId}, ${f.name}, ${f.match}, ${json(sql, f.conditions)}, ${f.cooldown},
            ${json(sql, f.channels)}, ${f.escalate_after},
            ${json(sql, f.escalation_channels)}, ${f.enabled}, ${conditionSeries(f.conditions)},
            ${isTimed(f.conditions)}, ${now}, ${now})
    returning ${sql(COLUMNS)}`;
  return withState(row);
}

const SELECT_WITH_STATE = (sql: Sql) =>
  sql`
  select r.id, r.user_id, r.name, r.match, r.conditions, r.cooldown, r.channels,
         r.escalate_after, r.escalation_channels, r.enabled,
         r.created_at, r.updated_at, s.status, s.pending_since, s.firing_since, s.last_fired_at,
         s.last_resolved_at, s.last_value, s.last_evaluated_at, s.conditions as cond_state
  from alert_rules r left join alert_rule_state s on s.rule_id = r.id`;

/** The user's rules, oldest first. */
export async function listRules(sql: Sql, userId: string): Promise<AlertRuleWithState[]> {
  const rows = await sql<(AlertRuleRow & StateRow)[]>`
    ${SELECT_WITH_STATE(sql)} where r.user_id = ${userId} order by r.created_at, r.id`;
  return rows.map(withState);
}

/** One of the user's rules, or null. */
export async function findRule(
  sql: Sql,
  id: string,
  userId: string,
): Promise<AlertRuleWithState | null> {
  const [row] = await sql<(AlertRuleRow & StateRow)[]>`
    ${SELECT_WITH_STATE(sql)} where r.id = ${id} and r.user_id = ${userId}`;
  return row ? withState(row) : null;
}

/** Replaces one of the user's rules and forgets its state; null when not theirs. */
export async function updateRule(
  sql: Sql,
  id: string,
  userId: string,
  f: RuleFields,
  now: Date,
): Promise<AlertRuleWithState | null> {
  return await sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    const [row] = await tx<AlertRuleRow[]>`
      update alert_rules set name = ${f.name}, match = ${f.match},
        conditions = ${json(tx, f.conditions)}, cooldown = ${f.cooldown},
        channels = ${json(tx, f.channels)}, escalate_after = ${f.escalate_after},
        escalation_channels = ${json(tx, f.escalation_channels)}, enabled = ${f.enabled},
        series = ${conditionSeries(f.conditions)}, timed = ${isTimed(f.conditions)},
        updated_at = ${now}
      where id = ${id} and user_id = ${userId}
      returning ${tx(COLUMNS)}`;
    if (!row) return null;
    await tx`delete from alert_rule_state where rule_id = ${id}`;
    return withState(row);
  });
}

/** Enables or disables one of the user's rules; disabling forgets its state. */
export async function setRuleEnabled(
  sql: Sql,
  id: string,
  userId: string,
  enabled: boolean,
  now: Date,
): Promise<AlertRuleWithState | null> {
  return await sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    const [row] = await tx<{ id: string }[]>`
      update alert_rules set enabled = ${enabled},
        updated_at = case when enabled = ${enabled} then updated_at else ${now} end
      where id = ${id} and user_id = ${userId} returning id`;
    if (!row) return null;
    if (!enabled) await tx`delete from alert_rule_state where rule_id = ${id}`;
    const [full] = await tx<(AlertRuleRow & StateRow)[]>`
      ${SELECT_WITH_STATE(tx)} where r.id = ${id}`;
    return withState(full);
  });
}

/** Deletes one of the user's rules and its events; false when not theirs. */
export async function deleteRule(sql: Sql, id: string, userId: string): Promise<boolean> {
  const result = await sql`delete from alert_rules where id = ${id} and user_id = ${userId}`;
  return result.count > 0;
}

/** Ids of enabled rules reading any of `keys`. */
export async function ruleIdsForSeries(sql: Sql, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ id: string }[]>`
    select id from alert_rules where enabled and series && ${keys}::text[] order by id`;
  return rows.map((r) => r.id);
}

/**
 * Enabled rules reading a derived series (a key of the derived grammar), with the keys they read,
 * for the evaluator to match against the inputs a write touched.
 */
export async function rulesReadingDerived(sql: Sql): Promise<{ id: string; series: string[] }[]> {
  return await sql<{ id: string; series: string[] }[]>`
    select id, series from alert_rules
    where enabled and exists (select 1 from unnest(series) k where k ~ ${DERIVED_KEY_RE})
    order by id`;
}

/**
 * Ids of enabled rules the minute tick evaluates: those time alone can change
 * (timed ones, and pending ones waiting out a cooldown) and those never
 * evaluated since they were created, replaced or enabled.
 */
export async function ruleIdsForTick(sql: Sql): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select r.id from alert_rules r left join alert_rule_state s on s.rule_id = r.id
    where r.enabled and (r.timed or s.rule_id is null or s.status = 'pending') order by r.id`;
  return rows.map((r) => r.id);
}

/**
 * Inside transaction `tx`: locks an enabled rule against concurrent
 * evaluation and edits, and reads its state. Null when the rule is gone or disabled.
 */
export async function lockRule(
  tx: Sql,
  id: string,
): Promise<{ rule: AlertRuleRow; state: RuleState } | null> {
  const locked = await tx`select 1 from alert_rules where id = ${id} and enabled for update`;
  if (locked.length === 0) return null;
  // A statement of its own: after waiting for the lock it sees the state the holder committed.
  const [row] = await tx<(AlertRuleRow & StateRow)[]>`
    ${SELECT_WITH_STATE(tx)} where r.id = ${id}`;
  const { state, ...rule } = withState(row);
  return { rule, state: state ?? { ...INITIAL_STATE } };
}

/** Inside the locking transaction: stores a rule's new state. */
export async function saveRuleState(
  tx: Sql,
  id: string,
  s: RuleState,
  now: Date,
): Promise<void> {
  await tx`
    insert into alert_rule_state (rule_id, status, pending_since, firing_since, last_fired_at,
      last_resolved_at, last_value, last_evaluated_at, conditions)
    values (${id}, ${s.status}, ${s.pendingSince}, ${s.firingSince}, ${s.lastFiredAt},
      ${s.lastResolvedAt}, ${s.lastValue}, ${now}, ${json(tx, s.conditions)})
    on conflict (rule_id) do update set status = excluded.status,
      pending_since = excluded.pending_since, firing_since = excluded.firing_since,
      last_fired_at = excluded.last_fired_at, last_resolved_at = excluded.last_resolved_at,
      last_value = excluded.last_value, last_evaluated_at = excluded.last_evaluated_at,
      conditions = excluded.conditions`;
}

/** The keys among `keys` that are neither in the catalog nor in the series table. */
export async function unknownSeries(sql: Sql, keys: string[]): Promise<string[]> {
  const outside = [...new Set(keys)].filter((k) => !isKnownSeries(k));
  if (outside.length === 0) return [];
  const rows = await sql<{ key: string }[]>`
    select key from series where key = any(${outside}::text[])`;
  const stored = new Set(rows.map((r) => r.key));
  return outside.filter((k) => !stored.has(k));
}
