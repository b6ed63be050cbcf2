package dev.remedy.workflow;

/** The result of planning a run for an alert: a plan, or why the run would fail before any step. */
public sealed interface PlanOutcome {

  /** The run can start with this plan. */
  record Planned(RunPlan plan) implements PlanOutcome {}

  /**
   * The run would fail before its first step.
   *
   * @param field where, e.g. {@code spec.params.deployment}
   * @param message why, e.g. {@code variable labels.deployment has no value}
   */
  record Refused(String workflow, String field, String message) implements PlanOutcome {
    @Override
    public String toString() {
      return "workflow " + workflow + ", " + field + ": " + message;
    }
  }
}
