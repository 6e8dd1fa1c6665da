/**
 * The alert rule document: zod schemas for what clients send (one schema
 * drives validation, types and the OpenAPI description), the defaults a
 * stored rule carries, and channels as clients see them (webhook secrets
 * masked).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { hex } from "../util/digest.ts";
import { webhookUrlProblem } from "./address.ts";
import { type Condition, CONDITION_AGGS, OPS } from "./rules.ts";
import { durationMs } from "../domain/duration.ts";

const SERIES_KEY = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*$/;
const DAY_MS = 86_400_000;
/** Window used by `avg`, `min` and `max` when a condition names none. */
export const DEFAULT_WINDOW = "PT1H";

const duration = (max: number, maxText: string) =>
  z.string().max(40).superRefine((v, ctx) => {
    const ms = durationMs(v);
    if (ms === null) {
      ctx.addIssue({
        code: "custom",
        message:
          `"${v}" is not an ISO 8601 duration of weeks, days, hours, minutes or seconds (e.g. PT15M, P1D)`,
      });
    } else if (ms > max) {
      ctx.addIssue({ code: "custom", message: `"${v}" is longer than ${maxText}` });
    }
  }).openapi({ example: "PT15M" });

const seriesKey = z.string().max(100).superRefine((v, ctx) => {
  if (!SERIES_KEY.test(v)) {
    ctx.addIssue({ code: "custom", message: `"${v}" is not a series key such as spp.rt.hb_north` });
  }
}).openapi({ example: "reserves.prc" });

const ThresholdInput = z.strictObject({
  type: z.literal("threshold"),
  series: seriesKey,
  op: z.enum(OPS),
  value: z.number(),
  agg: z.enum(CONDITION_AGGS).optional().openapi({
    description:
      `Aggregation over \`window\`; \`last\` (the newest value) when neither is given, \`avg\` when only \`window\` is`,
  }),
  window: duration(7 * DAY_MS, "P7D").optional().openapi({
    description: `Window ending at the newest observation; ${DEFAULT_WINDOW} for avg, min and max`,
  }),
  for: duration(7 * DAY_MS, "P7D").optional().openapi({
    description: "How long the condition must hold before the rule fires",
  }),
  deadband: z.number().min(0).optional().openapi({
    description: "How far back past the threshold a firing rule's value must move to resolve (0)",
  }),
}).openapi("ThresholdCondition");

const StaleInput = z.strictObject({
  type: z.literal("stale"),
  series: seriesKey,
  minutes: z.number().int().min(1).max(10_080),
}).openapi("StaleCondition");

/** A condition as sent. */
export const ConditionInput = z.discriminatedUnion("type", [ThresholdInput, StaleInput]);

