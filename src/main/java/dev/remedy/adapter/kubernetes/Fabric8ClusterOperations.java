package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.RolloutState;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.workflow.ActionType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ClusterOperations} on the Fabric8 client: read, checkpoint, JSON merge patch (never a
 * replace), with the {@code remedy.dev/run-id} and {@code remedy.dev/step} annotations, and {@code
 * dryRun=All} in dry-run.
 *
 * <p>This version covers restart, scale (absolute, relative and factor; an HPA on the workload is
 * refused), shiftTraffic ({@link TrafficRoutes}), rollout status and the revert of a scale and of a
 * shift. rotateSecret and {@code with.hpa: adjust} fail with {@code invalid} until the Kubernetes
 * actions issue adds them.
 */
@ApplicationScoped
public class Fabric8ClusterOperations implements ClusterOperations {

  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  static final String RUN_ID = "remedy.dev/run-id";
  static final String STEP = "remedy.dev/step";

  private final KubernetesClient client;
  private final Workloads workloads;
  private final TrafficRoutes routes;

  public Fabric8ClusterOperations(KubernetesClient client) {
    this.client = client;
    this.workloads = new Workloads(client);
    this.routes = new TrafficRoutes(client);
  }

  @Override
  public Effect restart(ActionCall call, WorkloadRef target, Instant restartedAt) {
    try {
      if (target.kind() == dev.remedy.workflow.TargetKind.POD) {
        var pod = client.pods().inNamespace(target.namespace()).withName(target.name());
        if (pod.get() == null) {
          return new Effect(
              Map.of("restartedAt", restartedAt.toString()), Map.of(), target + " is already gone");
        }
        call.checkpoint().accept(Map.of("restartedAt", restartedAt.toString()));
        (call.dryRun() ? pod.dryRun() : pod).delete();
        return new Effect(
            Map.of("restartedAt", restartedAt.toString()), Map.of(), "deleted " + target);
      }
      Workloads.Workload current = workloads.read(target);
      if (Boolean.TRUE.equals(current.path("spec", "paused"))) {
        throw KubernetesFailures.invalid(
            target + " is paused: a restart would not roll out; resume it first");
      }
      String previous =
          Optional.ofNullable(
                  current.path("spec", "template", "metadata", "annotations", RESTARTED_AT))
              .map(Object::toString)
              .orElse("");
      Map<String, String> recorded =
          call.recorded().isEmpty()
              ? Map.of(
                  "previousRestartedAt", previous, "resourceVersion", current.resourceVersion())
              : call.recorded();
      call.checkpoint().accept(recorded);
      String stamp = restartedAt.toString();
      Map<String, Object> patch =
          Map.of(
              "metadata", Map.of("annotations", marks(call)),
              "spec",
                  Map.of(
                      "template",
                      Map.of("metadata", Map.of("annotations", Map.of(RESTARTED_AT, stamp)))));
      patch(workloads.resource(target), call, patch);
      return new Effect(
          Map.of("restartedAt", stamp),
          recorded,
          (stamp.equals(previous) ? "already restarted at " : "rollout restart at ")
              + stamp
              + " of "
              + target);
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify("restart " + target, e);
    }
  }

  @Override
  public Effect scale(ActionCall call, WorkloadRef target, ScaleRequest request) {
    try {
      Workloads.Workload current = workloads.read(target);
      Optional<String> hpa = workloads.autoscalerOf(target);
      if (hpa.isPresent()) {
        throw KubernetesFailures.invalid(
            "HorizontalPodAutoscaler "
                + hpa.get()
                + " owns the replicas of "
                + target
                + (request.adjustHpa()
                    ? "; with.hpa: adjust is not supported yet"
                    : "; set with.hpa: adjust to change its bounds"));
      }
      Map<String, String> recorded = call.recorded();
      if (!recorded.containsKey("replicas")) {
        int now = current.intPath(1, "spec", "replicas");
        int wanted = request.change().apply(now);
        if (request.min().isPresent()) {
          wanted = Math.max(wanted, request.min().getAsInt());
        }
        if (request.max().isPresent()) {
          wanted = Math.min(wanted, request.max().getAsInt());
        }
        recorded =
            Map.of("previousReplicas", Integer.toString(now), "replicas", Integer.toString(wanted));
        call.checkpoint().accept(recorded);
      }
      int replicas = Integer.parseInt(recorded.get("replicas"));
      patch(
          workloads.resource(target),
          call,
          Map.of(
              "metadata",
              Map.of("annotations", marks(call)),
              "spec",
              Map.of("replicas", replicas)));
      return new Effect(
          Map.of(
              "previousReplicas",
              recorded.get("previousReplicas"),
              "replicas",
              recorded.get("replicas")),
          recorded,
          "replicas " + recorded.get("previousReplicas") + " → " + replicas + " on " + target);
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify("scale " + target, e);
    }
  }

  @Override
  public Effect shiftTraffic(
      ActionCall call, WorkloadRef route, int rule, Map<String, Integer> weights) {
    try {
      return routes.shift(call, route, rule, weights);
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify("shiftTraffic " + route, e);
    }
  }

  @Override
  public Effect rotateSecret(ActionCall call, WorkloadRef secret, RotationRequest request) {
    throw KubernetesFailures.invalid("rotateSecret is not supported by this version of remedy");
  }

  @Override
  public RolloutState rollout(WorkloadRef target) {
    try {
      return Rollouts.state(target, workloads.read(target));
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify("rollout status of " + target, e);
    }
  }

  @Override
  public Effect revert(
      ActionCall call, ActionType action, WorkloadRef target, Map<String, String> recorded) {
    return switch (action) {
      case RESTART ->
          new Effect(
              Map.of(), Map.of(), "a restart cannot be undone: nothing to revert on " + target);
      case SCALE -> {
        int previous = Integer.parseInt(recorded.getOrDefault("previousReplicas", "-1"));
        if (previous < 0) {
          throw KubernetesFailures.invalid("the scale step recorded no previous replica count");
        }
        yield scale(
            new ActionCall(
                call.key(),
                call.dryRun(),
                Map.of(
                    "previousReplicas",
                    recorded.get("replicas"),
                    "replicas",
                    Integer.toString(previous)),
                call.checkpoint()),
            target,
            new ScaleRequest(
                new dev.remedy.workflow.ScaleChange.To(previous),
                java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty(),
                false));
      }
      case SHIFT_TRAFFIC -> {
        Map<String, Integer> previous = TrafficRoutes.recordedWeights(recorded);
        if (previous.isEmpty()) {
          throw KubernetesFailures.invalid("the shiftTraffic step recorded no previous weights");
        }
        yield shiftTraffic(
            new ActionCall(call.key(), call.dryRun(), Map.of(), call.checkpoint()),
            target,
            Integer.parseInt(recorded.getOrDefault("rule", "0")),
            previous);
      }
      default ->
          throw KubernetesFailures.invalid(
              "revert of " + action.yamlName() + " is not supported by this version of remedy");
    };
  }

  private static Map<String, String> marks(ActionCall call) {
    Map<String, String> marks = new LinkedHashMap<>();
    marks.put(RUN_ID, call.key().runId());
    marks.put(STEP, call.key().stepId());
    return marks;
  }

  private static void patch(
      Resource<? extends HasMetadata> resource, ActionCall call, Map<String, Object> patch) {
    PatchContext context =
        new PatchContext.Builder()
            .withPatchType(PatchType.JSON_MERGE)
            .withDryRun(call.dryRun() ? List.of("All") : List.of())
            .build();
    resource.patch(context, Workloads.json(patch));
  }
}
