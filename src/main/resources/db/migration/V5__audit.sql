-- The tamper-evident audit log (docs/audit.md). Portable SQL: the same file runs on H2 and
-- PostgreSQL. Events are only ever inserted (and pruned from the start after archiving); the head
-- row is locked by every appending transaction, so appends from several replicas form one chain.

create table audit_event (
    seq        bigint           not null primary key,
    at         timestamp(3) with time zone not null,
    type       varchar(64)      not null,
    actor      varchar(300)     not null,
    run_id     varchar(36),
    workflow   varchar(253),
    body       varchar(1048576) not null,
    prev_hash  varchar(64)      not null,
    hash       varchar(64)      not null
);

create index ix_audit_run on audit_event (run_id, seq);
create index ix_audit_type on audit_event (type, seq);
create index ix_audit_actor on audit_event (actor, seq);
create index ix_audit_at on audit_event (at);

-- One row: the last event of the chain. seq 0 and 64 zeros (the genesis hash) while empty.
create table audit_head (
    id    integer     not null primary key,
    seq   bigint      not null,
    hash  varchar(64) not null
);

insert into audit_head (id, seq, hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Where the stored chain starts after pruning: the last removed event, signed (docs/audit.md).
create table audit_checkpoint (
    seq        bigint        not null primary key,
    hash       varchar(64)   not null,
    at         timestamp(3) with time zone not null,
    archive    varchar(1024) not null,
    signature  varchar(64)   not null
);
