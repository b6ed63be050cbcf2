package dev.remedy.workflow;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Limits on how often and how widely a workflow acts.
 *
 * @param cooldown no new run for the same dedup key within this time of the last one ending
 * @param rateLimit at most so many runs per dedup key per window
 * @param maxConcurrentRuns active runs across all keys of this workflow (blast-radius budget)
 * @param dryRun plan and audit everything, write nothing to the cluster
 */
public record Guards(
    Optional<Duration> cooldown,
    Optional<RateLimit> rateLimit,
    OptionalInt maxConcurrentRuns,
    boolean dryRun) {

  public static final Guards NONE =
      new Guards(Optional.empty(), Optional.empty(), OptionalInt.empty(), false);

  /** At most {@code runs} runs per {@code per}. */
  public record RateLimit(int runs, Duration per) {}
}
