/**
 * Alert events (each firing and resolution) and the log of their webhook
 * deliveries. Reads name the owner, so another user's event is not found.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../db/client.ts";

/** A stored event. */
export interface AlertEventRow {
  id: string;
  user_id: string;
  rule_id: string | null;
  builtin: string | null;
  name: string;
  state: "firing" | "resolved";
  value: number | null;
  instant: Date;
  details: Record<string, unknown>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  /** Re-sends to the rule's escalation channels so far. */
  escalations: number;
  /** When the next re-send is due; null when none is. */
  next_escalation_at: Date | null;
  created_at: Date;
}

/** What every view of an event shows (the API's answer, a webhook's body): instant in ISO 8601. */
export function eventFields(e: AlertEventRow) {
  return {
    id: e.id,
    rule_id: e.rule_id,
    builtin: e.builtin,
    name: e.name,
    state: e.state,
    value: e.value,
    instant: e.instant.toISOString(),
    details: e.details,
  };
}

/** An event to store. */
export type NewAlertEvent = Pick<
  AlertEventRow,
  "user_id" | "rule_id" | "builtin" | "name" | "state" | "value" | "instant" | "details"
>;

/** Filters of {@link listAlertEvents}; all optional. */
export interface EventFilter {
  ruleId?: string;
  state?: "firing" | "resolved";
  /** Events at or after this instant. */
  since?: Date;
  /** Events before this instant. */
  until?: Date;
  acknowledged?: boolean;
  /** At most this many, newest first (100). */
  limit?: number;
}

/** One webhook delivery. */
export interface DeliveryRow {
  id: string;
  event_id: string;
  url: string;
  status: "pending" | "delivered" | "failed" | "refused";
  attempts: number;
  response_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}

/** Stores events (in the caller's transaction when `sql` is one), in order. */
export async function insertAlertEvents(
  sql: Sql,
  events: NewAlertEvent[],
  now: Date,
): Promise<AlertEventRow[]> {
  const out: AlertEventRow[] = [];
  for (const e of events) {
    const [row] = await sql<AlertEventRow[]>`
      insert into alert_events (user_id, rule_id, builtin, name, state, value, instant, details,
                                created_at)
      values (${e.user_id}, ${e.rule_id}, ${e.builtin}, ${e.name}, ${e.state}, ${e.value},
              ${e.instant}, ${sql.json(e.details as postgres.JSONValue)}, ${now})
      returning *`;
    out.push(row);
  }
  return out;
}

/** The user's events matching `f`, newest first. */
export async function listAlertEvents(
  sql: Sql,
  userId: string,
  f: EventFilter = {},
): Promise<AlertEventRow[]> {
  const where = [
    sql`user_id = ${userId}`,
    f.ruleId === undefined ? sql`` : sql`and rule_id = ${f.ruleId}`,
    f.state === undefined ? sql`` : sql`and state = ${f.state}`,
    f.since === undefined ? sql`` : sql`and instant >= ${f.since}`,
    f.until === undefined ? sql`` : sql`and instant < ${f.until}`,
    f.acknowledged === undefined
      ? sql``
      : f.acknowledged
      ? sql`and acknowledged_at is not null`
      : sql`and acknowledged_at is null`,
  ];
  return await sql<AlertEventRow[]>`
    select * from alert_events
    where ${where[0]} ${where[1]} ${where[2]} ${where[3]} ${where[4]} ${where[5]}
    order by instant desc, created_at desc, id limit ${f.limit ?? 100}`;
}

/** One of the user's events, or null. */
export async function findAlertEvent(
  sql: Sql,
  id: string,
  userId: string,
): Promise<AlertEventRow | null> {
  const [row] = await sql<AlertEventRow[]>`
    select * from alert_events where id = ${id} and user_id = ${userId}`;
  return row ?? null;
}

/**
 * Acknowledges one of the user's events; an event already acknowledged keeps
 * its first acknowledgement. Null when not theirs.
 */
export async function acknowledgeAlertEvent(
  sql: Sql,
  id: string,
  userId: string,
  now: Date,
): Promise<AlertEventRow | null> {
  const [row] = await sql<AlertEventRow[]>`
    update alert_events set acknowledged_at = coalesce(acknowledged_at, ${now}),
      acknowledged_by = case when acknowledged_at is null then ${userId}::uuid
                        else acknowledged_by end
    where id = ${id} and user_id = ${userId}
    returning *`;
  return row ?? null;
}

/**
 * Acknowledges an event through a signed link (no account): the first
 * acknowledgement is kept. Null when the event is gone.
 */
export async function acknowledgeByLink(
  sql: Sql,
  id: string,
  now: Date,
): Promise<AlertEventRow | null> {
  const [row] = await sql<AlertEventRow[]>`
    update alert_events set acknowledged_at = coalesce(acknowledged_at, ${now})
    where id = ${id} returning *`;
  return row ?? null;
}

/** An event's deliveries, oldest first. */
export async function listDeliveries(sql: Sql, eventId: string): Promise<DeliveryRow[]> {
  return await sql<DeliveryRow[]>`
    select * from webhook_deliveries where event_id = ${eventId} order by created_at, id`;
}
