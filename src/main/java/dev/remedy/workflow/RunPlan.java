package dev.remedy.workflow;

import java.util.List;
import java.util.Map;

/**
 * What a run of {@code workflow} would do for one alert, rendered but not executed.
 *
 * @param dedupKey the rendered key of "at most one active run"
 * @param params the rendered and validated params, in declaration order
 */
public record RunPlan(
    Workflow workflow,
    String dedupKey,
    Map<String, String> params,
    List<PlannedStep> steps,
    List<PlannedStep> onFailure) {

  public RunPlan {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    steps = List.copyOf(steps);
    onFailure = List.copyOf(onFailure);
  }
}
