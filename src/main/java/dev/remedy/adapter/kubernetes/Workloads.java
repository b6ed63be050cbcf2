package dev.remedy.adapter.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.remedy.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;

/**
 * Reads workloads through the typed clients (no API discovery round trip) and exposes them as trees
 * of maps, so Deployment, StatefulSet and DaemonSet share one code path.
 */
final class Workloads {

  private final KubernetesClient client;

  Workloads(KubernetesClient client) {
    this.client = client;
  }

  /** A workload as read: its fields as nested maps, and its metadata. */
  record Workload(Map<String, Object> tree, HasMetadata object) {

    String resourceVersion() {
      return object.getMetadata().getResourceVersion();
    }

    long generation() {
      Long g = object.getMetadata().getGeneration();
      return g == null ? 0 : g;
    }

    Object path(String... path) {
      Object node = tree;
      for (String key : path) {
        if (!(node instanceof Map<?, ?> map)) {
          return null;
        }
        node = map.get(key);
      }
      return node;
    }

    int intPath(int fallback, String... path) {
      return path(path) instanceof Number n ? n.intValue() : fallback;
    }
  }

  Resource<? extends HasMetadata> resource(WorkloadRef target) {
    return switch (target.kind()) {
      case DEPLOYMENT ->
          client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
      case STATEFUL_SET ->
          client.apps().statefulSets().inNamespace(target.namespace()).withName(target.name());
      case DAEMON_SET ->
          client.apps().daemonSets().inNamespace(target.namespace()).withName(target.name());
      default ->
          throw KubernetesFailures.invalid(target.kind().kind() + " is not a workload kind here");
    };
  }

  /** The workload, or a {@code not-found} failure. */
  Workload read(WorkloadRef target) {
    HasMetadata object = resource(target).get();
    if (object == null) {
      throw KubernetesFailures.notFound(target.toString());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = Serialization.jsonMapper().convertValue(object, Map.class);
    return new Workload(tree, object);
  }

  /** The HorizontalPodAutoscaler whose scale target is this workload, if one is. */
  Optional<String> autoscalerOf(WorkloadRef target) {
    for (HorizontalPodAutoscaler hpa :
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(target.namespace())
            .list()
            .getItems()) {
      var ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
      if (ref != null
          && target.kind().kind().equals(ref.getKind())
          && target.name().equals(ref.getName())) {
        return Optional.of(target.namespace() + "/" + hpa.getMetadata().getName());
      }
    }
    return Optional.empty();
  }

  static String json(Object patch) {
    try {
      return Serialization.jsonMapper().writeValueAsString(patch);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a patch of maps and lists always serialises", e);
    }
  }
}
