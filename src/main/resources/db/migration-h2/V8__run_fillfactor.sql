-- Nothing to do on H2: this version leaves free space in run's pages on PostgreSQL
-- (db/migration-postgresql/V8__run_fillfactor.sql), which H2 does not have a setting for.
select 1;
