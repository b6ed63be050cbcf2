-- Retention (docs/design/004-retention.md) finds notifications older than its cutoff through this
-- index, newest first as it walks them, instead of scanning the whole table on every pass. Alert
-- states have ix_alert_received. received_at, not last_received_at: it never changes after the
-- insert, so re-deliveries do not update the index.
create index ix_notification_received on notification (received_at desc, id desc);
