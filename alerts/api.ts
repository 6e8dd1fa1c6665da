/**
 * The alerts sub-app, mounted at `/api/alerts` (paths here are relative to
 * it). The signed-in user's alert rules: `GET`/`POST /api/alerts/rules`,
 * `GET`/`PUT`/`DELETE /api/alerts/rules/{id}` and
 * `POST /api/alerts/rules/{id}/enable|disable`. Another user's rule is a 404,
 * like an unknown id. Reads need the `read` scope, changes `write`. Webhook
 * secrets are never shown again after the answer that generated them. The
 * event history (`api_events.ts`) and the built-in rules (`api_builtin.ts`)
 * are mounted here too.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { normalizeCondition, RuleInput, type RuleInputValue, storeChannels } from "./schemas.ts";
import {
  type AlertRuleWithState,
  deleteRule,
  findRule,
  insertRule,
  listRules,
  type RuleFields,
  setRuleEnabled,
  updateRule,
} from "./rules_store.ts";
import { NotFoundError } from "../domain/errors.ts";
import type { Sql } from "../db/client.ts";
import type { Config } from "../config.ts";
import { IdParam, json, problems, registerSecuritySchemes } from "../http/schemas.ts";
import { AlertRuleSchema, checkSeries, checkTargets, ruleBody } from "./api_bodies.ts";
import { needs } from "../http/access.ts";
import { userOf } from "../http/principal.ts";
import { recordChange, ruleChange } from "../audit/record.ts";
import { alertEventRoutes } from "./api_events.ts";
import { builtinAlertRoutes } from "./api_builtin.ts";

/** What the alert routes need: the database, the clock and the channel and signing settings. */
export interface AlertsApiDeps {
  sql: Sql;
  /** The current instant; injected so tests control time. */
  clock: () => Date;
  config: Pick<Config, "alertWebhookAllowPrivate" | "smtp" | "jwtSecret">;
}

const reads = { tags: ["alerts"], ...needs("read") };
const writes = { tags: ["alerts"], ...needs("write") };
const body = { body: { content: { "application/json": { schema: RuleInput } }, required: true } };

const list = createRoute({
  ...reads,
  method: "get",
  path: "/rules",
  summary: "This account's alert rules",
  responses: {
    200: json(z.object({ rules: z.array(AlertRuleSchema) }), "Rules, oldest first"),
    ...problems(401, 403, 429),
  },
});

const create = createRoute({
  ...writes,
  method: "post",
  path: "/rules",
  summary: "Create an alert rule",
  request: body,
  responses: { 201: json(AlertRuleSchema, "The rule"), ...problems(400, 401, 403, 429) },
});

const one = createRoute({
  ...reads,
  method: "get",
  path: "/rules/{id}",
  summary: "One alert rule with its state",
  request: { params: IdParam },
  responses: { 200: json(AlertRuleSchema, "The rule"), ...problems(400, 401, 403, 404, 429) },
});

const replace = createRoute({
  ...writes,
  method: "put",
  path: "/rules/{id}",
  summary: "Replace an alert rule (its evaluation state starts afresh)",
  request: { params: IdParam, ...body },
  responses: { 200: json(AlertRuleSchema, "The rule"), ...problems(400, 401, 403, 404, 429) },
});

const remove = createRoute({
  ...writes,
  method: "delete",
  path: "/rules/{id}",
  summary: "Delete an alert rule and its events",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 429) },
});

const toggle = (action: "enable" | "disable") =>
  createRoute({
    ...writes,
    method: "post",
    path: `/rules/{id}/${action}`,
    summary: action === "enable" ? "Enable an alert rule" : "Disable an alert rule",
    request: { params: IdParam },
    responses: { 200: json(AlertRuleSchema, "The rule"), ...problems(400, 401, 403, 404, 429) },
  });

