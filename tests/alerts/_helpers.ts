/**
 * Shared by the alert tests: users and rules written straight to the
 * database, generated series, a notifier with a recording bus and no waits,
 * and a local webhook receiver.
 *
 * @module
 */
import { createHmac } from "node:crypto";
import type { Sql } from "../../db/client.ts";
import type { TestDatabase } from "../_db.ts";
import { insertUser } from "../../auth/users_store.ts";
import { ensureSeries } from "../../db/series.ts";
import { writeObservations } from "../../db/observations.ts";
import { type AlertRuleWithState, insertRule, type RuleFields } from "../../alerts/rules_store.ts";
import { type BusEvent, createEventBus, type EventBus } from "../../bus/events.ts";
import {
  type ChannelInputValue,
  normalizeCondition,
  RuleInput,
  type StoredChannel,
} from "../../alerts/schemas.ts";
import { createNotifier, type Notifier, type NotifierOptions } from "../../alerts/notify.ts";
import { type AlertEventRow, insertAlertEvents } from "../../alerts/events_store.ts";

/** A stored firing event ("Scarcity", 2875.5 on reserves.prc) of a new user's rule at `at`. */
export async function firingEvent(
  db: TestDatabase,
  at = new Date("2026-01-01T00:05:00Z"),
): Promise<AlertEventRow> {
  const userId = await makeUser(db.db.sql, "owner@example.com");
  const rule = await makeRule(db.db.sql, userId, {
    conditions: [{ type: "threshold", series: "reserves.prc", op: "<", value: 3000 }],
  });
  const [event] = await insertAlertEvents(db.db.sql, [{
    user_id: userId,
    rule_id: rule.id,
    builtin: null,
    name: "Scarcity",
    state: "firing",
    value: 2875.5,
    instant: at,
    details: { match: "all" },
  }], at);
  return event;
}

/** Creates a user; returns its id. */
export async function makeUser(sql: Sql, email: string): Promise<string> {
  const user = await insertUser(sql, {
    email,
    passwordHash: "not-a-hash",
    role: "user",
    now: new Date("2026-01-01T00:00:00Z"),
  });
  return user.id;
}

const withSecret = (c: ChannelInputValue): StoredChannel =>
  c.type !== "webhook" ? c : { ...c, secret: c.secret ?? "test-secret-0123456789" };

/** Stores a rule for `userId` from an API-shaped body (validated and normalized like the API). */
export async function makeRule(
  sql: Sql,
  userId: string,
  body: Record<string, unknown>,
): Promise<AlertRuleWithState> {
  const input = RuleInput.parse({ name: "Test rule", ...body });
  const fields: RuleFields = {
    name: input.name,
    match: input.match,
    conditions: input.conditions.map(normalizeCondition),
    cooldown: input.cooldown ?? null,
    channels: input.channels.map(withSecret),
    escalate_after: input.escalate_after ?? null,
    escalation_channels: input.escalation_channels.map(withSecret),
    enabled: input.enabled,
  };
  return await insertRule(sql, userId, fields, new Date("2026-01-01T00:00:00Z"));
}

/** Registers a series (interval in seconds) and writes `[iso instant, value]` points. */
export async function writeSeries(
  db: TestDatabase,
  key: string,
  intervalSeconds: number,
  points: [string | Date, number][],
): Promise<void> {
  const ids = await ensureSeries(db.db.sql, [{
    key,
    name: key,
    unit: "MW",
    intervalSeconds,
    feed: "test",
  }]);
  const rows = points.map(([ts, value]) => ({ seriesId: ids.get(key)!, ts: new Date(ts), value }));
  await writeObservations(db.db.sql, rows, { variant: db.migration.variant });
}

/** A bus over the test database that keeps every event it sees. */
export async function recordingBus(db: TestDatabase): Promise<{ bus: EventBus; seen: BusEvent[] }> {
  const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
  const seen: BusEvent[] = [];
  await bus.subscribe((e) => seen.push(e));
  return { bus, seen };
}

/** A notifier whose waits are recorded instead of slept; its jitter always draws 0.5. */
export function quickNotifier(
  db: TestDatabase,
  bus: EventBus,
  opts: Partial<NotifierOptions> = {},
): { notifier: Notifier; waits: number[] } {
  const waits: number[] = [];
  const notifier = createNotifier({
    sql: db.db.sql,
    bus,
    allowPrivate: true,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...opts,
  });
  return { notifier, waits };
}

/** A request a receiver saw. */
export interface Received {
  headers: Headers;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 (port 0) answering each request with the
 * next status of `statuses` (the last one repeats).
 */
export function receiver(statuses: number[], headers: Record<string, string> = {}) {
  const received: Received[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    received.push({ headers: req.headers, body: await req.text() });
    const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
    return new Response(status === 204 ? null : "ok", { status, headers });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hook`,
    received,
    close: () => server.shutdown(),
  };
}

/** The signature a receiver expects, computed independently with node:crypto. */
export function expectedSignature(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}
