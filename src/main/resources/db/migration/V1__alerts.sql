-- Notifications (one row per distinct Alertmanager delivery) and alert states (one row per
-- fingerprint + status + startsAt). Portable SQL: the same file runs on H2 and PostgreSQL.

create sequence notification_seq start with 1 increment by 50;
create sequence alert_seq start with 1 increment by 50;

create table notification (
    id                 bigint                   not null primary key,
    delivery_key       varchar(64)              not null,
    receiver           varchar(1024)            not null,
    status             varchar(16)              not null,
    group_key          varchar(8192)            not null,
    group_labels       varchar(1048576)         not null,
    common_labels      varchar(1048576)         not null,
    common_annotations varchar(1048576)         not null,
    external_url       varchar(8192)            not null,
    truncated_alerts   integer                  not null,
    alert_count        integer                  not null,
    received_at        timestamp(6) with time zone not null,
    last_received_at   timestamp(6) with time zone not null,
    deliveries         integer                  not null,
    constraint uk_notification_delivery unique (delivery_key)
);

create table alert (
    id               bigint                   not null primary key,
    state_key        varchar(64)              not null,
    fingerprint      varchar(128)             not null,
    status           varchar(16)              not null,
    labels           varchar(1048576)         not null,
    annotations      varchar(1048576)         not null,
    starts_at        timestamp(6) with time zone not null,
    ends_at          timestamp(6) with time zone,
    generator_url    varchar(8192)            not null,
    receiver         varchar(1024)            not null,
    group_key        varchar(8192)            not null,
    notification_id  bigint                   not null,
    received_at      timestamp(6) with time zone not null,
    last_notified_at timestamp(6) with time zone not null,
    constraint uk_alert_state unique (state_key),
    constraint fk_alert_notification foreign key (notification_id) references notification (id)
);

create index ix_alert_received on alert (received_at desc, id desc);
create index ix_alert_fingerprint on alert (fingerprint, received_at desc);
create index ix_alert_status on alert (status, received_at desc);
create index ix_alert_notification on alert (notification_id);
