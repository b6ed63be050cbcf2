package dev.remedy.alert;

import java.time.Instant;

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
   */
  StoreResult store(Notification notification, Instant receivedAt);

  /** Stored alert states, newest received first, filtered and paged as the query says. */
  AlertPage find(AlertQuery query);

  /**
   * What {@link #store} did.
   *
   * @param notificationId the stored delivery (the earlier one when this was a re-delivery)
   * @param duplicateDelivery true when the same delivery had been stored before
   * @param newAlertStates how many alert states were not known before
   */
  record StoreResult(long notificationId, boolean duplicateDelivery, int newAlertStates) {}
}
