package dev.remedy.alert;

/**
 * {@link GroupCommit} did not take a notification: nothing was queued and nothing was stored. The
 * sender should retry later (Alertmanager retries a 503).
 */
public class IngestRejectedException extends RuntimeException {

  /** Why the notification was not taken. */
  public enum Reason {
    /**
     * The queue of notifications waiting for a commit is full: the store is slower than senders.
     */
    BACKLOG_FULL,
    /** The service is shutting down and takes no more notifications. */
    SHUTTING_DOWN
  }

  private final Reason reason;

  public IngestRejectedException(Reason reason) {
    super(
        switch (reason) {
          case BACKLOG_FULL -> "too many notifications are waiting to be stored";
          case SHUTTING_DOWN -> "the service is shutting down";
        });
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