/** Validates a rule beyond its schema and turns it into what is stored. */
async function ruleFields(
  deps: AlertsApiDeps,
  input: RuleInputValue,
  previous?: AlertRuleWithState,
): Promise<{ fields: RuleFields; generated: Map<string, string> }> {
  const conditions = input.conditions.map(normalizeCondition);
  await checkSeries(deps.sql, conditions);
  const smtp = !!deps.config.smtp;
  checkTargets(input.channels, deps.config.alertWebhookAllowPrivate, smtp);
  checkTargets(
    input.escalation_channels,
    deps.config.alertWebhookAllowPrivate,
    smtp,
    "escalation_channels",
  );
  const { channels, generated } = storeChannels(input.channels, previous?.channels);
  const escalation = storeChannels(input.escalation_channels, previous?.escalation_channels);
  const fields = {
    name: input.name,
    match: input.match,
    conditions,
    cooldown: input.cooldown ?? null,
    channels,
    escalate_after: input.escalate_after ?? null,
    escalation_channels: escalation.channels,
    enabled: input.enabled,
  };
  return { fields, generated: new Map([...generated, ...escalation.generated]) };
}

const notFound = (id: string) => new NotFoundError(`Alert rule ${id} not found`);

/**
 * The alert routes: rules, events and built-in rules, to mount at `/api/alerts`.
 *
 * @example app.route("/api/alerts", alertsApi({ sql, clock, config }));
 */
export function alertsApi(deps: AlertsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  registerSecuritySchemes(app);
  app.openapi(list, async (c) => {
    const rows = await listRules(deps.sql, userOf(c).userId);
    return c.json({ rules: rows.map((r) => ruleBody(r)) }, 200);
  });
  app.openapi(create, async (c) => {
    const { fields, generated } = await ruleFields(deps, c.req.valid("json"));
    const row = await insertRule(deps.sql, userOf(c).userId, fields, deps.clock());
    await recordChange(c, deps, ruleChange("alert_rule_created", null, ruleBody(row)));
    return c.json(ruleBody(row, generated), 201);
  });
  app.openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const row = await findRule(deps.sql, id, userOf(c).userId);
    if (!row) throw notFound(id);
    return c.json(ruleBody(row), 200);
  });
  app.openapi(replace, async (c) => {
    const { id } = c.req.valid("param");
    const { userId } = userOf(c);
    const existing = await findRule(deps.sql, id, userId);
    if (!existing) throw notFound(id);
    const { fields, generated } = await ruleFields(deps, c.req.valid("json"), existing);
    const row = await updateRule(deps.sql, id, userId, fields, deps.clock());
    if (!row) throw notFound(id);
    await recordChange(
      c,
      deps,
      ruleChange("alert_rule_updated", ruleBody(existing), ruleBody(row)),
    );
    return c.json(ruleBody(row, generated), 200);
  });
  mountDeleteAndToggles(app, deps);
  app.route("/", alertEventRoutes(deps));
  app.route("/", builtinAlertRoutes(deps));
  return app;
}

function mountDeleteAndToggles(app: OpenAPIHono, deps: AlertsApiDeps): void {
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    const was = await findRule(deps.sql, id, userOf(c).userId);
    if (!was || !(await deleteRule(deps.sql, id, userOf(c).userId))) throw notFound(id);
    await recordChange(c, deps, ruleChange("alert_rule_deleted", ruleBody(was), null));
    return c.body(null, 204);
  });
  for (const action of ["enable", "disable"] as const) {
    app.openapi(toggle(action), async (c) => {
      const { id } = c.req.valid("param");
      const enabled = action === "enable";
      const was = await findRule(deps.sql, id, userOf(c).userId);
      const row = await setRuleEnabled(deps.sql, id, userOf(c).userId, enabled, deps.clock());
      if (!row || !was) throw notFound(id);
      await recordChange(c, deps, ruleChange("alert_rule_updated", ruleBody(was), ruleBody(row)));
      return c.json(ruleBody(row), 200);
    });
  }
}
