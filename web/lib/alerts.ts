/**
 * Alert rules, events and built-in rules as the API serves them
 * (`/api/alerts/*`), and the calls the alerts page makes.
 *
 * @module
 */
import { client, ok } from "./client.ts";
import type { paths } from "./api_schema.ts";

type RuleBody = paths["/api/alerts/rules"]["post"]["requestBody"]["content"]["application/json"];

/** A condition of a rule. */
export type Condition =
  | {
    type: "threshold";
    series: string;
    op: string;
    value: number;
    for?: string;
    window?: string;
    agg?: string;
  }
  | { type: "stale"; series: string; minutes: number };

/** A delivery channel; a generated webhook secret appears once, in the creating answer. */
export type Channel = { type: "sse" } | {
  type: "webhook";
  url: string;
  secret_hint?: string;
  secret?: string;
};

/** A rule with its evaluation state. */
export interface AlertRule {
  id: string;
  name: string;
  match: "all" | "any";
  conditions: Condition[];
  channels: Channel[];
  enabled: boolean;
  state: {
    status: "ok" | "pending" | "firing";
    last_value: number | null;
    last_evaluated_at: string;
  } | null;
}

/** A firing or resolution. */
export interface AlertEvent {
  id: string;
  name: string;
  state: "firing" | "resolved";
  value: number | null;
  instant: string;
  acknowledged_at: string | null;
}

/** A built-in rule and this account's subscription to it. */
export interface BuiltinRule {
  id: string;
  name: string;
  description: string;
  current: { label: string; as_of: string } | null;
  subscription: { channels: Channel[] } | null;
}

/** A rule to create. */
export interface NewRule {
  name: string;
  conditions: Condition[];
  channels: Channel[];
}

/** Comparison operators a threshold takes. */
export const OPS = [">", ">=", "<", "<=", "crosses_above", "crosses_below"];

const rule = (id: string) => ({ params: { path: { id } } });

/** The alert calls, through the typed client. */
export const alertsApi = {
  rules: () => ok(client.GET("/api/alerts/rules")) as Promise<{ rules: AlertRule[] }>,
  // The form's operators and aggregates are strings from OPS and its own lists, not the enums.
  create: (body: NewRule) =>
    ok(
      client.POST("/api/alerts/rules", { body: { match: "all", ...body } as RuleBody }),
    ) as Promise<
      AlertRule
    >,
  setEnabled: (id: string, on: boolean) =>
    ok(
      on
        ? client.POST("/api/alerts/rules/{id}/enable", rule(id))
        : client.POST("/api/alerts/rules/{id}/disable", rule(id)),
    ) as Promise<AlertRule>,
  remove: (id: string) => ok(client.DELETE("/api/alerts/rules/{id}", rule(id))),
  events: () =>
    ok(client.GET("/api/alerts/events", { params: { query: { limit: 50 } } })) as Promise<
      { events: AlertEvent[] }
    >,
  ack: (id: string) =>
    ok(client.POST("/api/alerts/events/{id}/ack", rule(id))) as Promise<AlertEvent>,
  builtins: () => ok(client.GET("/api/alerts/builtin")) as Promise<{ builtin: BuiltinRule[] }>,
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

/** A condition in words, e.g. `reserves.prc < 2500 for PT15M`. */
export function conditionText(c: Condition): string {
  if (c.type === "stale") return `${c.series} has no new data for ${c.minutes} min`;
  const how = c.agg && c.agg !== "last" ? `${c.agg} over ${c.window ?? "PT1H"} of ` : "";
  return `${how}${c.series} ${c.op.replace("_", " ")} ${c.value}${c.for ? ` for ${c.for}` : ""}`;
}
