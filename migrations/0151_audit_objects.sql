-- The audit log names the object a change touched (`dashboard`, `panel`,
-- `share_link`, `alert_rule`, `api_key`, `user`) and its id, so
-- GET /api/admin/audit can filter on them; sign-ins and other entries about
-- no object leave both null. Paging walks `id` downwards.

alter table audit_log add column object_type text;
alter table audit_log add column object_id text;
create index audit_log_object on audit_log (object_type, object_id, id);
create index audit_log_at on audit_log (at, id);
