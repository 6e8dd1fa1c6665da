-- TimescaleDB writes without deadlocks or silent rollup gaps.
--
-- Creating a chunk of observations copies its foreign key to series onto the new chunk, which
-- takes a SHARE ROW EXCLUSIVE lock on series while holding the hypertable's chunk-creation lock;
-- a document registering its series at that moment holds ROW EXCLUSIVE on series and waits for
-- the chunk: feeds ingesting at once deadlocked. Series rows are never deleted and every writer
-- takes ids from the catalog (db/series.ts), so the key is dropped here and kept on plain tables.
alter table observations drop constraint if exists observations_series_id_fkey;

-- Continuous-aggregate refreshes still owed. A write records the span it touched in its own
-- transaction; the span is removed once its rollups are refreshed after commit (db/aggregates.ts).
-- A refresh that fails stays here, is reported by the run, and is retried by the next write or
-- run, so a committed write never leaves a silent gap in the rollups.
create table rollup_refresh_pending (
  id bigint generated always as identity primary key,
  start_at timestamptz not null,
  end_at timestamptz not null,
  created_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  check (start_at <= end_at)
);
