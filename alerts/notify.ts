/**
 * Delivering alert events: to the live stream (an `alert` event on the bus,
 * for rules with an `sse` channel), to webhooks and by email (`email.ts`;
 * logged with the target `mailto:<address>`, retried like webhooks on
 * network errors, timeouts and 4xx answers; a 5xx answer is final).
 *
 * A webhook receives `POST` with a JSON body and
 * `X-Ercot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * (also `X-Ercot-Timestamp`, `X-Ercot-Event`, `X-Ercot-Delivery`). Network
 * errors, timeouts (10 s), 429 and 5xx are retried with jittered exponential
 * backoff, or after the wait a `Retry-After` asks for (seconds or HTTP-date,
 * at most 60 s); redirects are not followed. Each attempt resolves the host afresh, vets
 * every address (`address.ts`) and connects to a vetted one itself
 * (`pinned_post.ts`); a refused target is not contacted, and the refusal is
 * logged with its reason. Every delivery is logged in `webhook_deliveries`,
 * updated after each attempt.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { EventBus } from "../db/events.ts";
import { type AlertEventRow, insertDelivery, updateDelivery } from "../db/alert_events.ts";
import { type ResolveDns, resolveTarget, systemResolver } from "./address.ts";
import { type Connect, pinnedPost } from "./pinned_post.ts";
import { hex } from "../util/digest.ts";
import {
  parseRetryAfter,
  retry,
  retrySettings,
  TimeoutError,
  withTimeout,
} from "../resilience/mod.ts";
import type { StoredChannel } from "./schema.ts";
import { log } from "../log/logger.ts";
import type { SmtpConfig } from "../config.ts";
import { emailMessage, sendEmail } from "./email.ts";

/** Options of {@link createNotifier}. */
export interface NotifierOptions {
  sql: Sql;
  bus: EventBus;
  /** Deliver to loopback and private addresses too (`ALERT_WEBHOOK_ALLOW_PRIVATE`). */
  allowPrivate: boolean;
  /** The signature's clock (the system clock). */
  clock?: () => Date;
  /** Host name resolver (`Deno.resolveDns`), asked at every attempt. */
  resolveDns?: ResolveDns;
  /** Opens the TCP connection to a vetted address (`Deno.connect`). */
  connect?: Connect;
  /** Extra PEM root certificates for `https:` receivers (none: the built-in roots). */
  caCerts?: string[];
  /** Where refused deliveries are reported (`log.warn`). */
  warn?: (message: string) => void;
  /** Waits between attempts (`setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform random in [0, 1) for the backoff's jitter (`Math.random`). */
  random?: () => number;
  /** Per-attempt timeout in milliseconds (10,000). */
  timeoutMs?: number;
  /** Attempts per delivery, the first included (5). */
  maxAttempts?: number;
  /** Backoff base: retry n (from 0) waits a random time under `baseDelayMs × 2^n` (1,000 ms). */
  baseDelayMs?: number;
  /** Outgoing mail for email channels; without it they are logged as failed. */
  smtp?: SmtpConfig;
  /** The service's public address, for the event link in emails. */
  publicUrl?: string;
}

/** Sends events to their channels. */
export interface Notifier {
  /**
   * Publishes the event on the bus when `channels` has `sse`, logs a delivery
   * per webhook and starts sending them in the background. `series` are the
   * keys the rule reads (for the stream's prefix filter).
   */
  dispatch(
    event: AlertEventRow,
    channels: readonly StoredChannel[],
    series?: string[],
  ): Promise<void>;
  /** Resolves once every delivery started so far has finished. */
  settled(): Promise<void>;
}

const MAX_WAIT_MS = 60_000;

/**
 * Signs a webhook body: hex HMAC-SHA256 of `<timestamp>.<body>` under `secret`.
 *
 * @example await signWebhook("whsec_…", 1767225600, '{"id":"…"}')
 */
export async function signWebhook(
  secret: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return hex(
    new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(`${timestamp}.${body}`))),
  );
}

