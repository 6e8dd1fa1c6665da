/**
 * Alert rules, events and built-in rules as the API serves them
 * (`/api/alerts/*`), and the calls the alerts page makes.
 *
 * @module
 */
import { api } from "./api.ts";

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

const rule = (id: string) => `/api/alerts/rules/${encodeURIComponent(id)}`;

/** The alert calls. */
export const alertsApi = {
  rules: () => api<{ rules: AlertRule[] }>("/api/alerts/rules"),
  create: (body: NewRule) => api<AlertRule>("/api/alerts/rules", { method: "POST", body }),
  setEnabled: (id: string, on: boolean) =>
    api<AlertRule>(`${rule(id)}/${on ? "enable" : "disable"}`, { method: "POST" }),
  remove: (id: string) => api<null>(rule(id), { method: "DELETE" }),
  events: () => api<{ events: AlertEvent[] }>("/api/alerts/events?limit=50"),
  ack: (id: string) =>
    api<AlertEvent>(`/api/alerts/events/${encodeURIComponent(id)}/ack`, { method: "POST" }),
  builtins: () => api<{ builtin: BuiltinRule[] }>("/api/alerts/builtin"),
  subscribe: (id: string, on: boolean) =>
    api<BuiltinRule>(`/api/alerts/builtin/${id}/${on ? "subscribe" : "unsubscribe"}`, {
      method: "POST",
      body: on ? { channels: [{ type: "sse" }] } : undefined,
    }),
};

/** A condition in words, e.g. `reserves.prc < 2500 for PT15M`. */
export function conditionText(c: Condition): string {
  if (c.type === "stale") return `${c.series} has no new data for ${c.minutes} min`;
  const how = c.agg && c.agg !== "last" ? `${c.agg} over ${c.window ?? "PT1H"} of ` : "";
  return `${how}${c.series} ${c.op.replace("_", " ")} ${c.value}${c.for ? ` for ${c.for}` : ""}`;
}
