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
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
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
    kube.apps().deployments().inNamespace("shop").resource(ShopObjects.web(false, 3)).create();
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
  void anAutoscalerTheWatchNamesIsReadAgainAndAStaleNameFallsBackToAList() {
    autoscaler().create(); // web, bounds 2-5
    HorizontalPodAutoscaler now = autoscaler().get();
    now.getSpec().setMinReplicas(3);
    now.getSpec().setMaxReplicas(7);
    kube.autoscaling().v2().horizontalPodAutoscalers().resource(now).update();

    api.forgetRequests();
    Optional<HorizontalPodAutoscaler> named =
        new Autoscalers(kube, target -> Optional.of(List.of("web"))).of(WEB);
    assertThat(named)
        .hasValueSatisfying(
            h ->
                assertThat(Autoscalers.record(h))
                    .containsEntry("hpaMinReplicas", "3")
                    .containsEntry("hpaMaxReplicas", "7"));
    assertThat(autoscalerLists()).isZero();
    assertThat(api.requests())
        .extracting(RecordingApiServer.Request::pathWithoutQuery)
        .containsExactly("/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web");

    api.forgetRequests(); // the watch is behind: it names one since deleted
    assertThat(new Autoscalers(kube, target -> Optional.of(List.of("old"))).of(WEB))
        .hasValueSatisfying(h -> assertThat(h.getMetadata().getName()).isEqualTo("web"));
    assertThat(autoscalerLists()).isEqualTo(1);

    api.forgetRequests(); // the watch says none: nothing is asked of the API server
    assertThat(new Autoscalers(kube, target -> Optional.of(List.of())).of(WEB)).isEmpty();
    assertThat(api.requests()).isEmpty();

    api.forgetRequests(); // the watch cannot tell: the namespace is listed
    assertThat(new Autoscalers(kube, target -> Optional.empty()).of(WEB)).isPresent();
    assertThat(autoscalerLists()).isEqualTo(1);
  }

  @Test
  void anAutoscalerCreatedWhileTheWatchRunsRefusesTheScale() {
    assertThat(scaleListing(4)).as("%s", api.requests()).isEqualTo(1); // the watch was starting
    await().atMost(SYNCED).until(() -> scaleListing(4) == 0);
    autoscaler().create();
    await()
        .atMost(SYNCED)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> scale(4, false))
                    .hasMessageContaining("HorizontalPodAutoscaler shop/web owns the replicas"));
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
        .resource(ShopObjects.webAutoscaler(2, 5));
  }
}
