-- Personal dashboards: a user's dashboards and their panels. Every panel is a
-- VizSpec; `spec_hash` is the SHA-256 of its normalized form, so the same chart
-- lands on a dashboard once. Grid positions follow Grafana's 24-column grid.
-- A dashboard with a `share_token` can be read (not changed) without an account.

create table dashboards (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references users (id) on delete cascade,
  title text not null check (length(title) between 1 and 120),
  default_range jsonb not null default '{"last": "P1D"}',
  -- Seconds between refreshes; null means the dashboard does not refresh itself.
  refresh_seconds integer check (refresh_seconds between 5 and 86400),
  position integer not null default 0,
  share_token text unique,
  shared_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dashboards_owner_position on dashboards (owner_id, position, created_at);

create table dashboard_panels (
  id uuid primary key default gen_random_uuid(),
  dashboard_id uuid not null references dashboards (id) on delete cascade,
  spec jsonb not null,
  spec_hash text not null,
  grid_x integer not null check (grid_x between 0 and 23),
  grid_y integer not null check (grid_y between 0 and 10000),
  grid_w integer not null check (grid_w between 1 and 24),
  grid_h integer not null check (grid_h between 1 and 100),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  check (grid_x + grid_w <= 24),
  unique (dashboard_id, spec_hash)
);
create index dashboard_panels_dashboard_position on dashboard_panels (dashboard_id, position);
