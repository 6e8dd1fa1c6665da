/**
 * Delivering alert events: to the live stream (an `alert` event on the bus,
 * for rules with an `sse` channel), to webhooks (`webhook.ts`) and by email
 * (`email.ts`).
 *
 * A webhook receives `POST` with a JSON body and
 * `X-Ercot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * (also `X-Ercot-Timestamp`, `X-Ercot-Event`, `X-Ercot-Delivery` and
 * `X-Ercot-Attempt`). Network errors, timeouts (10 s), 429 and 5xx are
 * retried with jittered exponential backoff, or after the wait a
 * `Retry-After` asks for (seconds or HTTP-date, at most 60 s); redirects are
 * not followed; a refused target is not contacted, and the refusal is logged
 * with its reason. Emails are retried on network errors, timeouts and 4xx
 * answers; a 5xx answer is final.
 *
 * Deliveries are queued in the database (`alerts/deliveries_store.ts`) before any
 * attempt, and every attempt is claimed there first, so an attempt id is sent
 * at most once; deliveries a stopped process left pending are picked up by
 * {@link Notifier.resume} on the leader once their lease has passed. The
 * delivery id stays the same across attempts and processes, so receivers
 * dedupe on `X-Ercot-Delivery`.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { EventBus } from "../bus/events.ts";
import type { AlertEventRow } from "./events_store.ts";
import {
  claimAttempt,
  type DeliveryPayload,
  enqueueDelivery,
  type QueuedDelivery,
  recordAttempt,
  resumableDeliveries,
} from "./deliveries_store.ts";
import { type ResolveDns, systemResolver } from "./address.ts";
import type { Connect } from "./pinned_post.ts";
import { retry, retrySettings } from "../resilience/mod.ts";
import type { StoredChannel } from "./schemas.ts";
import { log } from "../log/logger.ts";
import type { SmtpConfig } from "../config.ts";
import { emailMessage, sendEmail } from "./email.ts";
import { ackLink } from "./ack_link.ts";
import { type Attempt, attemptWebhook, webhookBody } from "./webhook.ts";
import { sleep } from "../util/sleep.ts";

export { signWebhook, webhookBody } from "./webhook.ts";

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
  /** The service's public address, for the event link in emails and acknowledge links. */
  publicUrl?: string;
  /** The JWT secret, which acknowledge links are signed off (none: no links). */
  ackSecret?: () => Promise<Uint8Array>;
}

/** Sends events to their channels. */
export interface Notifier {
  /**
   * Publishes the event on the bus when `channels` has `sse`, queues a
   * delivery per webhook and email channel and starts sending them in the
   * background (a stopped notifier only queues them). `series` are the keys
   * the rule reads (for the stream's prefix filter).
   */
  dispatch(
    event: AlertEventRow,
    channels: readonly StoredChannel[],
    series?: string[],
  ): Promise<void>;
  /** Starts sending the queued deliveries no live notifier holds; resolves with how many. */
  resume(): Promise<number>;
  /** Makes no further attempts; what is pending stays queued for the next `resume`. */
  stop(): void;
  /** Resolves once every delivery started so far has finished or stopped. */
  settled(): Promise<void>;
}

const MAX_WAIT_MS = 60_000;

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

type Resolved =
  & Required<Omit<NotifierOptions, "caCerts" | "smtp" | "publicUrl" | "ackSecret">>
  & Pick<NotifierOptions, "caCerts" | "smtp" | "publicUrl" | "ackSecret">
  & { owner: string; stopped: boolean };

