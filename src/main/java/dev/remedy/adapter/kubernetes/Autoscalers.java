package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HorizontalPodAutoscaler that owns a workload's replicas, and {@code with.hpa: adjust}: a
 * scale of an autoscaled workload moves the autoscaler's bounds so that it keeps the new count
 * instead of undoing it (scaling up raises {@code minReplicas} to the target, scaling down lowers
 * {@code maxReplicas} to it), and the revert puts the recorded bounds back.
 */
final class Autoscalers {

  /** Which autoscalers own a workload, as a watch of its namespace sees them. */
  interface Owners {

    /** Their names, or empty when the watch cannot tell now (the namespace is then listed). */
    Optional<List<String>> owners(WorkloadRef target);
  }

  private final KubernetesClient client;
  private final Owners watch;

  Autoscalers(KubernetesClient client, Owners watch) {
    this.client = client;
    this.watch = watch;
  }

  /**
   * The autoscaler whose scale target is this workload, if one is. Asked of the namespace's watch
   * when it can tell; an autoscaler it names is read again by name (the watch may be behind: the
   * bounds recorded for the revert and the refusal must come from the object as it is now). Without
   * an answer from the watch, or when what it named is gone, the namespace's autoscalers are
   * listed.
   */
  Optional<HorizontalPodAutoscaler> of(WorkloadRef target) {
    Optional<List<String>> watched = watch.owners(target);
    if (watched.isPresent() && watched.get().isEmpty()) {
      return Optional.empty();
    }
    for (String name : watched.orElse(List.of())) {
      HorizontalPodAutoscaler current = autoscalers(target).withName(name).get();
      if (current != null && owns(current, target)) {
        return Optional.of(current);
      }
    }
    return listed(target);
  }

  private Optional<HorizontalPodAutoscaler> listed(WorkloadRef target) {
    for (HorizontalPodAutoscaler hpa : autoscalers(target).list().getItems()) {
      if (owns(hpa, target)) {
        return Optional.of(hpa);
      }
    }
    return Optional.empty();
  }

  private NonNamespaceOperation<
          HorizontalPodAutoscaler, HorizontalPodAutoscalerList, Resource<HorizontalPodAutoscaler>>
      autoscalers(WorkloadRef target) {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(target.namespace());
  }

  private static boolean owns(HorizontalPodAutoscaler hpa, WorkloadRef target) {
    var ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
    return ref != null
        && target.kind().kind().equals(ref.getKind())
        && target.name().equals(ref.getName());
  }

  static String name(HorizontalPodAutoscaler hpa) {
    return hpa.getMetadata().getNamespace() + "/" + hpa.getMetadata().getName();
  }

  /** What the revert needs: the autoscaler's name and bounds before the scale. */
  static Map<String, String> record(HorizontalPodAutoscaler hpa) {
    Map<String, String> recorded = new LinkedHashMap<>();
    recorded.put("hpa", hpa.getMetadata().getName());
    Integer min = hpa.getSpec().getMinReplicas();
    recorded.put("hpaMinReplicas", min == null ? "" : min.toString());
    recorded.put("hpaMaxReplicas", Integer.toString(hpa.getSpec().getMaxReplicas()));
    return recorded;
  }

  /**
   * Moves the bounds recorded before the scale so that {@code replicas} lies inside them.
   *
   * @param read the autoscaler as this attempt read it to decide the scale, if it did: the write is
   *     decided on it (a changed autoscaler refuses the patch with 409, and the step reads again)
   * @return one line for the summary
   */
  String adjust(
      ActionCall call,
      WorkloadRef target,
      Map<String, String> recorded,
      int previous,
      Optional<HorizontalPodAutoscaler> read) {
    int replicas = Integer.parseInt(recorded.get("replicas"));
    if (replicas < 1) {
      throw KubernetesFailures.invalid(
          "an autoscaled workload cannot be scaled to 0: remove the HorizontalPodAutoscaler "
              + recorded.get("hpa")
              + " first");
    }
    int min =
        recorded.get("hpaMinReplicas").isEmpty()
            ? 1
            : Integer.parseInt(recorded.get("hpaMinReplicas"));
    int max = Integer.parseInt(recorded.get("hpaMaxReplicas"));
    if (replicas >= previous) {
      min = replicas;
      max = Math.max(max, replicas);
    } else {
      max = replicas;
      min = Math.min(min, replicas);
    }
    write(call, target, recorded.get("hpa"), min, max, read);
    return "HorizontalPodAutoscaler " + recorded.get("hpa") + " bounds " + min + "–" + max;
  }

  /** Puts back the bounds a scale recorded. */
  String restore(ActionCall call, WorkloadRef target, Map<String, String> recorded) {
    String min = recorded.get("hpaMinReplicas");
    Integer restoredMin = min.isEmpty() ? null : Integer.valueOf(min);
    int max = Integer.parseInt(recorded.get("hpaMaxReplicas"));
    write(call, target, recorded.get("hpa"), restoredMin, max, Optional.empty());
    return "HorizontalPodAutoscaler "
        + recorded.get("hpa")
        + " bounds restored to "
        + (min.isEmpty() ? "default" : min)
        + "–"
        + max;
  }

  /**
   * Patches the bounds of autoscaler {@code name}, decided on {@code read} when that is the one
   * (the step has just read it to decide the scale), else on the autoscaler read now.
   */
  private void write(
      ActionCall call,
      WorkloadRef target,
      String name,
      Integer min,
      int max,
      Optional<HorizontalPodAutoscaler> read) {
    HorizontalPodAutoscaler current =
        read.filter(hpa -> name.equals(hpa.getMetadata().getName()))
            .orElseGet(() -> autoscalers(target).withName(name).get());
    if (current == null) {
      throw KubernetesFailures.notFound(
          "HorizontalPodAutoscaler " + target.namespace() + "/" + name);
    }
    Map<String, Object> spec = new HashMap<>();
    spec.put("minReplicas", min);
    spec.put("maxReplicas", max);
    String before = current.getMetadata().getResourceVersion();
    HorizontalPodAutoscaler identity =
        new HorizontalPodAutoscalerBuilder()
            .withMetadata(Workloads.identity(target.namespace(), name))
            .build();
    HorizontalPodAutoscaler written =
        Workloads.mergePatch(
            autoscalers(target).resource(identity), call, before, Map.of("spec", spec));
    Workloads.sent(
        call,
        "patch",
        "HorizontalPodAutoscaler",
        target.namespace(),
        name,
        before,
        Workloads.resourceVersion(written));
  }
}
