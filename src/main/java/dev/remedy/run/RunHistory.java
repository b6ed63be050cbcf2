package dev.remedy.run;

import java.util.List;
import java.util.Optional;

/** A run with every attempt of every step it made, oldest first. */
public record RunHistory(Run run, List<StepExecution> steps) {

  public RunHistory {
    steps = List.copyOf(steps);
  }

  /** The attempt of the current step that was started and has no outcome yet. */
  public Optional<StepExecution> openAttempt() {
    return steps.stream()
        .filter(s -> s.status() == StepStatus.STARTED && s.phase() == run.phase())
        .reduce((a, b) -> b);
  }

  /** The successful attempt of a step, if it succeeded. */
  public Optional<StepExecution> succeeded(String stepId) {
    return steps.stream()
        .filter(s -> s.stepId().equals(stepId) && s.status() == StepStatus.SUCCEEDED)
        .reduce((a, b) -> b);
  }

  /** The first attempt of a step in this run (its start time fixes e.g. restartedAt). */
  public Optional<StepExecution> firstAttempt(String stepId) {
    return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
  }
}
