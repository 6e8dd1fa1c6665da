/**
 * Escalation: a firing event of a rule with `escalate_after` that nobody has
 * acknowledged by its `next_escalation_at` is sent to the rule's
 * `escalation_channels`, and again every `escalate_after` until it is
 * acknowledged, its rule resolves (or fires anew), or the rule is disabled.
 * Each event is locked while it is escalated, so a re-send happens once per
 * interval however many evaluators run; it runs on the leader's minute tick.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { AlertEventRow } from "./events_store.ts";
import { durationMs } from "../domain/duration.ts";
import type { StoredChannel } from "./schemas.ts";
import type { Notifier } from "./notify.ts";

type DueRow = AlertEventRow & {
  escalate_after: string | null;
  escalation_channels: StoredChannel[];
  enabled: boolean;
  status: string | null;
  firing_since: Date | null;
};

/** When a firing event first escalates: null without `escalate_after`. */
export function firstEscalation(escalateAfter: string | null, firedAt: Date): Date | null {
  const ms = escalateAfter ? durationMs(escalateAfter) : null;
  return ms ? new Date(firedAt.getTime() + ms) : null;
}

/** Re-sends every due event to its rule's escalation channels; resolves with those re-sent. */
export async function escalateDue(
  sql: Sql,
  notifier: Notifier,
  now: Date,
): Promise<AlertEventRow[]> {
  const due = await sql<{ id: string }[]>`
    select id from alert_events where next_escalation_at <= ${now}
    order by next_escalation_at, id limit 100`;
  const sent: AlertEventRow[] = [];
  for (const { id } of due) {
    const found = await sql.begin(async (t) => {
      const tx = t as unknown as Sql;
      return await escalateOne(tx, id, now);
    });
    if (!found) continue;
    await notifier.dispatch(found.event, found.channels);
    sent.push(found.event);
  }
  return sent;
}

async function escalateOne(
  tx: Sql,
  id: string,
  now: Date,
): Promise<{ event: AlertEventRow; channels: StoredChannel[] } | null> {
  const [row] = await tx<DueRow[]>`
    select e.*, r.escalate_after, r.escalation_channels, r.enabled, s.status, s.firing_since
    from alert_events e join alert_rules r on r.id = e.rule_id
    left join alert_rule_state s on s.rule_id = r.id
    where e.id = ${id} and e.next_escalation_at <= ${now} for update of e`;
  if (!row) return null;
  const ms = row.escalate_after ? durationMs(row.escalate_after) : null;
  const live = row.acknowledged_at === null && row.enabled && row.status === "firing" &&
    row.firing_since?.getTime() === row.instant.getTime();
  if (!live || !ms || row.escalation_channels.length === 0) {
    await tx`update alert_events set next_escalation_at = null where id = ${id}`;
    return null;
  }
  const from = row.next_escalation_at!.getTime() + ms;
  const next = new Date(from > now.getTime() ? from : now.getTime() + ms);
  const [event] = await tx<AlertEventRow[]>`
    update alert_events set escalations = escalations + 1, next_escalation_at = ${next}
    where id = ${id} returning *`;
  return { event, channels: row.escalation_channels };
}
