package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.RolloutState;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.workflow.ActionType;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@link ClusterOperations} on the Fabric8 client: read, checkpoint, patch (never a replace) with
 * the resourceVersion the decision was made on, the {@code remedy.dev/run-id} and {@code
 * remedy.dev/step} annotations, and {@code dryRun=All} in dry-run. Every operation goes through
 * {@link KubernetesTransport}: timeout, circuit breaker, re-read after a 409, one classification.
 * Every write the API server accepts is reported to {@link ActionCall#sent} (kind, name,
 * resourceVersions; never a value written), a refused one is not: it changed nothing.
 *
 * <p>Once an operation has checkpointed, a re-run after a conflict uses what it recorded, as a
 * repeat after a crash does: the decision (the absolute replica count, the rotation id, the restart
 * timestamp) is made once per step.
 */
@ApplicationScoped
public class Fabric8ClusterOperations implements ClusterOperations, AutoCloseable {

  private final KubernetesTransport transport;
  private final Workloads workloads;
  private final Restarts restarts;
  private final Scaling scaling;
  private final TrafficRoutes routes;
  private final SecretRotation rotation;
  private final AutoscalerWatch autoscalerWatch;

  public Fabric8ClusterOperations(KubernetesClient client, KubernetesTransport transport) {
    this.transport = transport;
    this.workloads = new Workloads(client);
    this.restarts = new Restarts(workloads);
    this.autoscalerWatch = new AutoscalerWatch(client);
    this.scaling = new Scaling(workloads, new Autoscalers(client, autoscalerWatch));
    this.routes = new TrafficRoutes(client);
    this.rotation = new SecretRotation(client, restarts);
  }

  @Override
  public Effect restart(ActionCall call, WorkloadRef target, Instant restartedAt) {
    return write("restart " + target, call, c -> restarts.restart(c, target, restartedAt));
  }

  @Override
  public Effect scale(ActionCall call, WorkloadRef target, ScaleRequest request) {
    return write("scale " + target, call, c -> scaling.scale(c, target, request));
  }

  @Override
  public Effect shiftTraffic(
      ActionCall call, WorkloadRef route, int rule, Map<String, Integer> weights) {
    return write("shiftTraffic " + route, call, c -> routes.shift(c, route, rule, weights));
  }

  @Override
  public Effect rotateSecret(ActionCall call, WorkloadRef secret, RotationRequest request) {
    return write("rotateSecret " + secret, call, c -> rotation.rotate(c, secret, request));
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, String> observe(WorkloadRef target) {
    return transport.call(
        "read " + target,
        Map.class,
        () ->
            switch (target.kind()) {
              case DEPLOYMENT, STATEFUL_SET, DAEMON_SET -> workloads.observe(target);
              case HTTP_ROUTE, VIRTUAL_SERVICE -> routes.observe(target);
              case SECRET -> rotation.observe(target);
              case POD -> restarts.observePod(target);
            });
  }

  @Override
  public RolloutState rollout(WorkloadRef target) {
    return transport.call(
        "rollout status of " + target,
        RolloutState.class,
        () -> Rollouts.state(target, workloads.read(target)));
  }

  @Override
  public Effect revert(
      ActionCall call, ActionType action, WorkloadRef target, Map<String, String> recorded) {
    String what = "revert of " + action.yamlName() + " on " + target;
    return switch (action) {
      case RESTART ->
          new Effect(
              Map.of(), Map.of(), "a restart cannot be undone: nothing to revert on " + target);
      case SCALE -> write(what, call, c -> scaling.revert(c, target, recorded));
      case SHIFT_TRAFFIC -> {
        Map<String, Integer> previous = TrafficRoutes.recordedWeights(recorded);
        if (previous.isEmpty()) {
          throw KubernetesFailures.invalid("the shiftTraffic step recorded no previous weights");
        }
        int rule = Integer.parseInt(recorded.getOrDefault("rule", "0"));
        yield write(what, call, c -> routes.shift(c, target, rule, previous));
      }
      case ROTATE_SECRET -> write(what, call, c -> rotation.revert(c, target, recorded));
      default -> throw KubernetesFailures.invalid(action.yamlName() + " changes nothing to revert");
    };
  }

  /** Stops the watches of HorizontalPodAutoscalers. */
  @Override
  @PreDestroy
  public void close() {
    autoscalerWatch.close();
  }

  /**
   * Runs a mutating operation through the transport; a re-run after a conflict sees what the first
   * run checkpointed as {@link ActionCall#recorded()}.
   */
  private Effect write(String what, ActionCall call, Function<ActionCall, Effect> operation) {
    AtomicReference<Map<String, String>> recorded = new AtomicReference<>(call.recorded());
    return transport.call(
        what,
        Effect.class,
        () ->
            operation.apply(
                new ActionCall(
                    call.key(),
                    call.dryRun(),
                    recorded.get(),
                    checkpoint -> {
                      call.checkpoint().accept(checkpoint);
                      recorded.set(Map.copyOf(checkpoint));
                    },
                    call.sent())));
  }
}
