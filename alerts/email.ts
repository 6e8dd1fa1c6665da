/**
 * Alert emails: the message (plain text and HTML, the rule, each value with
 * its unit, the instant in Central time and UTC, a link to the event) and one
 * SMTP attempt through nodemailer with connection, greeting and socket
 * timeouts. The subject is built from the rule's name with every control
 * character (CR/LF included) turned into a space, so no header can be
 * injected through it.
 *
 * @module
 */
import nodemailer from "nodemailer";
import type { SmtpConfig } from "../config.ts";
import type { AlertEventRow } from "./events_store.ts";

/** A message ready to send. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** What {@link emailMessage} needs besides the event. */
export interface EmailContext {
  /** Units by series key (from the series table). */
  units: ReadonlyMap<string, string>;
  /** The service's public address; the link is omitted without it. */
  publicUrl?: string;
  /** The signed one-click acknowledge link. */
  ackUrl?: string;
}

/** The outcome of one SMTP attempt. */
export type SendOutcome =
  | { outcome: "delivered"; code: number | null }
  | { outcome: "retry" | "failed"; code: number | null; error: string };

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** Text with every run of control characters (CR and LF included) replaced by one space. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, " ").trim();
}

const central = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Chicago",
  dateStyle: "medium",
  timeStyle: "long",
});

/** An instant as `Jan 1, 2026, 6:05:00 PM CST (2026-01-02T00:05:00Z)`. */
export function bothZones(d: Date): string {
  return `${central.format(d)} (${d.toISOString().replace(".000Z", "Z")})`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface ConditionDetail {
  series: string;
  condition: string;
  value: number | null;
  met: boolean;
}

function conditionLines(e: AlertEventRow, units: ReadonlyMap<string, string>): string[] {
  const conditions = (e.details.conditions ?? []) as ConditionDetail[];
  return conditions.map((c) => {
    const unit = units.get(c.series);
    const value = c.value === null ? "no data" : `${c.value}${unit ? ` ${unit}` : ""}`;
    return `${c.condition}: ${value}${c.met ? " (met)" : ""}`;
  });
}

/** The subject, text and HTML of an event's email. */
export function emailMessage(e: AlertEventRow, ctx: EmailContext): EmailMessage {
  const verb = e.state === "resolved"
    ? "Resolved"
    : e.escalations > 0
    ? `Escalated (${e.escalations}), not acknowledged`
    : "Firing";
  const subject = oneLine(`[ERCOT Analytics] ${verb}: ${e.name}`).slice(0, 200);
  const link = ctx.publicUrl ? `${ctx.publicUrl}/alerts?event=${e.id}` : null;
  const lines = [
    `Rule: ${oneLine(e.name)}`,
    `State: ${e.state}`,
    `Value: ${e.value === null ? "none" : e.value}`,
    `At: ${bothZones(e.instant)}`,
    ...conditionLines(e, ctx.units).map((l) => `- ${l}`),
    ...(link ? [`Event: ${link}`] : [`Event id: ${e.id}`]),
    ...(ctx.ackUrl ? [`Acknowledge: ${ctx.ackUrl}`] : []),
  ];
  const items = conditionLines(e, ctx.units).map((l) => `<li>${escapeHtml(l)}</li>`).join("");
  const html = [
    `<h2>${escapeHtml(verb)}: ${escapeHtml(oneLine(e.name))}</h2>`,
    `<p>Value: <b>${e.value === null ? "none" : e.value}</b><br>`,
    `At: ${escapeHtml(bothZones(e.instant))}</p>`,
    items ? `<ul>${items}</ul>` : "",
    link ? `<p><a href="${escapeHtml(link)}">Open the event</a></p>` : "",
    ctx.ackUrl ? `<p><a href="${escapeHtml(ctx.ackUrl)}">Acknowledge</a></p>` : "",
  ].join("\n");
  return { subject, text: `${lines.join("\n")}\n`, html };
}

/** Milliseconds each SMTP stage may take (connect, greeting, any socket silence). */
export interface SmtpTimeouts {
  timeoutMs: number;
}

interface MailError extends Error {
  responseCode?: number;
  code?: string;
}

/**
 * One SMTP attempt. A 5xx answer (a refused recipient or sender) is final;
 * a 4xx answer, a refused or dropped connection, or a timeout is worth retrying.
 */
export async function sendEmail(
  smtp: SmtpConfig,
  to: string,
  m: EmailMessage,
  o: SmtpTimeouts & { caCerts?: string[]; delivery?: { id: string; attempt: number } },
): Promise<SendOutcome> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
    tls: o.caCerts ? { ca: o.caCerts } : undefined,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      // One Message-ID per delivery: mail clients and relays drop a resent copy.
      ...(o.delivery
        ? {
          messageId: `<${o.delivery.id}@ercot-analytics.invalid>`,
          headers: {
            "X-Ercot-Delivery": o.delivery.id,
            "X-Ercot-Attempt": String(o.delivery.attempt),
          },
        }
        : {}),
    });
    const code = Number(String(info.response ?? "").slice(0, 3));
    return { outcome: "delivered", code: Number.isInteger(code) && code > 0 ? code : null };
  } catch (err) {
    const e = err as MailError;
    const code = typeof e.responseCode === "number" ? e.responseCode : null;
    const server = `SMTP ${smtp.host}:${smtp.port}`;
    const why = oneLine(e.message || (e as { errors?: Error[] }).errors?.[0]?.message || "") ||
      e.code || "unknown error";
    const error = code
      ? `${server} answered ${why}`
      : e.code === "ETIMEDOUT"
      ? `${server} did not answer within ${o.timeoutMs / 1000} s: ${why}`
      : `Cannot reach ${server}: ${e.code && !why.includes(e.code) ? `${e.code} ` : ""}${why}`;
    return { outcome: code !== null && code >= 500 ? "failed" : "retry", code, error };
  } finally {
    transport.close();
  }
}
