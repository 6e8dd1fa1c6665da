-- Accounts and access: users, login sessions, API keys with hourly usage,
-- shared rate-limit counters, failed logins and the audit log. Timestamps are
-- written from the service's clock, so the defaults only serve manual inserts.

create table users (
  id uuid primary key default gen_random_uuid(),
  -- Stored trimmed and lower-cased.
  email text not null unique,
  password_hash text not null,
  role text not null default 'user' check (role in ('admin', 'user', 'viewer')),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz
);

-- One row per login. Access tokens carry the id (`sid`) and every request
-- checks the row is live; refresh tokens carry `refresh_generation`, and an
-- older generation coming back means the token was stolen: the session is revoked.
create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  refresh_generation integer not null default 0,
  ip text not null,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  idle_expires_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text
);
create index sessions_user_live on sessions (user_id) where revoked_at is null;

-- Keys are `ea_<random>_<crc32>`; only the SHA-256 of the whole key is kept.
-- `prefix` (the first characters) finds the candidates without a secret index.
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  scopes text[] not null check (scopes <@ array['read', 'write', 'ai', 'admin']::text[]),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_keys_prefix on api_keys (prefix);
create index api_keys_user on api_keys (user_id, created_at);

create table api_key_usage (
  key_id uuid not null references api_keys (id) on delete cascade,
  hour timestamptz not null,
  count integer not null,
  primary key (key_id, hour)
);

-- Fixed-window counters shared by every replica: one upsert increments the
-- minute, hour and day windows of a bucket (`ip:…`, `user:…`, `key:…`).
create table rate_limit_counters (
  bucket text not null,
  window_seconds integer not null,
  window_start timestamptz not null,
  count integer not null,
  primary key (bucket, window_seconds, window_start)
);
create index rate_limit_counters_start on rate_limit_counters (window_start);

create table login_failures (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  at timestamptz not null
);
create index login_failures_email_at on login_failures (email, at);
create index login_failures_ip_at on login_failures (ip, at);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id uuid references users (id) on delete set null,
  actor_ip text,
  action text not null,
  details jsonb not null default '{}'
);
create index audit_log_user_at on audit_log (user_id, at);
create index audit_log_action_at on audit_log (action, at);
