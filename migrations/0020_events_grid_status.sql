-- Live events behind Server-Sent Events with resume (db/events.ts), and the
-- grid condition from daily-prc.json (db/grid_status.ts).

-- Every published event, in id order. Kept bounded: db/events.ts prunes it to
-- the newest N rows and to a maximum age.
create table events (
  id bigint generated always as identity primary key,
  type text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);
create index events_created_at on events (created_at);

-- ERCOT's grid condition as assessed at `assessed_at`; the newest row is current.
create table grid_status (
  assessed_at timestamptz primary key,
  state text not null,
  title text not null default '',
  note text not null default '',
  eea_level integer not null default 0,
  prc double precision,
  recorded_at timestamptz not null default now()
);
