package dev.remedy.alert;

/**
 * Two transactions stored the same delivery or alert state at the same moment (two replicas, or two
 * Alertmanager peers racing). The loser's transaction is rolled back; running it again is safe and
 * finds the winner's rows.
 */
public class ConcurrentIngestException extends RuntimeException {

  public ConcurrentIngestException(Throwable cause) {
    super("the same alert state was stored concurrently", cause);
  }
}
