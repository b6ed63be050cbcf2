package dev.remedy.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations.ScaleRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.RolloutState;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.run.FailureReason;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.StepFailedException;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Fabric8 adapter against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterOperationsTest {

  KubernetesClient client;

  private Fabric8ClusterOperations cluster;
  private final List<Map<String, String>> checkpoints = new ArrayList<>();
  private static final WorkloadRef WEB = new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "web");

  @BeforeEach
  void setUp() {
    cluster = new Fabric8ClusterOperations(client, KubernetesTransport.direct());
    checkpoints.clear();
    deployment(false, 3);
  }

  @AfterEach
  void stopWatches() {
    cluster.close();
  }

  private void deployment(boolean paused, int replicas) {
    Deployment d = ShopObjects.web(paused, replicas);
    client.apps().deployments().inNamespace("shop").resource(d).createOr(r -> r.update());
  }

  private ActionCall call(String step, Map<String, String> recorded) {
    return new ActionCall(
        new IdempotencyKey("run-1", step), false, recorded, m -> checkpoints.add(new HashMap<>(m)));
  }

  private Deployment web() {
    return client.apps().deployments().inNamespace("shop").withName("web").get();
  }

  @Test
  void restartSetsThePodTemplateAnnotationAndMarksTheObject() {
    Instant at = Instant.parse("2026-11-27T10:00:00Z");
    Effect effect = cluster.restart(call("restart", Map.of()), WEB, at);
    assertThat(effect.outputs()).containsEntry("restartedAt", "2026-11-27T10:00:00Z");
    assertThat(web().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-11-27T10:00:00Z");
    assertThat(web().getMetadata().getAnnotations())
        .containsEntry("remedy.dev/run-id", "run-1")
        .containsEntry("remedy.dev/step", "restart");
    assertThat(checkpoints).hasSize(1);
    assertThat(checkpoints.get(0)).containsKey("resourceVersion");

    // A repeat with the same timestamp changes nothing and says so.
    Effect again = cluster.restart(call("restart", checkpoints.get(0)), WEB, at);
    assertThat(again.summary()).startsWith("already restarted at");
  }

  @Test
  void aPausedDeploymentIsRefused() {
    deployment(true, 3);
    assertThatThrownBy(() -> cluster.restart(call("restart", Map.of()), WEB, Instant.now()))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.INVALID);
              assertThat(e.failure().message()).contains("paused");
            });
  }

  @Test
  void aMissingTargetIsAPermanentNotFound() {
    WorkloadRef missing = new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "nope");
    assertThatThrownBy(() -> cluster.restart(call("restart", Map.of()), missing, Instant.now()))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.NOT_FOUND);
              assertThat(e.failure().retryable()).isFalse();
            });
  }

  @Test
  void scaleComputesTheAbsoluteCountOnceAndARepeatCannotScaleTwice() {
    ScaleRequest byTwo =
        new ScaleRequest(new ScaleChange.By(2), OptionalInt.of(1), OptionalInt.of(10), false);
    Effect first = cluster.scale(call("scale", Map.of()), WEB, byTwo);
    assertThat(first.outputs())
        .containsEntry("previousReplicas", "3")
        .containsEntry("replicas", "5");
    assertThat(web().getSpec().getReplicas()).isEqualTo(5);

    // The answer was lost and the engine repeats the step with what the first try recorded.
    Effect repeat = cluster.scale(call("scale", checkpoints.get(0)), WEB, byTwo);
    assertThat(repeat.outputs()).containsEntry("replicas", "5");
    assertThat(web().getSpec().getReplicas()).isEqualTo(5);

    Effect undone = cluster.revert(call("undo", Map.of()), ActionType.SCALE, WEB, first.recorded());
    assertThat(undone.outputs()).containsEntry("replicas", "3");
    assertThat(web().getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void scaleRespectsItsBounds() {
    ScaleRequest tenfold =
        new ScaleRequest(new ScaleChange.Factor(10), OptionalInt.of(1), OptionalInt.of(8), false);
    assertThat(cluster.scale(call("scale", Map.of()), WEB, tenfold).outputs())
        .containsEntry("replicas", "8");
  }

  @Test
  void aWorkloadOwnedByAnAutoscalerIsNotScaled() {
    client
        .autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace("shop")
        .resource(ShopObjects.webAutoscaler(null, 10))
        .create();
    ScaleRequest to =
        new ScaleRequest(new ScaleChange.To(6), OptionalInt.empty(), OptionalInt.empty(), false);
    assertThatThrownBy(() -> cluster.scale(call("scale", Map.of()), WEB, to))
        .hasMessageContaining("HorizontalPodAutoscaler shop/web");
    assertThat(web().getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void rolloutIsCompleteOnlyWhenEveryReplicaIsUpdatedAndAvailable() {
    Deployment d = web();
    d.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(3)
            .withUpdatedReplicas(2)
            .withReadyReplicas(3)
            .withAvailableReplicas(3)
            .build());
    client.apps().deployments().inNamespace("shop").resource(d).updateStatus();
    assertThat(cluster.rollout(WEB)).isInstanceOf(RolloutState.Progressing.class);

    d = web();
    d.getStatus().setUpdatedReplicas(3);
    client.apps().deployments().inNamespace("shop").resource(d).updateStatus();
    assertThat(cluster.rollout(WEB)).isInstanceOf(RolloutState.Complete.class);

    d = web();
    d.getStatus()
        .setConditions(
            List.of(
                new io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"web-1\" has timed out progressing.")
                    .build()));
    client.apps().deployments().inNamespace("shop").resource(d).updateStatus();
    assertThat(cluster.rollout(WEB))
        .isInstanceOfSatisfying(
            RolloutState.Stuck.class,
            s -> assertThat(s.message()).contains("timed out progressing"));
  }

  private static io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context(
      String group, String kind, String plural) {
    return new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  private static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext ROUTES =
      context("gateway.networking.k8s.io", "HTTPRoute", "httproutes");
  private static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext VS =
      context("networking.istio.io", "VirtualService", "virtualservices");

  private void create(
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext type,
      String apiVersion,
      String kind,
      Map<String, Object> spec) {
    io.fabric8.kubernetes.api.model.GenericKubernetesResource r =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
    r.setApiVersion(apiVersion);
    r.setKind(kind);
    r.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("checkout")
            .withNamespace("shop")
            .build());
    r.setAdditionalProperty("spec", spec);
    client.genericKubernetesResources(type).inNamespace("shop").resource(r).create();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> backends(
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext type,
      String rules,
      String backends) {
    Map<String, Object> spec =
        (Map<String, Object>)
            client
                .genericKubernetesResources(type)
                .inNamespace("shop")
                .withName("checkout")
                .get()
                .getAdditionalProperties()
                .get("spec");
    return (List<Map<String, Object>>)
        ((List<Map<String, Object>>) spec.get(rules)).get(0).get(backends);
  }

  @Test
  void shiftTrafficSetsHttpRouteWeightsAndTheRevertPutsThemBack() {
    create(
        ROUTES,
        "gateway.networking.k8s.io/v1",
        "HTTPRoute",
        Map.of(
            "rules",
            List.of(
                Map.of(
                    "backendRefs",
                    List.of(
                        Map.of("name", "stable", "port", 80, "weight", 90),
                        Map.of("name", "canary", "port", 80, "weight", 10))))));
    WorkloadRef route = new WorkloadRef(TargetKind.HTTP_ROUTE, "shop", "checkout");
    Effect shifted = cluster.shiftTraffic(call("shift", Map.of()), route, 0, Map.of("canary", 0));
    assertThat(backends(ROUTES, "rules", "backendRefs"))
        .extracting(b -> b.get("name") + "=" + b.get("weight"))
        .containsExactly("stable=90", "canary=0");
    assertThat(shifted.recorded())
        .containsEntry("weight.stable", "90")
        .containsEntry("weight.canary", "10")
        .containsEntry("rule", "0");

    cluster.revert(call("undo", Map.of()), ActionType.SHIFT_TRAFFIC, route, shifted.recorded());
    assertThat(backends(ROUTES, "rules", "backendRefs"))
        .extracting(b -> b.get("name") + "=" + b.get("weight"))
        .containsExactly("stable=90", "canary=10");
  }

  @Test
  void virtualServiceWeightsMustAddUpTo100AndBackendsMustExist() {
    create(
        VS,
        "networking.istio.io/v1",
        "VirtualService",
        Map.of(
            "http",
            List.of(
                Map.of(
                    "route",
                    List.of(
                        Map.of(
                            "destination",
                            Map.of("host", "checkout", "subset", "v1"),
                            "weight",
                            80),
                        Map.of(
                            "destination",
                            Map.of("host", "checkout", "subset", "v2"),
                            "weight",
                            20))))));
    WorkloadRef vs = new WorkloadRef(TargetKind.VIRTUAL_SERVICE, "shop", "checkout");
    assertThatThrownBy(() -> cluster.shiftTraffic(call("shift", Map.of()), vs, 0, Map.of("v2", 50)))
        .hasMessageContaining("must add up to 100");
    assertThatThrownBy(() -> cluster.shiftTraffic(call("shift", Map.of()), vs, 0, Map.of("v3", 0)))
        .hasMessageContaining("has no backend [v3]");
    assertThatThrownBy(
            () -> cluster.shiftTraffic(call("shift", Map.of()), vs, 2, Map.of("v1", 100)))
        .hasMessageContaining("rule 2 does not exist");

    cluster.shiftTraffic(call("shift", Map.of()), vs, 0, Map.of("v1", 100, "v2", 0));
    assertThat(backends(VS, "http", "route"))
        .extracting(b -> b.get("weight"))
        .containsExactly(100, 0);
  }
}
