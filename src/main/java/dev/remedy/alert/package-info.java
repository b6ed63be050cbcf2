/**
 * What Alertmanager tells us: alerts, their fingerprints, label sets and the notifications that
 * group them. Plain values, the ingest use case and its group-commit policy, and the retention that
 * deletes what Alertmanager no longer sends; storage, HTTP, the committer thread and the schedule
 * live in the adapters and in {@code config}.
 *
 * <p>An alert <em>state</em> is one fingerprint in one status since one {@code startsAt}: the unit
 * of idempotency, so HA duplicates and repeat_interval re-sends never store it twice.
 */
package dev.remedy.alert;
