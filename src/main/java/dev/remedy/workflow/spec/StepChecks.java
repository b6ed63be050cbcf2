package dev.remedy.workflow.spec;

import dev.remedy.template.TemplateVariables;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.TargetKind;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks of a step against the others: unique ids, what a template or condition may read (params,
 * run fields, the outputs of earlier steps, {@code run.failure} only in onFailure), what a revert
 * may undo, and weights that must add up for the target's kind.
 */
final class StepChecks {

  private static final int VIRTUAL_SERVICE_TOTAL = 100;

  private final Problems problems;
  private final VariableCheck variables;
  private final Set<String> params;
  private final Map<String, StepSpec> byId = new LinkedHashMap<>();
  private final Set<String> allIds = new HashSet<>();

  StepChecks(Problems problems, Set<String> params) {
    this.problems = problems;
    this.variables = new VariableCheck(problems);
    this.params = Set.copyOf(params);
  }

  /** Checks the steps, then the onFailure steps, each against the steps before it. */
  void check(List<StepSpec> steps, List<StepSpec> onFailure) {
    Stream.concat(steps.stream(), onFailure.stream())
        .forEach(s -> s.id().ifPresent(id -> allIds.add(id.value())));
    for (StepSpec step : steps) {
      check(step);
    }
    for (StepSpec step : onFailure) {
      check(step);
    }
  }

  private void check(StepSpec step) {
    TemplateVariables allowed =
        new TemplateVariables(params, outputs(), true, step.onFailure(), true);
    TemplateVariables inTarget = allowed.withoutAlert();
    step.target().ifPresent(t -> t.namespace().ifPresent(n -> variables.template(n, inTarget)));
    step.target().ifPresent(t -> t.name().ifPresent(n -> variables.template(n, inTarget)));
    // The workloads a rotation restarts are chosen like a target: never straight from the alert.
    TemplateVariables inWith =
        step.with().orElse(null) instanceof WithSpec.RotateSecret ? inTarget : allowed;
    step.with().ifPresent(w -> w.templates().forEach(t -> variables.template(t, inWith)));
    step.approval().flatMap(a -> a.message()).ifPresent(m -> variables.template(m, allowed));
    step.when().forEach(c -> variables.condition(c, allowed));
    if (step.onFailure() && step.approval().isPresent()) {
      problems.add(step.position(), step.field(), "onFailure steps cannot be approvals");
    }
    step.with().ifPresent(w -> checkWith(step, w));
    step.id().ifPresent(this::register);
    step.id().ifPresent(id -> byId.putIfAbsent(id.value(), step));
  }

  private void register(Value<String> id) {
    StepSpec first = byId.get(id.value());
    if (first != null) {
      problems.add(
          id,
          "duplicate step id \""
              + id.value()
              + "\" (first at "
              + first.id().get().position().describeFrom(id.position())
              + ")");
    }
  }

  /** The outputs of the steps checked so far, by id: what the next step may read. */
  private Map<String, Set<String>> outputs() {
    Map<String, Set<String>> outputs = new LinkedHashMap<>();
    byId.forEach(
        (id, step) ->
            outputs.put(id, step.action().map(a -> a.value().outputs()).orElse(Set.of())));
    return outputs;
  }

  private void checkWith(StepSpec step, WithSpec with) {
    switch (with) {
      case WithSpec.Revert revert -> revert.step().ifPresent(t -> checkRevert(step, t));
      case WithSpec.ShiftTraffic shift -> checkWeights(step, shift);
      default -> {}
    }
  }

  private void checkRevert(StepSpec step, Value<String> target) {
    if (isSelf(step, target)) {
      problems.add(target, "a step cannot revert itself");
      return;
    }
    StepSpec reverted = byId.get(target.value());
    if (reverted == null && allIds.contains(target.value())) {
      problems.add(
          target,
          "step \"" + target.value() + "\" comes later: only an earlier step can be reverted");
      return;
    }
    if (reverted == null) {
      String earlier = byId.isEmpty() ? "none" : String.join(", ", byId.keySet());
      problems.add(
          target,
          "unknown step \""
              + target.value()
              + "\": only an earlier step can be reverted (earlier: "
              + earlier
              + ")");
      return;
    }
    Optional<ActionType> action = reverted.action().map(Value::value);
    if (action.isEmpty() || !action.get().mutating() || action.get() == ActionType.REVERT) {
      String what = action.map(a -> "a " + a.yamlName()).orElse("an approval");
      problems.add(
          target,
          "step \""
              + target.value()
              + "\" is "
              + what
              + " step: only restart, scale, shiftTraffic and rotateSecret steps can be reverted");
    }
  }

  private static boolean isSelf(StepSpec step, Value<String> target) {
    return step.id().map(id -> id.value().equals(target.value())).orElse(false);
  }

  private void checkWeights(StepSpec step, WithSpec.ShiftTraffic shift) {
    boolean virtualService =
        step.target()
            .flatMap(t -> t.kind())
            .map(k -> k.value() == TargetKind.VIRTUAL_SERVICE)
            .orElse(false);
    int total = shift.weights().value().stream().mapToInt(w -> w.weight().value()).sum();
    if (virtualService && !shift.weights().value().isEmpty() && total != VIRTUAL_SERVICE_TOTAL) {
      problems.add(
          shift.weights(),
          "VirtualService weights must add up to 100 (they add up to " + total + ")");
    }
  }
}
