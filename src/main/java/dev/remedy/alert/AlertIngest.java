package dev.remedy.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes in Alertmanager deliveries: everything a delivery causes is written in the same
 * transaction, so a delivery is either fully accepted or not at all (and then Alertmanager retries
 * it). Several deliveries can share one transaction ({@link #ingestAll}, used by {@link
 * GroupCommit}).
 */
@ApplicationScoped
public class AlertIngest implements IngestTransactions {

  private final AlertStore store;
  private final Clock clock;

  public AlertIngest(AlertStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  @Transactional
  public IngestResult ingest(Notification notification) {
    return stored(notification);
  }

  @Override
  @Transactional
  public List<IngestResult> ingestAll(List<Notification> notifications) {
    List<AlertStore.StoreResult> stored = store.storeAll(notifications, clock.instant());
    List<IngestResult> results = new ArrayList<>(notifications.size());
    for (int i = 0; i < notifications.size(); i++) {
      results.add(result(notifications.get(i), stored.get(i)));
    }
    return results;
  }

  private IngestResult stored(Notification notification) {
    return result(notification, store.store(notification, clock.instant()));
  }

  private static IngestResult result(Notification notification, AlertStore.StoreResult stored) {
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
