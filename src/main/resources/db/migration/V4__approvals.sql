-- Approvals (one per approval step of a run), how a decision arrived, and the Slack requests
-- already seen (replay protection). Portable SQL: the same file runs on H2 and PostgreSQL.

create table approval (
    id             varchar(36)      not null primary key,
    run_id         varchar(36)      not null,
    step_id        varchar(63)      not null,
    status         varchar(16)      not null,
    approvers      varchar(4096)    not null,
    quorum         integer          not null,
    deadline       timestamp(6) with time zone not null,
    message        varchar(8192)    not null,
    plan           varchar(1048576) not null,
    plan_digest    varchar(80)      not null,
    channel        varchar(256)     not null,
    requested_by   varchar(256)     not null,
    requested_at   timestamp(6) with time zone not null,
    decided_at     timestamp(6) with time zone,
    slack_ts       varchar(64),
    slack_state    varchar(16)      not null,
    slack_attempts integer          not null,
    slack_next_at  timestamp(6) with time zone,
    slack_error    varchar(1024),
    constraint uk_approval_step unique (run_id, step_id),
    constraint fk_approval_run foreign key (run_id) references run (id)
);

create index ix_approval_status on approval (status, requested_at);
create index ix_approval_slack on approval (slack_state, slack_next_at);

alter table approval_vote add column via varchar(16) default 'api' not null;
alter table approval_vote add column request_id varchar(256) default '' not null;

-- A Slack interactivity request is accepted once: its signature is unique per timestamp and body.
-- Rows older than the 5-minute acceptance window are useless and may be deleted.
create table slack_request (
    signature    varchar(80) not null primary key,
    received_at  timestamp(6) with time zone not null
);

create index ix_slack_request_received on slack_request (received_at);
