-- Plain-English chart requests. `ai_requests` keeps every request as it was
-- asked (the text is stored, never interpreted), the spec that answered it,
-- which provider gave it and why the rule parser stood in, and the panel it
-- was saved as. `ai_llm_usage` counts LLM calls per user and UTC day, apart
-- from the history so that clearing the history does not reset the budget.

create table ai_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  request_text text not null,
  spec jsonb,
  provider text not null check (provider in ('bedrock', 'rules')),
  fallback_reason text,
  -- The rule parser's refusal, when it could not answer.
  error text,
  dashboard_id uuid references dashboards (id) on delete set null,
  saved_panel_id uuid references dashboard_panels (id) on delete set null,
  created_at timestamptz not null default now()
);
create index ai_requests_user_created on ai_requests (user_id, created_at desc);

create table ai_llm_usage (
  user_id uuid not null references users (id) on delete cascade,
  day date not null,
  count integer not null,
  primary key (user_id, day)
);
