package dev.remedy.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Retention of alert data: deletes the alert states and notifications that Alertmanager has not
 * sent for longer than the retention, so the database stops growing with every alert ever received.
 *
 * <p>An alert state is judged by when it was last notified, not when it was first received: while
 * Alertmanager still sends it (every {@code repeat_interval} for a firing alert, and at least every
 * 5 days, its notification log's retention), each delivery moves that time on, so a state that
 * Alertmanager can still send is never deleted and its re-sends keep being recognised. A
 * notification is judged the same way, by its last delivery, and stays while an alert state that is
 * kept still refers to it. Runs keep a copy of the alert data they need and are not touched.
 *
 * <p>One pass deletes alert states first (which frees their notifications), then notifications,
 * each in batches of {@link #batchSize} rows, one short transaction each, until none is left.
 */
public final class AlertRetention {

  /** What a pass deletes, for metrics; called after each batch. */
  public interface Observer {

    void alertStatesDeleted(int count);

    void notificationsDeleted(int count);
  }

  /**
   * What one pass did.
   *
   * @param cutoff what was last seen before this was deleted
   * @param batches transactions it took
   */
  public record Pass(Instant cutoff, long alertStates, long notifications, int batches) {

    public boolean deletedAny() {
      return alertStates + notifications > 0;
    }
  }

  private final AlertPruning pruning;
  private final Duration retention;
  private final int batchSize;
  private final Observer observer;

  /**
   * @param retention how long after it was last seen a row is deleted; positive
   * @param batchSize rows deleted per transaction at most; positive
   */
  public AlertRetention(
      AlertPruning pruning, Duration retention, int batchSize, Observer observer) {
    this.pruning = Objects.requireNonNull(pruning, "pruning");
    this.observer = Objects.requireNonNull(observer, "observer");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive: " + retention);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    this.retention = retention;
    this.batchSize = batchSize;
  }

  /** Deletes everything last seen more than the retention before {@code now}. */
  public Pass prune(Instant now) {
    Instant cutoff = now.minus(retention);
    Deleted alertStates =
        deleteAll(
            after -> pruning.deleteAlertStates(cutoff, batchSize, after),
            observer::alertStatesDeleted);
    Deleted notifications =
        deleteAll(
            after -> pruning.deleteNotifications(cutoff, batchSize, after),
            observer::notificationsDeleted);
    return new Pass(
        cutoff,
        alertStates.rows(),
        notifications.rows(),
        alertStates.batches() + notifications.batches());
  }

  private record Deleted(long rows, int batches) {}

  private static Deleted deleteAll(
      Function<Optional<AlertPruning.Position>, AlertPruning.Batch> next, IntConsumer deleted) {
    long rows = 0;
    int batches = 0;
    Optional<AlertPruning.Position> after = Optional.empty();
    do {
      AlertPruning.Batch batch = next.apply(after);
      batches++;
      rows += batch.deleted();
      deleted.accept(batch.deleted());
      after = batch.next();
    } while (after.isPresent());
    return new Deleted(rows, batches);
  }
}
