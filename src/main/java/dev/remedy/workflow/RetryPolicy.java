package dev.remedy.workflow;

import java.time.Duration;

/**
 * Durable retries of a step: exponential backoff from {@code backoff}, doubled after each failed
 * attempt, never longer than {@code maxBackoff}.
 *
 * @param attempts total attempts including the first (1 = no retry)
 */
public record RetryPolicy(int attempts, Duration backoff, Duration maxBackoff) {

  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /**
   * The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed.
   */
  public Duration backoffAfter(int attempt) {
    Duration wait = backoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
