package dev.remedy.guard;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A decision recorded about an alert × workflow or about a run: why no run was created, or why a
 * run was held back.
 *
 * @param runId the run it concerns: the active run for a duplicate, the parked run for a park
 * @param guard the guard that decided; empty for a duplicate
 */
public record GuardDecision(
    String workflow,
    String dedupKey,
    String fingerprint,
    Optional<String> runId,
    Outcome outcome,
    Optional<Guard> guard,
    String detail,
    Instant at) {

  /** What the decision did. */
  public enum Outcome {
    /** An active run already had the same workflow and dedup key: no new run. */
    DUPLICATE,
    /** A guard refused to start a run. */
    SUPPRESSED,
    /** A guard held a running run back before a mutating step. */
    PARKED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
