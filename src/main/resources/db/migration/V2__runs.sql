-- Runs, their step attempts, guard decisions, approval votes, the versions of workflows that runs
-- execute, and the global automation switch. Portable SQL: the same file runs on H2 and PostgreSQL.

create sequence step_execution_seq start with 1 increment by 50;
create sequence guard_decision_seq start with 1 increment by 50;
create sequence approval_vote_seq start with 1 increment by 50;

-- The exact workflow a run executes, by content digest: an edited or removed file does not change
-- a run in flight.
create table workflow_version (
    digest      varchar(80)      not null primary key,
    name        varchar(253)     not null,
    file        varchar(1024)    not null,
    source      varchar(1048576) not null,
    first_seen  timestamp(6) with time zone not null
);

create table run (
    id                  varchar(36)      not null primary key,
    workflow            varchar(253)     not null,
    workflow_digest     varchar(80)      not null,
    dedup_key           varchar(1024)    not null,
    -- sha-256 of workflow + dedup key while the run is active, null once it ended: the unique
    -- constraint makes "at most one active run per key" hold across transactions and replicas.
    active_key          varchar(64),
    status              varchar(16)      not null,
    phase               varchar(16)      not null,
    step_index          integer          not null,
    attempt             integer          not null,
    wake_at             timestamp(6) with time zone,
    lease_owner         varchar(128),
    lease_until         timestamp(6) with time zone,
    alert_fingerprint   varchar(128)     not null,
    alert_labels        varchar(1048576) not null,
    alert_annotations   varchar(1048576) not null,
    alert_starts_at     timestamp(6) with time zone not null,
    alert_generator_url varchar(8192)    not null,
    params              varchar(1048576) not null,
    outputs             varchar(1048576) not null,
    failure_reason      varchar(32),
    failure_retryable   boolean,
    failure_message     varchar(4096),
    dry_run             boolean          not null,
    parked_by           varchar(32),
    alert_resolved      boolean          not null,
    cancel_requested    boolean          not null,
    created_at          timestamp(6) with time zone not null,
    started_at          timestamp(6) with time zone,
    finished_at         timestamp(6) with time zone,
    end_note            varchar(4096)    not null,
    constraint uk_run_active unique (active_key),
    constraint fk_run_workflow_version foreign key (workflow_digest) references workflow_version (digest)
);

-- Due runs: active runs have a wake_at, ended ones none.
create index ix_run_wake on run (wake_at);
create index ix_run_created on run (created_at desc, id desc);
create index ix_run_key on run (workflow, dedup_key, created_at);
create index ix_run_key_finished on run (workflow, dedup_key, finished_at);
create index ix_run_workflow_status on run (workflow, status);
create index ix_run_fingerprint on run (alert_fingerprint, status);

create table step_execution (
    id                bigint           not null primary key,
    run_id            varchar(36)      not null,
    step_id           varchar(63)      not null,
    phase             varchar(16)      not null,
    attempt           integer          not null,
    action            varchar(32)      not null,
    status            varchar(16)      not null,
    started_at        timestamp(6) with time zone not null,
    deadline          timestamp(6) with time zone not null,
    finished_at       timestamp(6) with time zone,
    outputs           varchar(1048576) not null,
    recorded          varchar(1048576) not null,
    failure_reason    varchar(32),
    failure_retryable boolean,
    failure_message   varchar(4096),
    mutating          boolean          not null,
    dry_run           boolean          not null,
    constraint uk_step_attempt unique (run_id, phase, step_id, attempt),
    constraint fk_step_run foreign key (run_id) references run (id)
);

-- The action budget counts recent mutating attempts.
create index ix_step_mutating on step_execution (mutating, started_at);

create table guard_decision (
    id          bigint        not null primary key,
    workflow    varchar(253)  not null,
    dedup_key   varchar(1024) not null,
    fingerprint varchar(128)  not null,
    run_id      varchar(36),
    outcome     varchar(16)   not null,
    guard       varchar(32),
    detail      varchar(4096) not null,
    decided_at  timestamp(6) with time zone not null
);

create index ix_guard_decision_run on guard_decision (run_id);
create index ix_guard_decision_time on guard_decision (decided_at desc, id desc);

create table approval_vote (
    id        bigint        not null primary key,
    run_id    varchar(36)   not null,
    step_id   varchar(63)   not null,
    approver  varchar(256)  not null,
    approve   boolean       not null,
    voted_at  timestamp(6) with time zone not null,
    comment   varchar(4096) not null,
    constraint uk_approval_vote unique (run_id, step_id, approver),
    constraint fk_vote_run foreign key (run_id) references run (id)
);

-- One row: the kill switch and global dry-run, shared by every replica.
create table automation_switch (
    id          integer      not null primary key,
    enabled     boolean      not null,
    dry_run     boolean      not null,
    changed_by  varchar(256) not null,
    changed_at  timestamp(6) with time zone not null
);
