package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.RolloutState;
import dev.remedy.cluster.WorkloadRef;
import java.util.List;
import java.util.Map;

/**
 * Whether a rollout is complete, by the same rules as {@code kubectl rollout status}: the
 * controller has observed the latest generation and every desired replica is updated, ready and
 * available; a Deployment past its {@code progressDeadlineSeconds} is stuck.
 */
final class Rollouts {

  private Rollouts() {}

  static RolloutState state(WorkloadRef target, Workloads.Workload w) {
    long generation = w.generation();
    int observed = w.intPath(0, "status", "observedGeneration");
    if (observed < generation) {
      return new RolloutState.Progressing(
          "waiting for the controller to observe generation " + generation + " of " + target);
    }
    return switch (target.kind()) {
      case DAEMON_SET -> {
        int desired = w.intPath(0, "status", "desiredNumberScheduled");
        int updated = w.intPath(0, "status", "updatedNumberScheduled");
        int available = w.intPath(0, "status", "numberAvailable");
        yield updated >= desired && available >= desired
            ? new RolloutState.Complete(
                target + ": " + available + " of " + desired + " pods updated and available")
            : new RolloutState.Progressing(
                target
                    + ": "
                    + updated
                    + " of "
                    + desired
                    + " updated, "
                    + available
                    + " available");
      }
      default -> {
        String stuck = progressDeadlineExceeded(w);
        if (stuck != null) {
          yield new RolloutState.Stuck(target + ": " + stuck);
        }
        int desired = w.intPath(1, "spec", "replicas");
        int updated = w.intPath(0, "status", "updatedReplicas");
        int ready = w.intPath(0, "status", "readyReplicas");
        int available = w.intPath(ready, "status", "availableReplicas");
        int total = w.intPath(updated, "status", "replicas");
        yield updated >= desired && ready >= desired && available >= desired && total <= updated
            ? new RolloutState.Complete(target + ": " + desired + " replicas updated and available")
            : new RolloutState.Progressing(
                target
                    + ": "
                    + updated
                    + " of "
                    + desired
                    + " updated, "
                    + ready
                    + " ready, "
                    + available
                    + " available");
      }
    };
  }

  private static String progressDeadlineExceeded(Workloads.Workload w) {
    if (!(w.path("status", "conditions") instanceof List<?> conditions)) {
      return null;
    }
    for (Object c : conditions) {
      if (c instanceof Map<?, ?> condition
          && "Progressing".equals(condition.get("type"))
          && "ProgressDeadlineExceeded".equals(condition.get("reason"))) {
        Object message = condition.get("message");
        return message == null ? "progress deadline exceeded" : message.toString();
      }
    }
    return null;
  }
}
