package dev.remedy.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Takes in one Alertmanager delivery: everything it causes is written in one transaction, so a
 * delivery is either fully accepted or not at all (and then Alertmanager retries it).
 */
@ApplicationScoped
public class AlertIngest {

  private final AlertStore store;
  private final Clock clock;

  public AlertIngest(AlertStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Stores the delivery. Safe to call again with the same notification.
   *
   * @throws ConcurrentIngestException when a concurrent transaction stored the same keys; call
   *     again
   */
  @Transactional
  public IngestResult ingest(Notification notification) {
    AlertStore.StoreResult stored = store.store(notification, clock.instant());
    return new IngestResult(
        stored.notificationId(),
        notification.alerts().size(),
        stored.newAlertStates(),
        stored.duplicateDelivery());
  }

  /**
   * The outcome of one delivery.
   *
   * @param alerts alerts in the delivery
   * @param newAlertStates alert states not seen before (the rest were re-sends)
   * @param duplicateDelivery the very same delivery had been taken in before
   */
  public record IngestResult(
      long notificationId, int alerts, int newAlertStates, boolean duplicateDelivery) {}
}
