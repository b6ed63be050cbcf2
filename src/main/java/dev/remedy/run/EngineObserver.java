package dev.remedy.run;

import java.time.Duration;

/** What the engine reports for metrics; the metrics adapter implements it. */
public interface EngineObserver {

  void runCreated(String workflow);

  /**
   * @param timeToMitigate from the alert's {@code startsAt} to success, only when it succeeded
   */
  void runFinished(String workflow, RunStatus outcome, Duration duration, Duration timeToMitigate);

  void stepFinished(String action, StepStatus outcome, Duration duration, FailureReason reason);

  void guardApplied(String guard);

  /**
   * A worker found that it no longer holds a run's lease when it went to write (a pause longer than
   * the lease, or another replica took the run over): it stops without writing. Rare, and worth an
   * operator's look when it is not.
   */
  default void leaseLost(String runId, String owner) {}

  /** A run ended (after {@link #runFinished}): for the people who follow it (Slack). */
  default void runEnded(Run run) {}

  /** A guard kept an alert from starting a run: for the people who follow it (Slack). */
  default void runSuppressed(dev.remedy.guard.GuardDecision decision) {}

  EngineObserver NONE =
      new EngineObserver() {
        @Override
        public void runCreated(String workflow) {}

        @Override
        public void runFinished(
            String workflow, RunStatus outcome, Duration duration, Duration timeToMitigate) {}

        @Override
        public void stepFinished(
            String action, StepStatus outcome, Duration duration, FailureReason reason) {}

        @Override
        public void guardApplied(String guard) {}
      };
}
