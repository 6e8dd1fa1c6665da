/**
 * Shared by the alert route tests: the rule from the issue, a shortcut to
 * create it through the API, and events written straight to the database.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { TestDatabase } from "./_db.ts";
import { bearer, jsonBody, type SignedUp } from "./_accounts.ts";
import {
  type AlertEventRow,
  insertAlertEvents,
  type NewAlertEvent,
} from "../alerts/events_store.ts";

/** The example rule: scarce reserves, high North prices, stale wind data. */
export const SCARCITY = {
  name: "Scarcity",
  match: "all",
  conditions: [
    { type: "threshold", series: "reserves.prc", op: "<", value: 3000, for: "PT15M" },
    { type: "threshold", series: "spp.rt.hb_north", op: ">", value: 1000, agg: "avg" },
    { type: "stale", series: "gen.wind", minutes: 10 },
  ],
  cooldown: "PT1H",
  channels: [
    { type: "webhook", url: "https://example.com/hook", secret: "s3cret-for-example-hook" },
    { type: "sse" },
  ],
  enabled: true,
};

/** A rule as the API answers it (the members the tests read). */
export type RuleBody = {
  id: string;
  channels: Record<string, string>[];
  state: unknown;
  enabled: boolean;
};

/** Creates a rule as `user` through the API; asserts a 201. */
export async function createRule(
  app: OpenAPIHono,
  user: SignedUp,
  body: object = SCARCITY,
): Promise<RuleBody> {
  const res = await app.request("/api/alerts/rules", jsonBody("POST", body, bearer(user.access)));
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json() as RuleBody;
}

/** Stores an event for `user_id` (a grid-condition firing unless overridden). */
export async function storeEvent(
  db: TestDatabase,
  e: Partial<NewAlertEvent> & { user_id: string },
): Promise<AlertEventRow> {
  const [row] = await insertAlertEvents(db.db.sql, [{
    rule_id: null,
    builtin: "grid-condition",
    name: "ERCOT grid condition: EEA 1",
    state: "firing",
    value: 1,
    instant: new Date("2026-01-01T00:00:00Z"),
    details: {},
    ...e,
  }], new Date("2026-01-01T00:00:00Z"));
  return row;
}
