-- Core schema: the series catalog, observations with their revisions, the
-- ingest ledgers, coverage per series and Central-time day, and settings.

create table series (
  id integer generated always as identity primary key,
  key text not null unique,
  name text not null,
  unit text not null,
  interval_seconds integer not null check (interval_seconds > 0),
  feed text not null,
  created_at timestamptz not null default now()
);

create table observations (
  series_id integer not null references series (id),
  ts timestamptz not null,
  value double precision not null,
  published_at timestamptz,
  ingested_at timestamptz not null default now(),
  primary key (series_id, ts)
);

create table observation_revisions (
  id bigint generated always as identity primary key,
  series_id integer not null references series (id),
  ts timestamptz not null,
  old_value double precision not null,
  new_value double precision not null,
  old_published_at timestamptz,
  new_published_at timestamptz,
  revised_at timestamptz not null default now()
);
create index observation_revisions_series_ts on observation_revisions (series_id, ts);

create table ingest_runs (
  id bigint generated always as identity primary key,
  feed text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  status text not null default 'running'
    check (status in ('running', 'success', 'partial', 'failed', 'empty', 'schema_changed', 'skipped')),
  rows integer not null default 0,
  documents integer not null default 0,
  error text,
  details jsonb
);
create index ingest_runs_feed_started on ingest_runs (feed, started_at desc);

create table ingest_documents (
  feed text not null,
  doc_id text not null,
  name text,
  published_at timestamptz,
  fetched_at timestamptz not null default now(),
  status text not null check (status in ('success', 'empty', 'failed', 'schema_changed')),
  rows integer not null default 0,
  error text,
  run_id bigint references ingest_runs (id) on delete set null,
  primary key (feed, doc_id)
);

-- Expected vs received intervals per series and Central-time (America/Chicago) day.
create table coverage (
  series_id integer not null references series (id),
  day date not null,
  expected integer not null,
  received integer not null,
  updated_at timestamptz not null default now(),
  primary key (series_id, day)
);

create table app_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
