package dev.remedy.guard;

import dev.remedy.workflow.Guards;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a workflow may start a run for a dedup key, and whether a running run may take its next
 * mutating action. Pure: the caller gives the counts and the clock.
 */
public final class GuardPolicy {

  private GuardPolicy() {}

  /** What a guard said when it said no. */
  public record Refusal(Guard guard, String detail) {}

  /**
   * The first guard that refuses a new run, in this order: kill switch, cooldown, rate limit,
   * concurrency.
   *
   * @param runsSince runs for the key since {@code now - rateLimit.per}
   * @param lastEnded when the last run for the key ended
   * @param activeInWorkflow active runs of the workflow across keys
   */
  public static Optional<Refusal> admit(
      Guards guards,
      AutomationSwitch automation,
      int runsSince,
      Optional<Instant> lastEnded,
      int activeInWorkflow,
      Instant now) {
    if (!automation.enabled()) {
      return Optional.of(
          new Refusal(
              Guard.AUTOMATION_DISABLED,
              "automation is switched off (by " + automation.changedBy() + ")"));
    }
    if (guards.cooldown().isPresent() && lastEnded.isPresent()) {
      Instant until = lastEnded.get().plus(guards.cooldown().get());
      if (now.isBefore(until)) {
        return Optional.of(
            new Refusal(
                Guard.COOLDOWN,
                "the last run for this key ended at "
                    + lastEnded.get()
                    + "; cooldown "
                    + guards.cooldown().get()
                    + " lasts until "
                    + until));
      }
    }
    if (guards.rateLimit().isPresent() && runsSince >= guards.rateLimit().get().runs()) {
      Guards.RateLimit limit = guards.rateLimit().get();
      return Optional.of(
          new Refusal(
              Guard.RATE_LIMIT,
              runsSince
                  + " runs for this key in the last "
                  + limit.per()
                  + " (limit "
                  + limit.runs()
                  + ")"));
    }
    if (guards.maxConcurrentRuns().isPresent()
        && activeInWorkflow >= guards.maxConcurrentRuns().getAsInt()) {
      return Optional.of(
          new Refusal(
              Guard.MAX_CONCURRENT_RUNS,
              activeInWorkflow
                  + " runs of this workflow are active (maxConcurrentRuns "
                  + guards.maxConcurrentRuns().getAsInt()
                  + ")"));
    }
    return Optional.empty();
  }

  /**
   * Whether a running run may take a mutating action now.
   *
   * @param spent mutating actions (not dry-run) started in the last {@code window}
   * @param budget actions allowed per window; 0 means no budget
   */
  public static Optional<Refusal> mayMutate(
      AutomationSwitch automation, int spent, int budget, Duration window) {
    if (!automation.enabled()) {
      return Optional.of(
          new Refusal(
              Guard.AUTOMATION_DISABLED,
              "automation is switched off (by "
                  + automation.changedBy()
                  + "): parked before a mutating step"));
    }
    if (budget > 0 && spent >= budget) {
      return Optional.of(
          new Refusal(
              Guard.ACTION_BUDGET,
              spent
                  + " mutating actions in the last "
                  + window
                  + " (remedy.guards.max-actions-per-window "
                  + budget
                  + "): parked until the window has room"));
    }
    return Optional.empty();
  }
}
