/**
 * One webhook attempt: the signed `POST` of an event's JSON body to a host
 * resolved afresh and vetted (`address.ts`), on a connection to a vetted
 * address (`pinned_post.ts`), within one deadline.
 *
 * @module
 */
import { type AlertEventRow, eventFields } from "./events_store.ts";
import { type ResolveDns, resolveTarget } from "./address.ts";
import { type Connect, pinnedPost } from "./pinned_post.ts";
import { hex } from "../util/digest.ts";
import { parseRetryAfter, TimeoutError, withTimeout } from "../resilience/mod.ts";

/** What one attempt came to. */
export interface Attempt {
  outcome: "delivered" | "retry" | "failed" | "refused";
  code: number | null;
  error: string | null;
  ms: number;
  retryAfterMs?: number;
}

/** The settings an attempt uses (the notifier's). */
export interface WebhookSettings {
  allowPrivate: boolean;
  clock: () => Date;
  resolveDns: ResolveDns;
  connect: Connect;
  caCerts?: string[];
  warn: (message: string) => void;
  timeoutMs: number;
}

/** One attempt of one delivery. */
export interface WebhookAttempt {
  /** The delivery's id (`X-Ercot-Delivery`). */
  id: string;
  /** The attempt's number, from 1 (`X-Ercot-Attempt`). */
  attempt: number;
  url: string;
  secret: string;
  body: string;
  event: AlertEventRow;
}

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

/**
 * The JSON body a webhook receives; `escalation` (the re-send's number) on
 * escalations, `ack_url` when acknowledge links are signed.
 */
export function webhookBody(e: AlertEventRow, ackUrl?: string): string {
  const { id, ...fields } = eventFields(e);
  return JSON.stringify({
    id,
    type: `alert.${e.state}`,
    ...fields,
    ...(e.escalations > 0 ? { escalation: e.escalations } : {}),
    ...(ackUrl ? { ack_url: ackUrl } : {}),
  });
}

type Done = (
  outcome: Attempt["outcome"],
  code: number | null,
  error: string | null,
  retryAfterMs?: number,
) => Attempt;

/** Posts once; never throws. */
export async function attemptWebhook(o: WebhookSettings, d: WebhookAttempt): Promise<Attempt> {
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
  o: WebhookSettings,
  d: WebhookAttempt,
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

async function webhookHeaders(d: WebhookAttempt, t: number): Promise<Record<string, string>> {
  return {
    "content-type": "application/json",
    "user-agent": "ercot-analytics-alerts/1",
    "x-ercot-event": `alert.${d.event.state}`,
    "x-ercot-delivery": d.id,
    "x-ercot-attempt": String(d.attempt),
    "x-ercot-timestamp": String(t),
    "x-ercot-signature": `t=${t},v1=${await signWebhook(d.secret, t, d.body)}`,
  };
}
