package dev.remedy.run;

import java.util.List;
import java.util.Optional;

/** A run with every attempt of every step it made, oldest first. */
public record RunHistory(Run run, List<StepExecution> steps) {

  public RunHistory {
    steps = List.copyOf(steps);
  }

  /** This history after {@code next} was stored with {@code changed} attempts (new or updated). */
  public RunHistory with(Run next, List<StepExecution> changed) {
    java.util.List<StepExecution> all = new java.util.ArrayList<>(steps);
    for (StepExecution c : changed) {
      int at = -1;
      for (int i = 0; i < all.size(); i++) {
        StepExecution s = all.get(i);
        if (s.phase() == c.phase() && s.stepId().equals(c.stepId()) && s.attempt() == c.attempt()) {
          at = i;
        }
      }
      if (at >= 0) {
        all.set(at, c);
      } else {
        all.add(c);
      }
    }
    return new RunHistory(next, all);
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
