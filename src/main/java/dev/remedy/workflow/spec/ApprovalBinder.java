package dev.remedy.workflow.spec;

import dev.remedy.workflow.Step.Approval.OnTimeout;
import dev.remedy.workflow.spec.NodeReader.Fields;
import dev.remedy.workflow.spec.NodeReader.Item;
import dev.remedy.workflow.spec.StepSpec.ApprovalSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds the {@code approval:} of a step: approvers are Slack user ids or {@code group:<name>},
 * listed once; the quorum cannot exceed the listed users unless a group (possibly many people, its
 * members known only from configuration at run time) is listed.
 */
final class ApprovalBinder {

  static final Pattern APPROVER =
      Pattern.compile("[UW][A-Z0-9]{2,20}|group:[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private static final Map<String, OnTimeout> ON_TIMEOUT =
      WorkflowBinder.choices(OnTimeout.values());

  private final NodeReader nodes;
  private final ScalarReader scalars;
  private final Problems problems;

  ApprovalBinder(NodeReader nodes, ScalarReader scalars) {
    this.nodes = nodes;
    this.scalars = scalars;
    this.problems = nodes.problems();
  }

  ApprovalSpec bind(Fields approval) {
    List<Value<String>> approvers = new ArrayList<>();
    Map<String, Value<String>> seen = new HashMap<>();
    for (Item item :
        approval
            .get("approvers")
            .flatMap(n -> nodes.list(n, approval.path("approvers"), 1))
            .orElse(List.of())) {
      scalars
          .matching(
              item.node(),
              item.field(),
              APPROVER,
              "an approver (a Slack user id such as U024BE7LH, or group:<name>)")
          .ifPresent(
              a -> {
                Value<String> first = seen.putIfAbsent(a.value(), a);
                if (first != null) {
                  problems.add(
                      a,
                      "duplicate approver \""
                          + a.value()
                          + "\" (first at "
                          + first.position().describeFrom(a.position())
                          + ")");
                } else {
                  approvers.add(a);
                }
              });
    }
    Optional<Value<Integer>> quorum =
        approval
            .get("quorum")
            .flatMap(n -> scalars.integer(n, approval.path("quorum"), 1, Integer.MAX_VALUE));
    boolean groups = approvers.stream().anyMatch(a -> a.value().startsWith("group:"));
    if (quorum.isPresent()
        && !groups
        && !approvers.isEmpty()
        && quorum.get().value() > approvers.size()) {
      problems.add(
          quorum.get(),
          "quorum "
              + quorum.get().value()
              + " is more than the "
              + approvers.size()
              + " listed approvers");
    }
    return new ApprovalSpec(
        approvers,
        quorum,
        approval.get("timeout").flatMap(n -> scalars.duration(n, approval.path("timeout"), false)),
        approval
            .get("onTimeout")
            .flatMap(n -> scalars.choice(n, approval.path("onTimeout"), "onTimeout", ON_TIMEOUT)),
        approval.get("message").flatMap(n -> scalars.template(n, approval.path("message"), false)));
  }
}
