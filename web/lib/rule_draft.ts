/**
 * An alert rule as the form holds it: every field the API accepts, with
 * numbers and durations as the text typed ("15 min"). {@link draftOf} fills
 * the form from a stored rule; {@link ruleInputOf} turns the form back into a
 * rule to send, or says field by field what is wrong. A rule read and sent
 * back unchanged is the same rule: its `enabled` flag and webhook secrets
 * (kept by the server for an unchanged URL) survive an edit.
 *
 * @module
 */
import type { AlertRule, Op, RuleInput } from "./alerts.ts";
import { formatDuration, parseDuration } from "./duration.ts";

/** Aggregations a threshold takes over its window. */
export const AGGS = ["last", "avg", "min", "max"] as const;
/** An aggregation. */
export type Agg = typeof AGGS[number];

/** One condition being edited; unused fields keep their text when the type changes. */
export interface ConditionDraft {
  type: "threshold" | "stale";
  series: string;
  op: Op;
  value: string;
  agg: Agg;
  window: string;
  for: string;
  deadband: string;
  minutes: string;
}

type ChannelView = AlertRule["channels"][number];
type WebhookView = Extract<ChannelView, { type: "webhook" }>;

/** One channel being edited; a stored webhook shows its secret's hint, and `secret` is typed. */
export type ChannelDraft =
  | (Omit<WebhookView, "secret" | "secret_hint"> & Partial<Pick<WebhookView, "secret_hint">> & {
    secret: string;
  })
  | Exclude<ChannelView, WebhookView>;

type Texts = "cooldown" | "escalate_after";
type Lists = "channels" | "escalation_channels";

/** The whole form: the rule as sent, with durations as typed and conditions as drafts. */
export type RuleDraft = {
  [K in keyof RuleInput]-?: K extends Texts ? string
    : K extends Lists ? ChannelDraft[]
    : K extends "conditions" ? ConditionDraft[]
    : RuleInput[K];
};

/** Messages by field: `name`, `cooldown`, `conditions.0.for`, `channels.1.url`, … */
export type DraftErrors = Record<string, string>;

const DAY = 86_400;

/** A fresh threshold condition. */
export function emptyCondition(): ConditionDraft {
  return {
    type: "threshold",
    series: "",
    op: ">",
    value: "",
    agg: "last",
    window: "",
    for: "",
    deadband: "",
    minutes: "30",
  };
}

/** A new rule: one threshold condition, sent to the in-app live feed. */
export function emptyDraft(): RuleDraft {
  return {
    name: "",
    match: "all",
    conditions: [emptyCondition()],
    cooldown: "",
    channels: [{ type: "sse" }],
    escalate_after: "",
    escalation_channels: [],
    enabled: true,
  };
}

function channelDrafts(channels: AlertRule["channels"]): ChannelDraft[] {
  return channels.map((c) =>
    c.type === "webhook"
      ? { type: "webhook", url: c.url, secret: "", secret_hint: c.secret_hint }
      : c
  );
}

/** The form filled from a stored rule, durations in words. */
export function draftOf(rule: AlertRule): RuleDraft {
  return {
    name: rule.name,
    match: rule.match,
    conditions: rule.conditions.map((c) => {
      const blank = emptyCondition();
      if (c.type === "stale") {
        return { ...blank, type: "stale", series: c.series, minutes: `${c.minutes}` };
      }
      return {
        ...blank,
        series: c.series,
        op: c.op,
        value: `${c.value}`,
        agg: c.agg ?? (c.window ? "avg" : "last"),
        window: formatDuration(c.window),
        for: formatDuration(c.for),
        deadband: c.deadband ? `${c.deadband}` : "",
      };
    }),
    cooldown: formatDuration(rule.cooldown),
    channels: channelDrafts(rule.channels),
    escalate_after: formatDuration(rule.escalate_after),
    escalation_channels: channelDrafts(rule.escalation_channels),
    enabled: rule.enabled,
  };
}

function numberOf(text: string): number | null {
  const n = Number(text.replaceAll(",", "").trim());
  return text.trim() && Number.isFinite(n) ? n : null;
}

/**
 * The rule to send, or the messages to show beside each field. Empty optional
 * durations are left out (or null: no cooldown, no escalation).
 */
export function ruleInputOf(d: RuleDraft): { input?: RuleInput; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const duration = (field: string, text: string, maxDays: number) => {
    if (!text.trim()) return undefined;
    const parsed = parseDuration(text, maxDays * DAY);
    if (parsed.error !== undefined) errors[field] = parsed.error;
    return parsed.iso;
  };
  if (!d.name.trim()) errors.name = "Name the rule";
  const conditions = d.conditions.map((c, i): RuleInput["conditions"][number] => {
    const at = `conditions.${i}`;
    if (!c.series) errors[`${at}.series`] = "Pick a series";
    if (c.type === "stale") {
      const minutes = numberOf(c.minutes);
      if (minutes === null || !Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
        errors[`${at}.minutes`] = "Minutes without new data: a whole number from 1 to 10080";
      }
      return { type: "stale", series: c.series, minutes: minutes ?? 0 };
    }
    const value = numberOf(c.value);
    if (value === null) errors[`${at}.value`] = "The threshold must be a number, e.g. 2500";
    const deadband = numberOf(c.deadband);
    if (c.deadband.trim() && (deadband === null || deadband < 0)) {
      errors[`${at}.deadband`] = "The deadband must be a number of 0 or more";
    }
    const window = c.agg === "last" ? undefined : duration(`${at}.window`, c.window, 7);
    const held = duration(`${at}.for`, c.for, 7);
    return {
      type: "threshold",
      series: c.series,
      op: c.op,
      value: value ?? 0,
      agg: c.agg,
      ...(window ? { window } : {}),
      ...(held ? { for: held } : {}),
      ...(deadband ? { deadband } : {}),
    };
  });
  const channels = channelInputs("channels", d.channels, errors);
  const escalation = channelInputs("escalation_channels", d.escalation_channels, errors);
  const cooldown = duration("cooldown", d.cooldown, 30) ?? null;
  const escalate = duration("escalate_after", d.escalate_after, 30) ?? null;
  if (d.escalate_after.trim() && !escalation.length) {
    errors.escalation_channels = "Add a channel to escalate to";
  }
  if (!d.escalate_after.trim() && escalation.length) {
    errors.escalate_after = 'Say after how long to escalate, e.g. "30 min"';
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      name: d.name.trim(),
      match: d.match,
      conditions,
      cooldown,
      channels,
      escalate_after: escalate,
      escalation_channels: escalation,
      enabled: d.enabled,
    },
  };
}

function channelInputs(
  field: string,
  channels: ChannelDraft[],
  errors: DraftErrors,
): RuleInput["channels"] {
  return channels.map((c, i) => {
    if (c.type === "sse") return c;
    if (c.type === "email") {
      if (!c.to.trim()) errors[`${field}.${i}.to`] = "Type an email address, e.g. ops@example.com";
      return { type: "email", to: c.to.trim() };
    }
    if (!c.url.trim()) {
      errors[`${field}.${i}.url`] = "Type the webhook's URL, e.g. https://example.com/hook";
    }
    const secret = c.secret.trim();
    if (secret && secret.length < 16) {
      errors[`${field}.${i}.secret`] = "A signing secret needs at least 16 characters";
    }
    return { type: "webhook", url: c.url.trim(), ...(secret ? { secret } : {}) };
  });
}