/** Creates a notifier. */
export function createNotifier(opts: NotifierOptions): Notifier {
  const o: Resolved = {
    clock: () => new Date(),
    resolveDns: systemResolver,
    connect: (o) => Deno.connect(o),
    warn: (message) => log.warn(message),
    sleep,
    random: Math.random,
    timeoutMs: 10_000,
    maxAttempts: 5,
    baseDelayMs: 1_000,
    ...opts,
    owner: crypto.randomUUID(),
    stopped: false,
  };
  if (!(o.timeoutMs > 0) || !(o.maxAttempts >= 1) || !(o.baseDelayMs >= 0)) {
    throw new RangeError(
      `Notifier timeoutMs ${o.timeoutMs} and maxAttempts ${o.maxAttempts} must be positive and baseDelayMs ${o.baseDelayMs} not negative`,
    );
  }
  retrySettings(retryOptions(o));
  const inflight = new Map<string, Promise<void>>();
  const start = (d: QueuedDelivery) => {
    const p: Promise<void> = deliver(o, d)
      .catch((err) => log.error(`Cannot deliver alert ${d.event.id} to ${d.url}`, { error: err }))
      .finally(() => inflight.delete(d.id));
    inflight.set(d.id, p);
  };
  return {
    async dispatch(event, channels, series = []) {
      if (channels.some((c) => c.type === "sse")) {
        await o.bus.publish("alert", alertPayload(event, series));
      }
      for (const c of channels) {
        if (c.type === "sse") continue;
        const d = c.type === "webhook"
          ? { channel: c.type, url: c.url, payload: { secret: c.secret } }
          : { channel: c.type, url: `mailto:${c.to}`, payload: { to: c.to } };
        const now = o.clock();
        const mine = !o.stopped;
        const id = await enqueueDelivery(o.sql, {
          eventId: event.id,
          ...d,
          now,
          claimedBy: mine ? o.owner : null,
          leaseUntil: mine ? lease(o, now) : null,
        });
        if (mine) start({ id, ...d, event });
      }
    },
    async resume() {
      if (o.stopped) return 0;
      const due = (await resumableDeliveries(o.sql, o.clock())).filter((d) => !inflight.has(d.id));
      for (const d of due) start(d);
      return due.length;
    },
    stop() {
      o.stopped = true;
    },
    async settled() {
      while (inflight.size > 0) await Promise.all([...inflight.values()]);
    },
  };
}

/** How long a claimed attempt, and the longest wait after it, may take before others may resume. */
function lease(o: Resolved, now: Date): Date {
  return new Date(now.getTime() + 2 * o.timeoutMs + MAX_WAIT_MS);
}

function retryOptions(o: Resolved) {
  const { sleep, random, baseDelayMs } = o;
  return { retries: o.maxAttempts - 1, baseDelayMs, maxDelayMs: MAX_WAIT_MS, sleep, random };
}

async function deliver(o: Resolved, d: QueuedDelivery): Promise<void> {
  const p: DeliveryPayload = d.payload;
  const ackUrl = o.publicUrl && o.ackSecret
    ? await ackLink(o.publicUrl, await o.ackSecret(), d.event)
    : undefined;
  if ("secret" in p) {
    const body = webhookBody(d.event, ackUrl);
    await attemptWithRetries(
      o,
      d.id,
      (attempt) =>
        attemptWebhook(o, {
          id: d.id,
          attempt,
          url: d.url,
          secret: p.secret,
          body,
          event: d.event,
        }),
    );
    return;
  }
  const message = emailMessage(d.event, {
    units: await seriesUnits(o.sql, d.event),
    publicUrl: o.publicUrl,
    ackUrl,
  });
  await attemptWithRetries(o, d.id, async (attempt) => {
    const started = performance.now();
    if (!o.smtp) {
      return { outcome: "failed", code: null, error: "No SMTP server is configured", ms: 0 };
    }
    const r = await sendEmail(o.smtp, p.to, message, {
      timeoutMs: o.timeoutMs,
      caCerts: o.caCerts,
      delivery: { id: d.id, attempt },
    });
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

/**
 * Claims and makes attempts until one is final or `maxAttempts` (counted in
 * the database, across processes) are used; stops quietly when the notifier
 * stops or another one holds the delivery.
 */
async function attemptWithRetries(
  o: Resolved,
  id: string,
  attempt: (n: number) => Promise<Attempt>,
): Promise<void> {
  await retry(async () => {
    const claimedAt = o.clock();
    const n = o.stopped
      ? null
      : await claimAttempt(o.sql, id, o.owner, claimedAt, lease(o, claimedAt));
    if (n === null) return { value: undefined };
    const a = await attempt(n);
    const last = n >= o.maxAttempts;
    const status = a.outcome === "retry" ? (last ? "failed" : "pending") : a.outcome;
    const at = o.clock();
    await recordAttempt(o.sql, id, {
      status,
      attempts: a.outcome === "refused" ? n - 1 : n,
      responseCode: a.code,
      error: a.error,
      ms: a.ms,
      at,
      leaseUntil: lease(o, at),
    });
    if (a.outcome === "delivered") return { value: undefined };
    return {
      failure: a.error ?? "",
      retryAfterMs: a.retryAfterMs,
      final: a.outcome !== "retry" || last,
    };
  }, retryOptions(o));
}
