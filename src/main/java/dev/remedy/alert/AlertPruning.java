package dev.remedy.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Deletes stored alert data that has outlived the retention ({@link AlertRetention}), in batches.
 *
 * <p>Each call is one short transaction of its own that deletes at most {@code limit} rows, so no
 * lock is held for long and ingest never waits behind a large delete. Each delete checks its
 * condition again on the row it deletes, so calls are idempotent and safe to run on several
 * replicas at once: a row another replica deleted first is simply not counted, and a row that was
 * notified again in the meantime stays.
 */
public interface AlertPruning {

  /**
   * Deletes alert states last notified before {@code cutoff}, examining at most {@code limit}
   * candidates, newest received first, from {@code after} on (from the newest when empty).
   */
  Batch deleteAlertStates(Instant cutoff, int limit, Optional<Position> after);

  /**
   * Deletes notifications last received before {@code cutoff} that no alert state refers to (an
   * alert state refers to the notification that first carried it), examining at most {@code limit}
   * candidates, newest received first, from {@code after} on (from the newest when empty).
   */
  Batch deleteNotifications(Instant cutoff, int limit, Optional<Position> after);

  /** A place in a table's newest-received-first order: received at, then id. */
  record Position(Instant receivedAt, long id) {}

  /**
   * What one call did.
   *
   * @param examined rows found last seen before the cutoff, at most the limit
   * @param deleted of those, the rows deleted: fewer when one was notified again meanwhile, another
   *     replica deleted it first, or (notifications) an alert state still refers to it
   * @param next where the next call goes on; empty once fewer than the limit were examined, when
   *     nothing older is left
   */
  record Batch(int examined, int deleted, Optional<Position> next) {

    public Batch {
      if (deleted > examined) {
        throw new IllegalArgumentException("deleted more rows than examined: " + this);
      }
    }
  }
}