const webhookUrl = z.string().max(2048).superRefine((v, ctx) => {
  const problem = webhookUrlProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const WebhookInput = z.strictObject({
  type: z.literal("webhook"),
  url: webhookUrl.openapi({ example: "https://example.com/hook" }),
  secret: z.string().min(16).max(256).optional().openapi({
    description: "HMAC-SHA256 key; generated (and shown once) when absent",
  }),
});

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** One plain mailbox (`ops@example.com`): no display name, no list, no line break. */
const emailAddress = z.string().max(254).superRefine((v, ctx) => {
  if (!EMAIL.test(v) || v.includes("..")) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(v)} is not one email address such as ops@example.com`,
    });
  }
}).openapi({ example: "ops@example.com" });

const EmailInput = z.strictObject({ type: z.literal("email"), to: emailAddress });

/** A delivery channel as sent: a signed webhook, an email address or the live stream. */
export const ChannelInput = z.discriminatedUnion("type", [
  WebhookInput,
  EmailInput,
  z.strictObject({ type: z.literal("sse") }),
]);

/** Channels as sent: at most 5, one `sse`, no URL or address twice. */
export const ChannelsInput = z.array(ChannelInput).max(5).superRefine((channels, ctx) => {
  if (channels.filter((c) => c.type === "sse").length > 1) {
    ctx.addIssue({ code: "custom", message: "Name the sse channel once" });
  }
  const urls = channels.flatMap((c) => (c.type === "webhook" ? [c.url] : []));
  const twice = urls.find((u, i) => urls.indexOf(u) !== i);
  if (twice) ctx.addIssue({ code: "custom", message: `Webhook "${twice}" is listed twice` });
  const to = channels.flatMap((c) => (c.type === "email" ? [c.to.toLowerCase()] : []));
  const again = to.find((a, i) => to.indexOf(a) !== i);
  if (again) ctx.addIssue({ code: "custom", message: `Email "${again}" is listed twice` });
});

/** A rule as sent by `POST` and `PUT /api/alerts/rules`. */
export const RuleInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  match: z.enum(["all", "any"]).default("all"),
  conditions: z.array(ConditionInput).min(1).max(10),
  cooldown: duration(30 * DAY_MS, "P30D").nullable().optional().openapi({
    description: "After a firing, the rule cannot fire again for this long",
  }),
  channels: ChannelsInput.default([]),
  escalate_after: duration(30 * DAY_MS, "P30D").nullable().optional().openapi({
    description:
      "A firing event not acknowledged this long after it fired is sent to escalation_channels, and again every interval until acknowledged or resolved",
    example: "PT30M",
  }),
  escalation_channels: ChannelsInput.default([]),
  enabled: z.boolean().default(true),
}).superRefine((r, ctx) => {
  if (r.escalate_after && r.escalation_channels.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["escalation_channels"],
      message: "Name at least one escalation channel with escalate_after",
    });
  }
  if (!r.escalate_after && r.escalation_channels.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["escalate_after"],
      message: "Set escalate_after (e.g. PT30M) with escalation_channels",
    });
  }
}).openapi("AlertRuleInput");

/** A parsed rule input. */
export type RuleInputValue = z.infer<typeof RuleInput>;
/** A parsed channel input. */
export type ChannelInputValue = z.infer<typeof ChannelInput>;

/** A channel as stored: webhooks with their secret. */
export type StoredChannel =
  | { type: "webhook"; url: string; secret: string }
  | { type: "email"; to: string }
  | { type: "sse" };

/**
 * A condition with its defaults: `agg` (`last`, or `avg` with a window),
 * `window` (`PT1H` for avg/min/max) and `deadband` (0).
 */
export function normalizeCondition(c: z.infer<typeof ConditionInput>): Condition {
  if (c.type === "stale") return c;
  const agg = c.agg ?? (c.window ? "avg" : "last");
  const window = c.window ?? (agg === "last" ? undefined : DEFAULT_WINDOW);
  return {
    type: "threshold",
    series: c.series,
    op: c.op,
    value: c.value,
    agg,
    ...(window ? { window } : {}),
    ...(c.for ? { for: c.for } : {}),
    deadband: c.deadband ?? 0,
  };
}

/** A new random webhook secret: `whsec_` and 32 random bytes in hexadecimal. */
export function generateSecret(): string {
  return `whsec_${hex(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/**
 * Channels to store: each webhook keeps the secret sent, else the secret it
 * had before (same URL), else a new one. Returns the URLs given new secrets.
 */
export function storeChannels(
  channels: ChannelInputValue[],
  previous: readonly StoredChannel[] = [],
): { channels: StoredChannel[]; generated: Map<string, string> } {
  const generated = new Map<string, string>();
  const stored = channels.map((c): StoredChannel => {
    if (c.type === "sse") return { type: "sse" };
    if (c.type === "email") return { type: "email", to: c.to };
    const kept = previous.find((p) => p.type === "webhook" && p.url === c.url);
    let secret = c.secret ?? (kept?.type === "webhook" ? kept.secret : undefined);
    if (secret === undefined) {
      secret = generateSecret();
      generated.set(c.url, secret);
    }
    return { type: "webhook", url: c.url, secret };
  });
  return { channels: stored, generated };
}

/** A webhook secret's masked hint: its last four characters. */
export function secretHint(secret: string): string {
  return `••••${secret.slice(-4)}`;
}

/** A channel as the API shows it. */
export const ChannelView = z.union([
  z.object({
    type: z.literal("webhook"),
    url: z.string(),
    secret_hint: z.string().openapi({ description: "The secret's last four characters" }),
    secret: z.string().optional().openapi({
      description: "Only in the answer that generated it; never shown again",
    }),
  }),
  z.object({ type: z.literal("email"), to: z.string() }),
  z.object({ type: z.literal("sse") }),
]).openapi("AlertChannel");

/** Channels for a response; `generated` secrets appear this once. */
export function channelViews(
  channels: readonly StoredChannel[],
  generated: ReadonlyMap<string, string> = new Map(),
): z.infer<typeof ChannelView>[] {
  return channels.map((c) => {
    if (c.type === "sse") return { type: "sse" as const };
    if (c.type === "email") return { type: "email" as const, to: c.to };
    const secret = generated.get(c.url);
    return {
      type: "webhook" as const,
      url: c.url,
      secret_hint: secretHint(c.secret),
      ...(secret ? { secret } : {}),
    };
  });
}
