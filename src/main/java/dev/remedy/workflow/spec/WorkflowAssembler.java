package dev.remedy.workflow.spec;

import dev.remedy.matching.MatcherSyntaxException;
import dev.remedy.matching.Matchers;
import dev.remedy.template.TemplateVariables;
import dev.remedy.workflow.Guards;
import dev.remedy.workflow.OnResolved;
import dev.remedy.workflow.Param;
import dev.remedy.workflow.Workflow;
import dev.remedy.workflow.WorkflowSource;
import dev.remedy.workflow.spec.WorkflowSpec.GuardsSpec;
import dev.remedy.workflow.spec.WorkflowSpec.ParamSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Validates what the binder could not check inside one object (file name, matchers, variables, step
 * references) and, when the whole file is valid, builds the runtime {@link Workflow}.
 */
final class WorkflowAssembler {

  private final Problems problems;

  private WorkflowAssembler(Problems problems) {
    this.problems = problems;
  }

  /** The workflow, or empty when the file has any problem (all of them recorded). */
  static Optional<Workflow> assemble(
      WorkflowSpec spec, WorkflowSource source, boolean checkFileName, Problems problems) {
    return new WorkflowAssembler(problems).assemble(spec, source, checkFileName);
  }

  private Optional<Workflow> assemble(
      WorkflowSpec spec, WorkflowSource source, boolean checkFileName) {
    if (checkFileName) {
      spec.metadataName().ifPresent(name -> checkFileName(name, source.file()));
    }
    Optional<Matchers> matchers = matchers(spec.matchers());
    Set<String> params = new LinkedHashSet<>();
    VariableCheck variables = new VariableCheck(problems);
    for (ParamSpec param : spec.params()) {
      params.add(param.name().value());
      param.value().ifPresent(v -> variables.template(v, TemplateVariables.alertOnly()));
    }
    spec.dedupKey()
        .ifPresent(
            k ->
                variables.template(k, new TemplateVariables(params, Map.of(), false, false, true)));
    new StepChecks(problems, params).check(spec.steps(), spec.onFailure());
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Workflow(
            spec.metadataName().orElseThrow().value(),
            spec.description().map(Value::value).orElse(""),
            source,
            matchers.orElseThrow(),
            spec.onResolved().map(Value::value).orElse(OnResolved.CANCEL),
            spec.dedupKey().map(Value::value),
            spec.params().stream()
                .map(
                    p ->
                        new Param(
                            p.name().value(),
                            p.value().orElseThrow().value(),
                            p.pattern().map(Value::value)))
                .toList(),
            guards(spec.guards()),
            spec.steps().stream().map(StepFactory::build).toList(),
            spec.onFailure().stream().map(StepFactory::build).toList()));
  }

  private void checkFileName(Value<String> name, String file) {
    String fileName = file.substring(file.lastIndexOf('/') + 1);
    String expected = name.value() + ".yaml";
    if (!fileName.equals(expected)) {
      problems.add(
          name,
          "the file of workflow \""
              + name.value()
              + "\" must be named "
              + expected
              + " (it is "
              + fileName
              + ")");
    }
  }

  /** Each string is parsed alone first, so that every bad matcher is reported. */
  private Optional<Matchers> matchers(List<Value<String>> written) {
    boolean valid = true;
    for (Value<String> matcher : written) {
      try {
        Matchers.parse(List.of(matcher.value()));
      } catch (MatcherSyntaxException e) {
        problems.add(matcher.span().atCodePoint(e.column()), matcher.field(), e.getMessage());
        valid = false;
      }
    }
    if (!valid || written.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Matchers.parse(written.stream().map(Value::value).toList()));
    } catch (MatcherSyntaxException e) {
      Value<String> matcher = written.get(e.index());
      problems.add(matcher.span().atCodePoint(e.column()), matcher.field(), e.getMessage());
      return Optional.empty();
    }
  }

  private static Guards guards(GuardsSpec g) {
    Optional<Guards.RateLimit> rateLimit =
        g.rateLimitRuns().isPresent() && g.rateLimitPer().isPresent()
            ? Optional.of(
                new Guards.RateLimit(
                    g.rateLimitRuns().get().value(), g.rateLimitPer().get().value()))
            : Optional.empty();
    return new Guards(
        g.cooldown().map(Value::value),
        rateLimit,
        g.maxConcurrentRuns().map(v -> OptionalInt.of(v.value())).orElse(OptionalInt.empty()),
        g.dryRun().map(Value::value).orElse(false));
  }
}
