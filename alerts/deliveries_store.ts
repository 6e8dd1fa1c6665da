/**
 * The alert delivery queue (`webhook_deliveries`, migration 0130): a row per
 * webhook or email delivery of an event, pending until delivered, failed or
 * refused. Each attempt is claimed first, atomically, by adding one to
 * `attempts` and leasing the row to the claiming notifier, so one attempt id
 * (`<id>/<attempt>`) is sent at most once however many processes resume the
 * queue; a pending row whose lease has passed is resumed by whoever leads.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../db/client.ts";
import type { AlertEventRow, DeliveryRow } from "./events_store.ts";

/** What a resumed attempt needs beyond the event. */
export type DeliveryPayload = { secret: string } | { to: string };

/** A delivery to queue. */
export interface NewDelivery {
  eventId: string;
  channel: "webhook" | "email";
  /** The webhook's URL, or `mailto:<address>`. */
  url: string;
  payload: DeliveryPayload;
  now: Date;
  /** The notifier that will send it, or null to leave it to the next `resume`. */
  claimedBy: string | null;
  leaseUntil: Date | null;
}

/** A pending delivery with its event, to resume. */
export interface QueuedDelivery {
  id: string;
  channel: "webhook" | "email";
  url: string;
  payload: DeliveryPayload;
  event: AlertEventRow;
}

/** Queues a delivery; returns its id (the stable `X-Ercot-Delivery`). */
export async function enqueueDelivery(sql: Sql, d: NewDelivery): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into webhook_deliveries (event_id, url, channel, payload, claimed_by, lease_until,
                                    created_at)
    values (${d.eventId}, ${d.url}, ${d.channel}, ${sql.json(d.payload as postgres.JSONValue)},
            ${d.claimedBy}, ${d.leaseUntil}, ${d.now})
    returning id`;
  return row.id;
}

/**
 * Claims the next attempt of a pending delivery for `owner` when it holds the
 * lease or the lease has passed: the attempt's number, or null when the
 * delivery is finished or another notifier holds it.
 */
export async function claimAttempt(
  sql: Sql,
  id: string,
  owner: string,
  now: Date,
  leaseUntil: Date,
): Promise<number | null> {
  const [row] = await sql<{ attempts: number }[]>`
    update webhook_deliveries set attempts = attempts + 1, claimed_by = ${owner},
      lease_until = ${leaseUntil}
    where id = ${id} and status = 'pending'
      and (claimed_by = ${owner} or lease_until is null or lease_until <= ${now})
    returning attempts`;
  return row?.attempts ?? null;
}

/** What one attempt (or a refusal) changes in a delivery's row. */
export interface AttemptOutcome {
  status: DeliveryRow["status"];
  /** Attempts that count (a refusal is not one). */
  attempts: number;
  responseCode: number | null;
  error: string | null;
  /** Milliseconds this attempt took, added to the row's total. */
  ms: number;
  at: Date;
  /** The lease kept while waiting to retry. */
  leaseUntil: Date | null;
}

/** Records an attempt's outcome; a finished delivery forgets its payload and lease. */
export async function recordAttempt(sql: Sql, id: string, u: AttemptOutcome): Promise<void> {
  const pending = u.status === "pending";
  await sql`
    update webhook_deliveries set status = ${u.status}, attempts = ${u.attempts},
      response_code = ${u.responseCode}, error = ${u.error},
      duration_ms = duration_ms + ${Math.round(u.ms)},
      last_attempt_at = ${u.attempts > 0 ? u.at : null},
      delivered_at = ${u.status === "delivered" ? u.at : null},
      payload = case when ${pending} then payload end,
      lease_until = ${pending ? u.leaseUntil : null}
    where id = ${id}`;
}

/** Pending deliveries whose lease has passed (or that have none), oldest first. */
export async function resumableDeliveries(
  sql: Sql,
  now: Date,
  limit = 100,
): Promise<QueuedDelivery[]> {
  const rows = await sql<(Omit<QueuedDelivery, "event"> & { event: AlertEventRow })[]>`
    select d.id, d.channel, d.url, d.payload, to_jsonb(e) as event
    from webhook_deliveries d join alert_events e on e.id = d.event_id
    where d.status = 'pending' and d.payload is not null
      and (d.lease_until is null or d.lease_until <= ${now})
    order by d.created_at, d.id limit ${limit}`;
  return rows.map((r) => ({
    ...r,
    event: {
      ...r.event,
      instant: new Date(r.event.instant),
      created_at: new Date(r.event.created_at),
      acknowledged_at: r.event.acknowledged_at ? new Date(r.event.acknowledged_at) : null,
      next_escalation_at: r.event.next_escalation_at ? new Date(r.event.next_escalation_at) : null,
    },
  }));
}
