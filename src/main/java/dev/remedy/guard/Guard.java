package dev.remedy.guard;

/**
 * The guardrails that can hold automation back; the wire name is a metric label and an API value.
 */
public enum Guard {
  /** The global kill switch is off. */
  AUTOMATION_DISABLED("automation-disabled"),
  /** The last run for the same dedup key ended less than {@code cooldown} ago. */
  COOLDOWN("cooldown"),
  /** The dedup key already had {@code rateLimit.runs} runs in the window. */
  RATE_LIMIT("rate-limit"),
  /** The workflow already has {@code maxConcurrentRuns} active runs (blast radius). */
  MAX_CONCURRENT_RUNS("max-concurrent-runs"),
  /** The global budget of mutating actions per window is spent. */
  ACTION_BUDGET("action-budget");

  private final String wireName;

  Guard(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
