-- TimescaleDB storage: writes without deadlocks or silent rollup gaps, and chunks sized for this data.
--
-- Creating a chunk of observations copies its foreign key to series onto the new chunk, which
-- takes a SHARE ROW EXCLUSIVE lock on series while holding the hypertable's chunk-creation lock;
-- a document registering its series at that moment holds ROW EXCLUSIVE on series and waits for
-- the chunk: feeds ingesting at once deadlocked. Series rows are never deleted and every writer
-- takes ids from the catalog (db/series.ts), so the key is dropped here and kept on plain tables.
alter table observations drop constraint if exists observations_series_id_fkey;

-- New chunks span 30 days instead of 7. With the catalog's default series (hubs and zones, a few
-- hundred series) a week is ~100,000 rows, so each chunk's fixed cost (its relations, indexes and,
-- compressed, its TOAST table and index: ~65 KB) outweighed its data: a year of 15-minute data for
-- 20 series took 16 bytes per value compressed with weekly chunks, 10 with monthly ones, and a
-- year's query planned 53 chunks instead of 13. With every resource node enabled a month is ~12
-- million rows (~1.5 GB with indexes, uncompressed); set_chunk_time_interval() can shorten it.
select set_chunk_time_interval('observations', interval '30 days');

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
