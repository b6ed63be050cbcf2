package dev.remedy.workflow;

import static dev.remedy.workflow.TargetKind.DAEMON_SET;
import static dev.remedy.workflow.TargetKind.DEPLOYMENT;
import static dev.remedy.workflow.TargetKind.HTTP_ROUTE;
import static dev.remedy.workflow.TargetKind.POD;
import static dev.remedy.workflow.TargetKind.SECRET;
import static dev.remedy.workflow.TargetKind.STATEFUL_SET;
import static dev.remedy.workflow.TargetKind.VIRTUAL_SERVICE;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The actions a step can run: what each may target, its default timeout, whether it changes the
 * cluster, and the outputs later steps may read as {@code steps.<id>.<output>}.
 */
public enum ActionType {
  RESTART(
      "restart",
      List.of(DEPLOYMENT, STATEFUL_SET, DAEMON_SET, POD),
      Duration.ofMinutes(2),
      true,
      Set.of("restartedAt")),
  SCALE(
      "scale",
      List.of(DEPLOYMENT, STATEFUL_SET),
      Duration.ofMinutes(2),
      true,
      Set.of("previousReplicas", "replicas")),
  SHIFT_TRAFFIC(
      "shiftTraffic", List.of(HTTP_ROUTE, VIRTUAL_SERVICE), Duration.ofMinutes(2), true, Set.of()),
  ROTATE_SECRET("rotateSecret", List.of(SECRET), Duration.ofMinutes(5), true, Set.of("rotationId")),
  WAIT_FOR_ROLLOUT(
      "waitForRollout",
      List.of(DEPLOYMENT, STATEFUL_SET, DAEMON_SET),
      Duration.ofMinutes(10),
      false,
      Set.of()),
  WAIT_FOR_RESOLVED("waitForResolved", List.of(), Duration.ofHours(1), false, Set.of()),
  REVERT("revert", List.of(), Duration.ofMinutes(5), true, Set.of()),
  HTTP("http", List.of(), Duration.ofSeconds(30), false, Set.of("status")),
  NOTIFY("notify", List.of(), Duration.ofSeconds(30), false, Set.of("messageRef"));

  private final String yamlName;
  private final List<TargetKind> targetKinds;
  private final Duration defaultTimeout;
  private final boolean mutating;
  private final Set<String> outputs;

  ActionType(
      String yamlName,
      List<TargetKind> targetKinds,
      Duration defaultTimeout,
      boolean mutating,
      Set<String> outputs) {
    this.yamlName = yamlName;
    this.targetKinds = targetKinds;
    this.defaultTimeout = defaultTimeout;
    this.mutating = mutating;
    this.outputs = outputs;
  }

  /** The name written after {@code action:}. */
  public String yamlName() {
    return yamlName;
  }

  /** The kinds {@code target.kind} may name; empty when the action takes no target. */
  public List<TargetKind> targetKinds() {
    return targetKinds;
  }

  public boolean takesTarget() {
    return !targetKinds.isEmpty();
  }

  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  /** Whether the action writes to the cluster (and so records what a revert needs). */
  public boolean mutating() {
    return mutating;
  }

  public Set<String> outputs() {
    return outputs;
  }

  public static Optional<ActionType> byYamlName(String name) {
    for (ActionType a : values()) {
      if (a.yamlName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
