package dev.remedy.alert;

import java.time.Instant;
import java.util.List;

/** Where notifications and alert states are kept (the database, behind a persistence adapter). */
public interface AlertStore {

  /**
   * Stores one delivery and every alert state in it that is not stored yet, inside the caller's
   * transaction.
   *
   * <p>Idempotent: a delivery whose {@link Notification#deliveryKey()} is already stored only
   * counts one more delivery; an alert state already stored only has its last-notified time moved
   * on. Nothing is ever stored twice.
   *
   * @throws ConcurrentIngestException when another transaction stored one of the same keys at the
   *     same moment; the whole transaction is void and the caller should run it again, when it will
   *     see the other transaction's rows
   * @throws StoreUnavailableException when the database cannot be reached or timed out; the
   *     transaction is void
   */
  StoreResult store(Notification notification, Instant receivedAt);

  /**
   * Stores several deliveries inside the caller's transaction, all received at {@code receivedAt}:
   * the same rows and results as {@link #store} called for each in list order (a later copy of a
   * delivery in the list is a duplicate of the earlier one; an alert state shared by two of them is
   * new only in the first), in a number of statements that does not grow with the list.
   *
   * @return one result per notification, in list order
   * @throws ConcurrentIngestException as {@link #store}; the whole transaction is void
   * @throws StoreUnavailableException as {@link #store}
   */
  List<StoreResult> storeAll(List<Notification> notifications, Instant receivedAt);

  /** Stored alert states, newest received first, filtered and paged as the query says. */
  AlertPage find(AlertQuery query);

  /**
   * What {@link #store} did.
   *
   * @param notificationId the stored delivery (the earlier one when this was a re-delivery)
   * @param duplicateDelivery true when the same delivery had been stored before
   * @param newStates the alert states that were not known before (one alert each)
   */
  record StoreResult(long notificationId, boolean duplicateDelivery, List<Alert> newStates) {

    public StoreResult {
      newStates = List.copyOf(newStates);
    }

    /** How many alert states were not known before. */
    public int newAlertStates() {
      return newStates.size();
    }
  }
}
