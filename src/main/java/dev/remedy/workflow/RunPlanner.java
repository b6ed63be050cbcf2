package dev.remedy.workflow;

import dev.remedy.alert.Alert;
import dev.remedy.template.RunScope;
import dev.remedy.template.TemplateRenderException;
import dev.remedy.template.TemplateScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what a run of a workflow would do for an alert: params (checked against their patterns),
 * the dedup key, and every step. Pure: no I/O, no clock. The engine uses the same params and key
 * when it starts a run; simulation shows the whole plan.
 */
public final class RunPlanner {

  private static final int MAX_SHOWN_VALUE = 120;

  private RunPlanner() {}

  public static PlanOutcome plan(Workflow workflow, Alert alert) {
    RunScope scope = RunScope.ofAlert(alert);
    Map<String, String> params = new LinkedHashMap<>();
    for (Param param : workflow.params()) {
      String field = "spec.params." + param.name();
      String value;
      try {
        value = param.value().render(scope);
      } catch (TemplateRenderException e) {
        return refused(workflow, field, e);
      }
      if (!param.accepts(value)) {
        return new PlanOutcome.Refused(
            workflow.name(),
            field,
            "value \""
                + shown(value)
                + "\" does not match pattern "
                + param.pattern().orElseThrow().pattern());
      }
      params.put(param.name(), value);
    }
    scope = scope.withParams(params);
    String dedupKey = alert.fingerprint().value();
    if (workflow.dedupKey().isPresent()) {
      try {
        dedupKey = workflow.dedupKey().get().render(scope);
      } catch (TemplateRenderException e) {
        return refused(workflow, "spec.dedupKey", e);
      }
    }
    TemplateScope later = placeholders(scope);
    try {
      List<PlannedStep> steps = render(workflow.steps(), later);
      List<PlannedStep> onFailure = render(workflow.onFailure(), later);
      return new PlanOutcome.Planned(new RunPlan(workflow, dedupKey, params, steps, onFailure));
    } catch (StepRenderException e) {
      return refused(workflow, e.field, e.cause);
    }
  }

  /** Run fields and step outputs do not exist before the run: they show as {@code <name>}. */
  private static TemplateScope placeholders(RunScope scope) {
    return path ->
        switch (path.getFirst()) {
          case "run", "steps" -> Optional.of("<" + String.join(".", path) + ">");
          default -> scope.resolve(path);
        };
  }

  private static List<PlannedStep> render(List<Step> steps, TemplateScope scope)
      throws StepRenderException {
    List<PlannedStep> planned = new ArrayList<>();
    for (Step step : steps) {
      try {
        planned.add(StepDetails.of(step, scope));
      } catch (TemplateRenderException e) {
        throw new StepRenderException("step " + step.id(), e);
      }
    }
    return planned;
  }

  private static PlanOutcome.Refused refused(
      Workflow workflow, String field, TemplateRenderException e) {
    return new PlanOutcome.Refused(workflow.name(), field, e.getMessage());
  }

  private static String shown(String value) {
    return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "…";
  }

  private static final class StepRenderException extends Exception {
    private final String field;
    private final TemplateRenderException cause;

    StepRenderException(String field, TemplateRenderException cause) {
      super(cause.getMessage(), cause, false, false);
      this.field = field;
      this.cause = cause;
    }
  }
}
