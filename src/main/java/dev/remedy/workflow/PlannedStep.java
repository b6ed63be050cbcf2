package dev.remedy.workflow;

import java.util.List;
import java.util.Map;

/**
 * A step as it would run for one alert: its templates rendered. Values that only exist once the run
 * does ({@code run.id}, outputs of earlier steps) read {@code <run.id>}, {@code
 * <steps.restart.restartedAt>}.
 *
 * @param kind the action's YAML name, or {@code approval}
 * @param details what the step will act on and with which parameters, by YAML field name
 * @param when its conditions as written (evaluated when the run reaches the step)
 */
public record PlannedStep(String id, String kind, Map<String, Object> details, List<String> when) {

  public PlannedStep {
    details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    when = List.copyOf(when);
  }
}
