package dev.remedy.run;

import java.util.Locale;

/** The state of one attempt of one step. */
public enum StepStatus {
  /** Committed before the effect: an attempt without an outcome yet (or a wait in progress). */
  STARTED,
  SUCCEEDED,
  FAILED,
  /** Its {@code when:} conditions did not hold. */
  SKIPPED,
  /** The run was cancelled while this attempt waited. */
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
