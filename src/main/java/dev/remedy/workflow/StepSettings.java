package dev.remedy.workflow;

import java.time.Duration;
import java.util.List;

/**
 * What every step has, whatever it does.
 *
 * @param timeout how long one attempt may take (the action's default when not written)
 * @param when conditions that must all hold for the step to run; otherwise it is skipped
 */
public record StepSettings(String id, Duration timeout, RetryPolicy retry, List<Condition> when) {

  public StepSettings {
    when = List.copyOf(when);
  }
}
