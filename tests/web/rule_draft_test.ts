import assert from "node:assert/strict";
import type { AlertRule } from "../../web/lib/alerts.ts";
import { draftOf, emptyDraft, ruleInputOf } from "../../web/lib/rule_draft.ts";

const stored: AlertRule = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Reserves low",
  match: "any",
  conditions: [
    {
      type: "threshold",
      series: "reserves.prc",
      op: "<",
      value: 2500,
      agg: "avg",
      window: "PT1H",
      for: "PT15M",
      deadband: 100,
    },
    { type: "stale", series: "spp.rt.hb_north", minutes: 45 },
  ],
  cooldown: "PT1H30M",
  channels: [
    { type: "sse" },
    { type: "webhook", url: "https://example.com/hook", secret_hint: "••••abcd" },
    { type: "email", to: "ops@example.com" },
  ],
  escalate_after: "PT30M",
  escalation_channels: [{ type: "email", to: "boss@example.com" }],
  enabled: false,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  state: null,
};

Deno.test("a stored rule shown in the form and saved unchanged is sent back as it was", () => {
  const draft = draftOf(stored);
  assert.equal(draft.cooldown, "1 h 30 min");
  assert.equal(draft.conditions[0].for, "15 min");
  const { input, errors } = ruleInputOf(draft);
  assert.deepEqual(errors, {});
  assert.deepEqual(input, {
    name: "Reserves low",
    match: "any",
    conditions: stored.conditions,
    cooldown: "PT1H30M",
    // The webhook goes back without a secret: the server keeps the stored one for the same URL.
    channels: [
      { type: "sse" },
      { type: "webhook", url: "https://example.com/hook" },
      { type: "email", to: "ops@example.com" },
    ],
    escalate_after: "PT30M",
    escalation_channels: [{ type: "email", to: "boss@example.com" }],
    enabled: false,
  });
});

Deno.test("durations typed in words are sent as ISO and bad ones are marked by field", () => {
  const draft = draftOf(stored);
  draft.cooldown = "2 h";
  draft.conditions[0].for = "15 minuets";
  draft.conditions[0].window = "8 days";
  assert.deepEqual(Object.keys(ruleInputOf(draft).errors).sort(), [
    "conditions.0.for",
    "conditions.0.window",
  ]);
  assert.match(ruleInputOf(draft).errors["conditions.0.for"], /did you mean "minutes"/);
  draft.conditions[0].for = "1 h";
  draft.conditions[0].window = "2 h";
  const input = ruleInputOf(draft).input!;
  assert.equal(input.cooldown, "PT2H");
  assert.deepEqual(
    [input.conditions[0].type === "threshold" && input.conditions[0].for, input.conditions[0]],
    ["PT1H", { ...stored.conditions[0], for: "PT1H", window: "PT2H" }],
  );
});

Deno.test("an incomplete new rule names each missing field", () => {
  const draft = emptyDraft();
  draft.escalate_after = "30 min";
  assert.deepEqual(Object.keys(ruleInputOf(draft).errors).sort(), [
    "conditions.0.series",
    "conditions.0.value",
    "escalation_channels",
    "name",
  ]);
});
