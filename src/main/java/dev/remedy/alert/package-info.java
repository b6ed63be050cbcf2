/**
 * What Alertmanager tells us: alerts, their fingerprints, label sets and the notifications that
 * group them. Plain values and the ingest use case; storage and HTTP live in the adapters.
 *
 * <p>An alert <em>state</em> is one fingerprint in one status since one {@code startsAt}: the unit
 * of idempotency, so HA duplicates and repeat_interval re-sends never store it twice.
 */
package dev.remedy.alert;
