-- Rollups as plain tables, kept current by the ingest path for exactly the
-- buckets each write touches (db/rollups.ts). 15m and 1h buckets are UTC-aligned;
-- 1d buckets are Central-time (America/Chicago) days.

create table observations_15m (
  series_id integer not null references series (id),
  bucket timestamptz not null,
  avg double precision not null,
  min double precision not null,
  max double precision not null,
  first double precision not null,
  last double precision not null,
  count bigint not null,
  sum double precision not null,
  primary key (series_id, bucket)
);

create table observations_1h (like observations_15m including all);
alter table observations_1h add foreign key (series_id) references series (id);

create table observations_1d (like observations_15m including all);
alter table observations_1d add foreign key (series_id) references series (id);
