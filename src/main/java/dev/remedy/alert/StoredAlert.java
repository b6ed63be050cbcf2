package dev.remedy.alert;

import java.time.Instant;

/**
 * An alert state as stored: the alert, where it came from and when we heard of it.
 *
 * @param lastNotifiedAt the latest delivery that carried this same state (re-sends, HA duplicates)
 */
public record StoredAlert(
    long id,
    Alert alert,
    String receiver,
    String groupKey,
    Instant receivedAt,
    Instant lastNotifiedAt) {

  public AlertCursor cursor() {
    return new AlertCursor(receivedAt, id);
  }
}
