package dev.remedy.run;

import dev.remedy.guard.GuardDecision;

/** What became of an alert's remediation, for the people who follow it (sent asynchronously). */
public sealed interface RunOutcome {

  /** A run ended: succeeded, failed (with its reason), rejected, expired or cancelled. */
  record Ended(Run run) implements RunOutcome {}

  /** A guard kept an alert from starting a run. */
  record Suppressed(GuardDecision decision) implements RunOutcome {}
}
