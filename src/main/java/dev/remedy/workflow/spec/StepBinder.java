package dev.remedy.workflow.spec;

import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.TargetKind;
import dev.remedy.workflow.spec.NodeReader.Fields;
import dev.remedy.workflow.spec.NodeReader.Item;
import dev.remedy.workflow.spec.StepSpec.ConditionSpec;
import dev.remedy.workflow.spec.StepSpec.RetrySpec;
import dev.remedy.workflow.spec.StepSpec.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds one step: which of action or approval, its target, timeout, retry and conditions. */
final class StepBinder {

  static final int MAX_ATTEMPTS = 100;
  static final Map<String, ActionType> ACTIONS = new LinkedHashMap<>();

  static {
    for (ActionType action : ActionType.values()) {
      ACTIONS.put(action.yamlName(), action);
    }
  }

  private final NodeReader nodes;
  private final ScalarReader scalars;
  private final Problems problems;
  private final ApprovalBinder approvals;
  private final WithBinder with;
  private final ConditionParser conditions;

  StepBinder(NodeReader nodes, ScalarReader scalars) {
    this.nodes = nodes;
    this.scalars = scalars;
    this.problems = nodes.problems();
    this.approvals = new ApprovalBinder(nodes, scalars);
    this.with = new WithBinder(nodes, scalars);
    this.conditions = new ConditionParser(nodes.problems());
  }

  Optional<StepSpec> step(Item item, boolean onFailure) {
    Optional<Fields> found = nodes.object(item.node(), item.field(), SpecShapes.STEP);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Fields step = found.get();
    Position position = nodes.span(item.node()).start();
    boolean approval = step.entries().containsKey("approval");
    if (approval && step.entries().containsKey("action")) {
      problems.add(
          step.entry("approval").get().keySpan().start(),
          step.path("approval"),
          "a step has either action or approval, not both");
    } else if (!approval && !step.entries().containsKey("action")) {
      problems.add(position, item.field(), "a step needs action or approval");
    }
    Optional<Value<ActionType>> action =
        step.get("action").flatMap(n -> scalars.choice(n, step.path("action"), "action", ACTIONS));
    if (approval) {
      forbid(step, "timeout", "an approval's timeout is written under approval:");
      forbid(step, "retry", "an approval is not retried");
      if (!step.entries().containsKey("action")) {
        forbid(step, "target", "an approval takes no target: it gates the steps after it");
        forbid(step, "with", "an approval takes no with: its fields are written under approval:");
      }
    }
    action.ifPresent(a -> actionFields(step, position, a.value()));
    return Optional.of(
        new StepSpec(
            item.field(),
            position,
            onFailure,
            step.get("id")
                .flatMap(
                    n ->
                        scalars.matching(
                            n,
                            step.path("id"),
                            WorkflowBinder.DNS_LABEL,
                            WorkflowBinder.DNS_LABEL_HELP)),
            action,
            step.get("approval")
                .flatMap(n -> nodes.object(n, step.path("approval"), SpecShapes.APPROVAL))
                .map(approvals::bind),
            step.get("target")
                .flatMap(n -> nodes.object(n, step.path("target"), SpecShapes.TARGET))
                .map(t -> target(t, action)),
            action.flatMap(
                a -> step.get("with").flatMap(n -> with.bind(a.value(), n, step.path("with")))),
            step.get("timeout")
                .filter(n -> !approval)
                .flatMap(n -> scalars.duration(n, step.path("timeout"), false)),
            step.get("retry")
                .filter(n -> !approval)
                .flatMap(n -> nodes.object(n, step.path("retry"), SpecShapes.RETRY))
                .flatMap(this::retry),
            when(step)));
  }

  /** Whether target and with are written as the action needs. */
  private void actionFields(Fields step, Position position, ActionType action) {
    if (action.takesTarget() && !step.entries().containsKey("target")) {
      problems.add(position, step.path("target"), "required key is missing");
    } else if (!action.takesTarget()) {
      forbid(step, "target", action.yamlName() + " takes no target");
    }
    boolean takesWith = SpecShapes.with(action).isPresent();
    if (takesWith && !step.entries().containsKey("with")) {
      problems.add(position, step.path("with"), "required key is missing");
    } else if (!takesWith) {
      forbid(step, "with", action.yamlName() + " takes no with");
    }
  }

  private void forbid(Fields step, String key, String message) {
    step.entry(key).ifPresent(e -> problems.add(e.keySpan().start(), e.field(), message));
  }

  private TargetSpec target(Fields target, Optional<Value<ActionType>> action) {
    List<TargetKind> allowed =
        action
            .map(a -> a.value().targetKinds())
            .filter(k -> !k.isEmpty())
            .orElse(List.of(TargetKind.values()));
    return new TargetSpec(
        target.get("kind").flatMap(n -> kind(n, target.path("kind"), allowed, action)),
        target.get("namespace").flatMap(n -> scalars.template(n, target.path("namespace"), false)),
        target.get("name").flatMap(n -> scalars.template(n, target.path("name"), false)));
  }

  /** A kind that the action can target; the message lists the kinds it can. */
  private Optional<Value<TargetKind>> kind(
      Node node, String field, List<TargetKind> allowed, Optional<Value<ActionType>> action) {
    Optional<Value<String>> text = scalars.string(node, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String expected = String.join(", ", allowed.stream().map(TargetKind::kind).toList());
    Optional<TargetKind> kind = TargetKind.byKind(text.get().value());
    if (kind.isEmpty()) {
      problems.add(
          text.get(),
          "unknown kind \"" + text.get().value() + "\" (expected one of " + expected + ")");
    } else if (!allowed.contains(kind.get())) {
      String verb = action.map(a -> a.value().yamlName()).orElse("this step");
      problems.add(
          text.get(),
          verb
              + " cannot target kind "
              + kind.get().kind()
              + " (expected one of "
              + expected
              + ")");
    } else {
      return Optional.of(text.get().with(kind.get()));
    }
    return Optional.empty();
  }

  private Optional<RetrySpec> retry(Fields retry) {
    Optional<Value<Integer>> attempts =
        retry
            .get("attempts")
            .flatMap(n -> scalars.integer(n, retry.path("attempts"), 1, MAX_ATTEMPTS));
    Optional<Value<Duration>> backoff =
        retry.get("backoff").flatMap(n -> scalars.duration(n, retry.path("backoff"), false));
    Optional<Value<Duration>> maxBackoff =
        retry.get("maxBackoff").flatMap(n -> scalars.duration(n, retry.path("maxBackoff"), false));
    if (backoff.isPresent()
        && maxBackoff.isPresent()
        && maxBackoff.get().value().compareTo(backoff.get().value()) < 0) {
      problems.add(
          maxBackoff.get(),
          "must not be shorter than backoff (" + backoff.get().span().text() + ")");
    }
    return attempts.map(a -> new RetrySpec(a, backoff, maxBackoff));
  }

  private List<Value<ConditionSpec>> when(Fields step) {
    List<Value<ConditionSpec>> when = new ArrayList<>();
    for (Item item :
        step.get("when").flatMap(n -> nodes.list(n, step.path("when"), 1)).orElse(List.of())) {
      scalars.string(item.node(), item.field()).flatMap(conditions::parse).ifPresent(when::add);
    }
    return when;
  }
}
