/**
 * What the alert routes share: response schemas, how rows are shown, and the
 * checks a rule or subscription needs beyond its schema (series that exist,
 * webhook targets that are not obviously private).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { obviouslyPrivate } from "./address.ts";
import { type ChannelInputValue, ChannelView, channelViews, ConditionInput } from "./schemas.ts";
import type { Condition } from "./rules.ts";
import { suggestSeries } from "../domain/catalog.ts";
import type { Sql } from "../db/client.ts";
import { type AlertRuleWithState, unknownSeries } from "./rules_store.ts";
import { type AlertEventRow, type DeliveryRow, eventFields } from "./events_store.ts";
import { ValidationError } from "../domain/errors.ts";
import { iso } from "../http/schemas.ts";

const instant = z.string().openapi({ format: "date-time" });

/** A rule's evaluation state, null before its first evaluation. */
const RuleStateSchema = z.object({
  status: z.enum(["ok", "pending", "firing"]),
  pending_since: instant.nullable(),
  firing_since: instant.nullable(),
  last_fired_at: instant.nullable(),
  last_resolved_at: instant.nullable(),
  last_value: z.number().nullable(),
  last_evaluated_at: instant,
}).nullable().openapi("AlertRuleState");

/** A rule as the API shows it. */
export const AlertRuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  match: z.enum(["all", "any"]),
  conditions: z.array(ConditionInput),
  cooldown: z.string().nullable(),
  channels: z.array(ChannelView),
  escalate_after: z.string().nullable(),
  escalation_channels: z.array(ChannelView),
  enabled: z.boolean(),
  created_at: instant,
  updated_at: instant,
  state: RuleStateSchema,
}).openapi("AlertRule");

/** An alert event as the API shows it. */
export const AlertEventSchema = z.object({
  id: z.uuid(),
  rule_id: z.uuid().nullable(),
  builtin: z.string().nullable(),
  name: z.string(),
  state: z.enum(["firing", "resolved"]),
  value: z.number().nullable(),
  instant,
  details: z.record(z.string(), z.unknown()),
  acknowledged_at: instant.nullable(),
  acknowledged_by: z.uuid().nullable(),
  created_at: instant,
}).openapi("AlertEvent");

/** One webhook delivery of an event. */
export const DeliverySchema = z.object({
  id: z.uuid(),
  url: z.string(),
  status: z.enum(["pending", "delivered", "failed", "refused"]),
  attempts: z.number().int(),
  response_code: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
  created_at: instant,
  last_attempt_at: instant.nullable(),
  delivered_at: instant.nullable(),
}).openapi("WebhookDelivery");

/** A rule for a response; `generated` webhook secrets appear this once. */
export function ruleBody(
  r: AlertRuleWithState,
  generated?: ReadonlyMap<string, string>,
): z.infer<typeof AlertRuleSchema> {
  const s = r.state;
  return {
    id: r.id,
    name: r.name,
    match: r.match,
    conditions: r.conditions,
    cooldown: r.cooldown,
    channels: channelViews(r.channels, generated),
    escalate_after: r.escalate_after,
    escalation_channels: channelViews(r.escalation_channels, generated),
    enabled: r.enabled,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
    state: s && {
      status: s.status,
      pending_since: iso(s.pendingSince),
      firing_since: iso(s.firingSince),
      last_fired_at: iso(s.lastFiredAt),
      last_resolved_at: iso(s.lastResolvedAt),
      last_value: s.lastValue,
      last_evaluated_at: s.lastEvaluatedAt.toISOString(),
    },
  };
}

/** An event for a response. */
export function eventBody(e: AlertEventRow): z.infer<typeof AlertEventSchema> {
  return {
    ...eventFields(e),
    acknowledged_at: iso(e.acknowledged_at),
    acknowledged_by: e.acknowledged_by,
    created_at: e.created_at.toISOString(),
  };
}

/** A delivery for a response. */
export function deliveryBody(d: DeliveryRow): z.infer<typeof DeliverySchema> {
  return {
    id: d.id,
    url: d.url,
    status: d.status,
    attempts: d.attempts,
    response_code: d.response_code,
    error: d.error,
    duration_ms: d.duration_ms,
    created_at: d.created_at.toISOString(),
    last_attempt_at: iso(d.last_attempt_at),
    delivered_at: iso(d.delivered_at),
  };
}

/**
 * Rejects a condition whose series is neither in the catalog nor stored,
 * naming the field (`conditions.1.series`) and the nearest keys.
 */
export async function checkSeries(sql: Sql, conditions: readonly Condition[]): Promise<void> {
  const unknown = new Set(await unknownSeries(sql, conditions.map((c) => c.series)));
  const i = conditions.findIndex((c) => unknown.has(c.series));
  if (i < 0) return;
  const key = conditions[i].series;
  const near = suggestSeries(key);
  throw new ValidationError(
    `Series "${key}" is not in the catalog or the series table${
      near.length ? `; did you mean ${near.join(", ")}?` : ""
    }`,
    { parameter: `conditions.${i}.series` },
  );
}

/**
 * Rejects a webhook URL that is obviously not public without asking DNS (a
 * refused address literal, a local or single-label name), naming the field,
 * unless private targets are allowed, and an email channel when no SMTP server
 * is configured. Host names are resolved and vetted at each delivery.
 */
export function checkTargets(
  channels: readonly ChannelInputValue[],
  allowPrivate: boolean,
  smtpConfigured = true,
  field = "channels",
): void {
  channels.forEach((c, i) => {
    if (c.type === "email" && !smtpConfigured) {
      throw new ValidationError(
        `Email channel "${c.to}" needs outgoing mail: set SMTP_HOST and SMTP_FROM`,
        { parameter: `${field}.${i}.to` },
      );
    }
    if (allowPrivate || c.type !== "webhook") return;
    const reason = obviouslyPrivate(c.url);
    if (reason) {
      throw new ValidationError(
        `Webhook URL "${c.url}" is not allowed: ${reason} (set ALERT_WEBHOOK_ALLOW_PRIVATE=true to allow private targets)`,
        { parameter: `${field}.${i}.url` },
      );
    }
  });
}
