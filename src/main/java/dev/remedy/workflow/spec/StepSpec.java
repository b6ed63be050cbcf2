package dev.remedy.workflow.spec;

import dev.remedy.matching.Matcher;
import dev.remedy.template.Template;
import dev.remedy.template.VariableRef;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.Step.Approval.OnTimeout;
import dev.remedy.workflow.TargetKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code spec.steps} or {@code spec.onFailure} as written.
 *
 * @param field the step's path, e.g. {@code spec.steps[1]}
 * @param position where the step's mapping starts
 * @param action empty for an approval step, or when {@code action} was missing or unknown
 * @param with empty when not written, or when the action is unknown
 */
record StepSpec(
    String field,
    Position position,
    boolean onFailure,
    Optional<Value<String>> id,
    Optional<Value<ActionType>> action,
    Optional<ApprovalSpec> approval,
    Optional<TargetSpec> target,
    Optional<WithSpec> with,
    Optional<Value<Duration>> timeout,
    Optional<RetrySpec> retry,
    List<Value<ConditionSpec>> when) {

  StepSpec {
    when = List.copyOf(when);
  }

  /** {@code target}; the kind is one the action can target. */
  record TargetSpec(
      Optional<Value<TargetKind>> kind,
      Optional<Value<Template>> namespace,
      Optional<Value<Template>> name) {}

  /** {@code approval}. */
  record ApprovalSpec(
      List<Value<String>> approvers,
      Optional<Value<Integer>> quorum,
      Optional<Value<Duration>> timeout,
      Optional<Value<OnTimeout>> onTimeout,
      Optional<Value<Template>> message) {}

  /** {@code retry}. */
  record RetrySpec(
      Value<Integer> attempts,
      Optional<Value<Duration>> backoff,
      Optional<Value<Duration>> maxBackoff) {}

  /**
   * One {@code when:} condition, parsed.
   *
   * @param variable its column is inside the condition string
   */
  record ConditionSpec(String source, VariableRef variable, Matcher matcher) {}
}
