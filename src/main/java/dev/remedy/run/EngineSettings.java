package dev.remedy.run;

import java.time.Duration;

/**
 * How the engine paces itself.
 *
 * @param leaseMargin added to the time a call may take, so a lease outlives the call it covers
 * @param pollInterval how often a rollout is looked at again
 * @param waitCallLimit how long one look at a wait (rollout status, approval votes) may take
 * @param parkRecheck how often a run parked by a guard looks again
 * @param maxActions mutating actions allowed per {@code actionWindow}, across the whole service
 * @param maxStepsPerClaim steps one worker executes before it gives the run back to the queue
 */
public record EngineSettings(
    Duration leaseMargin,
    Duration pollInterval,
    Duration waitCallLimit,
    Duration parkRecheck,
    int maxActions,
    Duration actionWindow,
    int maxStepsPerClaim) {

  public static final EngineSettings DEFAULTS =
      new EngineSettings(
          Duration.ofSeconds(30),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofSeconds(15),
          20,
          Duration.ofMinutes(10),
          50);
}
