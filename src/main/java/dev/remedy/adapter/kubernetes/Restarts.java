package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.workflow.TargetKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Rollout restarts, as {@code kubectl rollout restart} does them: the pod-template annotation
 * {@code kubectl.kubernetes.io/restartedAt}, with a timestamp fixed per run so a repeat starts no
 * second rollout. Used by {@code restart} and by {@code rotateSecret} for its consumers.
 */
final class Restarts {

  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private final Workloads workloads;

  Restarts(Workloads workloads) {
    this.workloads = workloads;
  }

  Effect restart(ActionCall call, WorkloadRef target, Instant restartedAt) {
    String stamp = restartedAt.toString();
    if (target.kind() == TargetKind.POD) {
      return deletePod(call, target, stamp);
    }
    Workloads.Workload current = workloads.read(target);
    String previous = previousStamp(current);
    Map<String, String> recorded =
        call.recorded().isEmpty()
            ? Map.of("previousRestartedAt", previous, "resourceVersion", current.resourceVersion())
            : call.recorded();
    refuseIfPaused(target, current);
    call.checkpoint().accept(recorded);
    write(call, target, current, stamp);
    return new Effect(
        Map.of("restartedAt", stamp),
        recorded,
        (stamp.equals(previous) ? "already restarted at " : "rollout restart at ")
            + stamp
            + " of "
            + target);
  }

  /**
   * Restarts a workload without a checkpoint of its own (the caller has recorded what it needs).
   *
   * @return one line for the summary
   */
  String restartConsumer(ActionCall call, WorkloadRef target, String stamp) {
    Workloads.Workload current = workloads.read(target);
    refuseIfPaused(target, current);
    if (stamp.equals(previousStamp(current))) {
      return target + " already restarted";
    }
    write(call, target, current, stamp);
    return target + " restarted";
  }

  private Effect deletePod(ActionCall call, WorkloadRef target, String stamp) {
    var pod = workloads.client().pods().inNamespace(target.namespace()).withName(target.name());
    var current = pod.get();
    if (current == null) {
      return new Effect(Map.of("restartedAt", stamp), Map.of(), target + " is already gone");
    }
    call.checkpoint().accept(Map.of("restartedAt", stamp));
    (call.dryRun() ? pod.dryRun() : pod).delete();
    Workloads.sent(
        call,
        "delete",
        "Pod",
        target.namespace(),
        target.name(),
        current.getMetadata().getResourceVersion(),
        "");
    return new Effect(Map.of("restartedAt", stamp), Map.of(), "deleted " + target);
  }

  Map<String, String> observePod(WorkloadRef target) {
    var pod =
        workloads.client().pods().inNamespace(target.namespace()).withName(target.name()).get();
    if (pod == null) {
      return Map.of();
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return Map.of("phase", phase == null ? "Unknown" : phase);
  }

  private static String previousStamp(Workloads.Workload current) {
    return Optional.ofNullable(
            current.path("spec", "template", "metadata", "annotations", RESTARTED_AT))
        .map(Object::toString)
        .orElse("");
  }

  private static void refuseIfPaused(WorkloadRef target, Workloads.Workload current) {
    if (Boolean.TRUE.equals(current.path("spec", "paused"))) {
      throw KubernetesFailures.invalid(
          target + " is paused: a restart would not roll out; resume it first");
    }
  }

  private void write(
      ActionCall call, WorkloadRef target, Workloads.Workload current, String stamp) {
    workloads.mergePatch(
        target,
        call,
        current,
        Map.of(
            "spec",
            Map.of(
                "template",
                Map.of("metadata", Map.of("annotations", Map.of(RESTARTED_AT, stamp))))));
  }
}
