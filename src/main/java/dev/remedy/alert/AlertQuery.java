package dev.remedy.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * A page of stored alert states to read.
 *
 * @param since only alert states received at or after this instant
 * @param after the cursor of the previous page's last item
 */
public record AlertQuery(
    Optional<AlertStatus> status,
    Optional<Fingerprint> fingerprint,
    Optional<Instant> since,
    Optional<AlertCursor> after,
    int limit) {

  public static final int MAX_LIMIT = 500;

  public AlertQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
    }
  }
}
