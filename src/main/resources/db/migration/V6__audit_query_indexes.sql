-- Fewer indexes on audit_event: every one is written by every appended event (eleven per
-- Alertmanager delivery of ten alerts), and the audit API's type and actor filters are rare,
-- paged newest first (they walk the primary key backwards). The run and time indexes stay: the
-- run detail and retention use them.
drop index ix_audit_type;
drop index ix_audit_actor;
