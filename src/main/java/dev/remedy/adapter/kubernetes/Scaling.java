package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations.ScaleRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code scale} and its revert. The absolute count is decided once, from the count read on the
 * first attempt, and checkpointed; a repeat writes the recorded count. {@code spec.replicas} is
 * written by a merge patch of the workload rather than through the {@code scale} subresource: one
 * request carries the count, the remedy.dev marks and the resourceVersion precondition, and the API
 * server can dry-run it, which it cannot do for {@code PUT .../scale}.
 */
final class Scaling {

  private final Workloads workloads;
  private final Autoscalers autoscalers;

  Scaling(Workloads workloads, Autoscalers autoscalers) {
    this.workloads = workloads;
    this.autoscalers = autoscalers;
  }

  Effect scale(ActionCall call, WorkloadRef target, ScaleRequest request) {
    Workloads.Workload current = workloads.read(target);
    Optional<HorizontalPodAutoscaler> hpa = autoscalers.of(target);
    if (hpa.isPresent() && !request.adjustHpa()) {
      throw KubernetesFailures.invalid(
          "HorizontalPodAutoscaler "
              + Autoscalers.name(hpa.get())
              + " owns the replicas of "
              + target
              + "; set with.hpa: adjust to move its bounds with the scale");
    }
    Map<String, String> recorded = call.recorded();
    if (!recorded.containsKey("replicas")) {
      recorded = decide(current, request, hpa);
      call.checkpoint().accept(recorded);
    }
    int previous = Integer.parseInt(recorded.get("previousReplicas"));
    int replicas = Integer.parseInt(recorded.get("replicas"));
    String bounds =
        recorded.containsKey("hpa")
            ? "; " + autoscalers.adjust(call, target, recorded, previous, hpa)
            : "";
    workloads.mergePatch(target, call, current, Map.of("spec", Map.of("replicas", replicas)));
    return new Effect(
        Map.of(
            "previousReplicas", Integer.toString(previous), "replicas", Integer.toString(replicas)),
        recorded,
        "replicas " + previous + " → " + replicas + " on " + target + bounds);
  }

  /** Puts back the replica count (and the autoscaler's bounds) a scale recorded. */
  Effect revert(ActionCall call, WorkloadRef target, Map<String, String> recorded) {
    if (!recorded.containsKey("previousReplicas")) {
      throw KubernetesFailures.invalid("the scale step recorded no previous replica count");
    }
    int previous = Integer.parseInt(recorded.get("previousReplicas"));
    Workloads.Workload current = workloads.read(target);
    String bounds =
        recorded.containsKey("hpa") ? "; " + autoscalers.restore(call, target, recorded) : "";
    workloads.mergePatch(target, call, current, Map.of("spec", Map.of("replicas", previous)));
    return new Effect(
        Map.of("replicas", Integer.toString(previous)),
        Map.of(),
        "replicas " + recorded.get("replicas") + " → " + previous + " on " + target + bounds);
  }

  private static Map<String, String> decide(
      Workloads.Workload current, ScaleRequest request, Optional<HorizontalPodAutoscaler> hpa) {
    int now = current.intPath(1, "spec", "replicas");
    int wanted = request.change().apply(now);
    if (request.min().isPresent()) {
      wanted = Math.max(wanted, request.min().getAsInt());
    }
    if (request.max().isPresent()) {
      wanted = Math.min(wanted, request.max().getAsInt());
    }
    Map<String, String> recorded = new LinkedHashMap<>();
    recorded.put("previousReplicas", Integer.toString(now));
    recorded.put("replicas", Integer.toString(wanted));
    hpa.ifPresent(h -> recorded.putAll(Autoscalers.record(h)));
    return recorded;
  }
}