/** The `alert` bus event's payload for a stored event. */
export function alertPayload(e: AlertEventRow, series: string[] = []): Record<string, unknown> {
  return {
    event_id: e.id,
    rule_id: e.rule_id,
    builtin: e.builtin,
    user_id: e.user_id,
    name: e.name,
    state: e.state,
    value: e.value,
    instant: e.instant.toISOString(),
    series,
  };
}

/** The JSON body a webhook receives. */
export function webhookBody(e: AlertEventRow): string {
  return JSON.stringify({
    id: e.id,
    type: `alert.${e.state}`,
    rule_id: e.rule_id,
    builtin: e.builtin,
    name: e.name,
    state: e.state,
    value: e.value,
    instant: e.instant.toISOString(),
    details: e.details,
  });
}

type Resolved =
  & Required<Omit<NotifierOptions, "caCerts" | "smtp" | "publicUrl">>
  & Pick<NotifierOptions, "caCerts" | "smtp" | "publicUrl">;

/** Creates a notifier. */
export function createNotifier(opts: NotifierOptions): Notifier {
  const o: Resolved = {
    clock: () => new Date(),
    resolveDns: systemResolver,
    connect: (o) => Deno.connect(o),
    warn: (message) => log.warn(message),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    timeoutMs: 10_000,
    maxAttempts: 5,
    baseDelayMs: 1_000,
    ...opts,
  };
  if (!(o.timeoutMs > 0) || !(o.maxAttempts >= 1) || !(o.baseDelayMs >= 0)) {
    throw new RangeError(
      `Notifier timeoutMs ${o.timeoutMs} and maxAttempts ${o.maxAttempts} must be positive and baseDelayMs ${o.baseDelayMs} not negative`,
    );
  }
  retrySettings(retryOptions(o));
  const inflight = new Set<Promise<void>>();
  return {
    async dispatch(event, channels, series = []) {
      if (channels.some((c) => c.type === "sse")) {
        await o.bus.publish("alert", alertPayload(event, series));
      }
      for (const c of channels) {
        if (c.type === "sse") continue;
        const target = c.type === "webhook" ? c.url : `mailto:${c.to}`;
        const id = await insertDelivery(o.sql, event.id, target, o.clock());
        const sent = c.type === "webhook"
          ? deliver(o, { id, url: c.url, secret: c.secret, body: webhookBody(event), event })
          : deliverEmail(o, id, c.to, event);
        const p: Promise<void> = sent
          .catch((err) =>
            log.error(`Cannot deliver alert ${event.id} to ${target}`, { error: err })
          )
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
    },
    async settled() {
      while (inflight.size > 0) await Promise.all([...inflight]);
    },
  };
}

interface Delivery {
  id: string;
  url: string;
  secret: string;
  body: string;
  event: AlertEventRow;
}

interface Attempt {
  outcome: "delivered" | "retry" | "failed" | "refused";
  code: number | null;
  error: string | null;
  ms: number;
  retryAfterMs?: number;
}

function retryOptions(o: Resolved) {
  const { sleep, random, baseDelayMs } = o;
  return { retries: o.maxAttempts - 1, baseDelayMs, maxDelayMs: MAX_WAIT_MS, sleep, random };
}

async function deliver(o: Resolved, d: Delivery): Promise<void> {
  await attemptWithRetries(o, d.id, () => attemptOnce(o, d));
}

async function deliverEmail(o: Resolved, id: string, to: string, e: AlertEventRow) {
  const message = emailMessage(e, { units: await seriesUnits(o.sql, e), publicUrl: o.publicUrl });
  await attemptWithRetries(o, id, async () => {
    const started = performance.now();
    if (!o.smtp) {
      return { outcome: "failed", code: null, error: "No SMTP server is configured", ms: 0 };
    }
    const r = await sendEmail(o.smtp, to, message, { timeoutMs: o.timeoutMs, caCerts: o.caCerts });
    const ms = performance.now() - started;
    return { ...r, error: r.outcome === "delivered" ? null : r.error, ms };
  });
}

async function seriesUnits(sql: Sql, e: AlertEventRow): Promise<Map<string, string>> {
  const keys = ((e.details.conditions ?? []) as { series: string }[]).map((c) => c.series);
  if (keys.length === 0) return new Map();
  const rows = await sql<{ key: string; unit: string }[]>`
    select key, unit from series where key = any(${keys}::text[])`;
  return new Map(rows.map((r) => [r.key, r.unit]));
}

async function attemptWithRetries(
  o: Resolved,
  id: string,
  attempt: () => Promise<Attempt>,
): Promise<void> {
  let spent = 0;
  await retry(async ({ index, lastChance }) => {
    const a = await attempt();
    spent += a.ms;
    const status = a.outcome === "retry" ? (lastChance ? "failed" : "pending") : a.outcome;
    await updateDelivery(o.sql, id, {
      status,
      attempts: a.outcome === "refused" ? index : index + 1,
      responseCode: a.code,
      error: a.error,
      durationMs: Math.round(spent),
      at: o.clock(),
    });
    if (a.outcome === "delivered") return { value: undefined };
    return { failure: a.error ?? "", retryAfterMs: a.retryAfterMs, final: a.outcome !== "retry" };
  }, retryOptions(o));
}

type Done = (
  outcome: Attempt["outcome"],
  code: number | null,
  error: string | null,
  retryAfterMs?: number,
) => Attempt;

async function attemptOnce(o: Resolved, d: Delivery): Promise<Attempt> {
  const started = performance.now();
  const host = new URL(d.url).host;
  const done: Done = (outcome, code, error, retryAfterMs) => ({
    outcome,
    code,
    error,
    ms: performance.now() - started,
    retryAfterMs,
  });
  try {
    // One deadline for the whole attempt, the name's resolution included.
    return await withTimeout(o.timeoutMs, (signal) => postOnce(o, d, signal, done));
  } catch (err) {
    const error = err instanceof TimeoutError
      ? `Webhook ${host} did not answer within ${o.timeoutMs / 1000} s`
      : `Cannot reach webhook ${host}: ${(err as Error).message}`;
    return done("retry", null, error);
  }
}

async function postOnce(
  o: Resolved,
  d: Delivery,
  signal: AbortSignal,
  done: Done,
): Promise<Attempt> {
  const host = new URL(d.url).host;
  const target = await resolveTarget(d.url, o.resolveDns, o.allowPrivate, signal);
  if ("refused" in target) {
    const error = `Refused webhook to ${d.url}: ${target.refused}`;
    o.warn(`Alert ${d.event.id}, delivery ${d.id}: ${error}`);
    return done("refused", null, error);
  }
  const res = await pinnedPost({
    url: new URL(d.url),
    addresses: target.addresses,
    headers: await webhookHeaders(d, Math.floor(o.clock().getTime() / 1000)),
    body: d.body,
    signal,
    caCerts: o.caCerts,
    connect: o.connect,
  });
  if (res.status >= 200 && res.status < 300) return done("delivered", res.status, null);
  const retryable = res.status === 429 || res.status >= 500;
  const redirect = res.status >= 300 && res.status < 400 ? "; redirects are not followed" : "";
  const error = `Webhook ${host} answered HTTP ${res.status}${redirect}`;
  const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), o.clock().getTime());
  return done(retryable ? "retry" : "failed", res.status, error, retryAfterMs);
}

async function webhookHeaders(d: Delivery, t: number): Promise<Record<string, string>> {
  return {
    "content-type": "application/json",
    "user-agent": "ercot-analytics-alerts/1",
    "x-ercot-event": `alert.${d.event.state}`,
    "x-ercot-delivery": d.id,
    "x-ercot-timestamp": String(t),
    "x-ercot-signature": `t=${t},v1=${await signWebhook(d.secret, t, d.body)}`,
  };
}
