/**
 * Alert rules, events and built-in rules as the API serves them
 * (`/api/alerts/*`), and the calls the alerts page makes.
 *
 * @module
 */
import { client, ok } from "./client.ts";
import type { components } from "./api_schema.ts";
import { formatDuration } from "./duration.ts";

type Schemas = components["schemas"];

/** A condition of a rule. */
export type Condition = Schemas["ThresholdCondition"] | Schemas["StaleCondition"];

/** A rule with its evaluation state. */
export type AlertRule = Schemas["AlertRule"];

/** An alert event (a firing or a resolution). */
export type AlertEvent = Schemas["AlertEvent"];

/** A rule as sent to create or replace one (a webhook's secret is generated when absent). */
export type RuleInput = Schemas["AlertRuleInput"];

/** A threshold's comparison operator. */
export type Op = Schemas["ThresholdCondition"]["op"];

/** Comparison operators a threshold takes. */
export const OPS: Op[] = [">", ">=", "<", "<=", "crosses_above", "crosses_below"];

const rule = (id: string) => ({ params: { path: { id } } });

/** The alert calls, through the typed client. */
export const alertsApi = {
  rules: () => ok(client.GET("/api/alerts/rules")),
  create: (body: RuleInput) => ok(client.POST("/api/alerts/rules", { body })),
  /** Replaces the rule; webhooks whose URL is unchanged keep their secret. */
  update: (id: string, body: RuleInput) =>
    ok(client.PUT("/api/alerts/rules/{id}", { ...rule(id), body })),
  setEnabled: (id: string, on: boolean) =>
    ok(
      on
        ? client.POST("/api/alerts/rules/{id}/enable", rule(id))
        : client.POST("/api/alerts/rules/{id}/disable", rule(id)),
    ),
  remove: (id: string) => ok(client.DELETE("/api/alerts/rules/{id}", rule(id))),
  events: () => ok(client.GET("/api/alerts/events", { params: { query: { limit: 50 } } })),
  ack: (id: string) => ok(client.POST("/api/alerts/events/{id}/ack", rule(id))),
  builtins: () => ok(client.GET("/api/alerts/builtin")),
  subscribe: (builtin: string, on: boolean) => {
    const path = { params: { path: { builtin } } };
    return on
      ? ok(client.POST("/api/alerts/builtin/{builtin}/subscribe", {
        ...path,
        body: { channels: [{ type: "sse" }] },
      }))
      : ok(client.POST("/api/alerts/builtin/{builtin}/unsubscribe", path));
  },
};

/** A condition in words, e.g. `reserves.prc < 2500 for 15 min`. */
export function conditionText(c: Condition): string {
  if (c.type === "stale") return `${c.series} has no new data for ${c.minutes} min`;
  const how = c.agg && c.agg !== "last"
    ? `${c.agg} over ${formatDuration(c.window ?? "PT1H")} of `
    : "";
  const held = c.for ? ` for ${formatDuration(c.for)}` : "";
  const band = c.deadband ? ` (deadband ${c.deadband})` : "";
  return `${how}${c.series} ${c.op.replace("_", " ")} ${c.value}${held}${band}`;
}

/** Where a rule sends, e.g. `in-app, webhook https://…, email ops@example.com`. */
export function channelsText(channels: AlertRule["channels"]): string {
  return channels.map((c) =>
    c.type === "sse" ? "in-app" : c.type === "email" ? `email ${c.to}` : `webhook ${c.url}`
  ).join(", ") || "nowhere";
}

/**
 * The unit of the event's value: that of the series whose reading it is (a
 * rule's event details name each condition's series and value); none for a
 * grid-condition level or a series missing from `units`.
 */
export function eventUnit(e: AlertEvent, units: ReadonlyMap<string, string> | undefined): string {
  const details = e.details as { conditions?: { series?: unknown; value?: unknown }[] };
  const found = Array.isArray(details.conditions)
    ? details.conditions.find((c) => c.value === e.value && typeof c.series === "string")
    : undefined;
  return (found && units?.get(found.series as string)) || "";
}
