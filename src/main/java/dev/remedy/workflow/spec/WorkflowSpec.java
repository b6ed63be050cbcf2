package dev.remedy.workflow.spec;

import com.google.re2j.Pattern;
import dev.remedy.template.Template;
import dev.remedy.workflow.OnResolved;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A workflow file as written, each value with its position. Absent values were not written, or were
 * invalid (the binder reported them); validation goes on with the rest.
 *
 * @param metadataName {@code metadata.name}
 */
record WorkflowSpec(
    Optional<Value<String>> apiVersion,
    Optional<Value<String>> kind,
    Optional<Value<String>> metadataName,
    Optional<Value<String>> description,
    List<Value<String>> matchers,
    Optional<Value<OnResolved>> onResolved,
    Optional<Value<Template>> dedupKey,
    List<ParamSpec> params,
    GuardsSpec guards,
    List<StepSpec> steps,
    List<StepSpec> onFailure) {

  WorkflowSpec {
    matchers = List.copyOf(matchers);
    params = List.copyOf(params);
    steps = List.copyOf(steps);
    onFailure = List.copyOf(onFailure);
  }

  /** One entry of {@code spec.params}. */
  record ParamSpec(
      Value<String> name, Optional<Value<Template>> value, Optional<Value<Pattern>> pattern) {}

  /** {@code spec.guards}; every field absent when the section is. */
  record GuardsSpec(
      Optional<Value<Duration>> cooldown,
      Optional<Value<Integer>> rateLimitRuns,
      Optional<Value<Duration>> rateLimitPer,
      Optional<Value<Integer>> maxConcurrentRuns,
      Optional<Value<Boolean>> dryRun) {

    static final GuardsSpec NONE =
        new GuardsSpec(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }
}
