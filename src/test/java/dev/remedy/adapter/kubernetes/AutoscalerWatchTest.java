package dev.remedy.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations.ScaleRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scale asks the watch of its namespace's HorizontalPodAutoscalers which one owns its workload,
 * instead of listing them, once that watch has synced; what the watch names is read again; without
 * a watch (refused, as by a role without {@code watch}) every scale lists, as before.
 */
class AutoscalerWatchTest {

  private static final WorkloadRef WEB = new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "web");
  private static final Duration SYNCED = Duration.ofSeconds(10);

  private final RecordingApiServer api = new RecordingApiServer();
  private final KubernetesClient kube = api.client();
  private final Fabric8ClusterOperations cluster =
      new Fabric8ClusterOperations(kube, KubernetesTransport.direct());
  private final AtomicInteger steps = new AtomicInteger();

  @BeforeEach
  void deployment() {
    kube.apps()
        .deployments()
        .inNamespace("shop")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewTemplate()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  @AfterEach
  void close() {
    cluster.close();
    api.close();
  }

  @Test
  void onceTheWatchHasSyncedAScaleListsNoAutoscalers() {
    assertThat(scaleListing(4)).as("%s", api.requests()).isEqualTo(1); // the watch was starting

    await().atMost(SYNCED).until(() -> scaleListing(5) == 0);
    assertThat(api.requests()).noneMatch(RecordingApiServer.Request::isWatch);
    assertThat(kube.apps().deployments().inNamespace("shop").withName("web").get())
        .satisfies(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(5));
  }

  @Test
  void anAutoscalerTheWatchSeesIsReadAgainBeforeItRefusesOrIsRecorded() {
    scale(4, false);
    await().atMost(SYNCED).until(() -> scaleListing(4) == 0);

    autoscaler().create();
    await()
        .atMost(SYNCED)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> scale(4, false))
                    .hasMessageContaining("HorizontalPodAutoscaler shop/web owns the replicas"));

    // Bounds changed just now: what the scale records for its revert is the object as it is.
    HorizontalPodAutoscaler moved = autoscaler().get();
    moved.getSpec().setMinReplicas(3);
    moved.getSpec().setMaxReplicas(7);
    kube.autoscaling().v2().horizontalPodAutoscalers().resource(moved).update();
    api.forgetRequests();
    Effect adjusted = scale(6, true);
    assertThat(adjusted.recorded())
        .containsEntry("hpa", "web")
        .containsEntry("hpaMinReplicas", "3")
        .containsEntry("hpaMaxReplicas", "7");
    assertThat(autoscalerLists()).as("%s", api.requests()).isZero();
  }

  @Test
  void aRemovedAutoscalerNoLongerOwnsTheWorkload() {
    autoscaler().create();
    assertThatThrownBy(() -> scale(4, false)).hasMessageContaining("owns the replicas");
    AutoscalerWatch watch = new AutoscalerWatch(kube);
    try (watch) {
      await().atMost(SYNCED).until(() -> watch.owners(WEB).equals(Optional.of(List.of("web"))));
      autoscaler().delete();
      await().atMost(SYNCED).until(() -> watch.owners(WEB).equals(Optional.of(List.of())));
    }
    assertThat(scale(4, false).outputs()).containsEntry("replicas", "4");
  }

  @Test
  void aRefusedWatchIsNotAskedForAgainAndEveryScaleLists() {
    api.refuseWatches();
    scale(4, false);
    await()
        .atMost(SYNCED)
        .until(() -> api.requests().stream().anyMatch(RecordingApiServer.Request::isWatch));
    for (int replicas = 5; replicas <= 7; replicas++) {
      assertThat(scaleListing(replicas)).as("%s", api.requests()).isEqualTo(1);
      assertThat(api.requests()).noneMatch(RecordingApiServer.Request::isWatch);
    }
    assertThat(kube.apps().deployments().inNamespace("shop").withName("web").get())
        .satisfies(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(7));
  }

  /** Scales to {@code replicas} and counts the lists of autoscalers that scale sent. */
  private long scaleListing(int replicas) {
    api.forgetRequests();
    scale(replicas, false);
    return autoscalerLists();
  }

  /** The lists of autoscalers a scale sent (the watch's own first list asks from version 0). */
  private long autoscalerLists() {
    return api.requests().stream()
        .filter(r -> r.method().equals("GET") && !r.isWatch())
        .filter(r -> !r.path().contains("resourceVersion="))
        .filter(r -> r.pathWithoutQuery().endsWith("/horizontalpodautoscalers"))
        .count();
  }

  private Effect scale(int replicas, boolean adjustHpa) {
    ActionCall call =
        new ActionCall(
            new IdempotencyKey("run-watch", "scale-" + steps.incrementAndGet()),
            false,
            Map.of(),
            m -> {});
    return cluster.scale(
        call,
        WEB,
        new ScaleRequest(
            new ScaleChange.To(replicas), OptionalInt.empty(), OptionalInt.empty(), adjustHpa));
  }

  private Resource<HorizontalPodAutoscaler> autoscaler() {
    return kube.autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace("shop")
        .resource(
            new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName("web")
                .endScaleTargetRef()
                .withMinReplicas(2)
                .withMaxReplicas(5)
                .endSpec()
                .build());
  }
}
