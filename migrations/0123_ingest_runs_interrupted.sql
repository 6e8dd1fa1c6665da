-- Runs a dead process left `running` are closed as `interrupted`, at the time
-- it died. `heartbeat_at` is that time's best estimate: the leader touches
-- every running run of its own every few seconds, so a run's last heartbeat
-- is at most that far before its process stopped.

alter table ingest_runs add column heartbeat_at timestamptz;
alter table ingest_runs drop constraint ingest_runs_status_check;
alter table ingest_runs add constraint ingest_runs_status_check check (status in
  ('running', 'success', 'partial', 'failed', 'empty', 'schema_changed', 'skipped', 'interrupted'));
