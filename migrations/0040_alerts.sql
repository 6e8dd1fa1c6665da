-- Alerts: users' threshold and staleness rules, their evaluation state, the
-- events they raise, webhook deliveries, the grid-condition changes ERCOT
-- reports in daily-prc.json, and subscriptions to built-in rules.
-- Timestamps are written from the service's clock; the defaults only serve
-- manual inserts.

-- A user's rule. `conditions`, `channels` and `cooldown` are validated by the
-- API (alerts/schema.ts); `series` lists the keys the conditions read, so an
-- ingest finds the rules it touched, and `timed` marks rules with a `for`
-- duration or a staleness condition, which the minute tick re-evaluates.
-- Webhook secrets sit in `channels`: they sign payloads, so they are kept as
-- given and never returned by the API.
create table alert_rules (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  match text not null default 'all' check (match in ('all', 'any')),
  conditions jsonb not null,
  cooldown text,
  channels jsonb not null default '[]',
  enabled boolean not null default true,
  series text[] not null,
  timed boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index alert_rules_user on alert_rules (user_id, created_at);
create index alert_rules_series on alert_rules using gin (series);

-- Where each rule stands, shared by every replica and kept across restarts.
-- `conditions` holds per condition `{since, value, met}`: since when it has
-- held (for `for` durations) and its latest value.
create table alert_rule_state (
  rule_id uuid primary key references alert_rules (id) on delete cascade,
  status text not null default 'ok' check (status in ('ok', 'pending', 'firing')),
  pending_since timestamptz,
  firing_since timestamptz,
  last_fired_at timestamptz,
  last_resolved_at timestamptz,
  last_value double precision,
  last_evaluated_at timestamptz,
  conditions jsonb not null default '[]'
);

-- Every firing and resolution, of a user's rule or of a built-in rule the user
-- subscribes to (exactly one of `rule_id` and `builtin` is set). `name` is the
-- rule's name when the event happened.
create table alert_events (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  rule_id uuid references alert_rules (id) on delete cascade,
  builtin text,
  name text not null,
  state text not null check (state in ('firing', 'resolved')),
  value double precision,
  instant timestamptz not null,
  details jsonb not null default '{}',
  acknowledged_at timestamptz,
  acknowledged_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((rule_id is null) <> (builtin is null))
);
create index alert_events_user_instant on alert_events (user_id, instant desc);
create index alert_events_rule_instant on alert_events (rule_id, instant desc);

-- One row per webhook delivery of an event, updated after every attempt.
create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references alert_events (id) on delete cascade,
  url text not null,
  status text not null default 'pending'
    check (status in ('pending', 'delivered', 'failed', 'refused')),
  attempts integer not null default 0,
  response_code integer,
  error text,
  -- Milliseconds spent in attempts, waits between them excluded.
  duration_ms integer not null default 0,
  created_at timestamptz not null default now(),
  last_attempt_at timestamptz,
  delivered_at timestamptz
);
create index webhook_deliveries_event on webhook_deliveries (event_id);

-- Each change of ERCOT's grid condition level: normal, conservation, eea1-3,
-- or ERCOT's state word verbatim when it is none of those.
create table grid_alerts (
  id bigint generated always as identity primary key,
  assessed_at timestamptz not null unique,
  level text not null,
  previous_level text,
  state text not null,
  eea_level integer not null,
  prc double precision,
  title text not null default '',
  note text not null default '',
  created_at timestamptz not null default now()
);

-- Users subscribed to a built-in rule, with where to send its events.
create table alert_subscriptions (
  user_id uuid not null references users (id) on delete cascade,
  builtin text not null check (builtin in ('grid-condition')),
  channels jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (user_id, builtin)
);
